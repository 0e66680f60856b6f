//! What `scan` recognises, as data: one static table per kind, each row tested, so that teaching
//! the scan a new ecosystem is one reviewed line.

pub mod commands;
pub mod generated;
pub mod images;
pub mod names;
pub mod vendors;

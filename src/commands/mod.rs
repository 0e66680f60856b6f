//! One module per subcommand: each gathers what it shows and hands it to `output`.

pub mod assess;
pub mod compare;
pub mod explain;
pub mod glossary;
pub mod questions;
pub mod search;
pub mod topics;

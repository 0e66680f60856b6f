//! The library's questionnaire loader, compiled into build.rs to validate it at build time.

#[path = "../src/assess/items.rs"]
mod items;
#[path = "../src/assess/load.rs"]
pub mod load;
#[path = "../src/assess/model.rs"]
pub mod model;
#[path = "../src/assess/raw.rs"]
pub mod raw;
pub(crate) use crate::text;

//! The library's knowledge loaders, compiled into build.rs to validate `knowledge/` at build time.

#[path = "../src/knowledge/catalog.rs"]
pub mod catalog;
#[path = "../src/knowledge/glossary.rs"]
pub mod glossary;
#[path = "../src/knowledge/index.rs"]
pub mod index;
#[path = "../src/knowledge/model.rs"]
pub mod model;
#[path = "../src/knowledge/raw.rs"]
pub mod raw;
#[path = "../src/knowledge/search_doc.rs"]
pub mod search_doc;
pub(crate) use crate::text;
#[path = "../src/knowledge/validate.rs"]
pub mod validate;

pub use catalog::{Catalog, SourceFile};
pub use glossary::Glossary;
pub use model::ConcernId;

//! The knowledge compiled into this binary. build.rs validates `knowledge/` (a broken file fails
//! the build with its file:line:column) and stores the result as postcard blobs: an index, one
//! blob per topic, the glossary and the questionnaire. Nothing here parses YAML.

use super::{Catalog, Glossary, index::Index};
use crate::assess::Questionnaire;
use crate::error::{Diagnostic, Error, Result};

mod generated {
    include!(concat!(env!("OUT_DIR"), "/builtin.rs"));
}

fn decode<T: serde::Deserialize<'static>>(bytes: &'static [u8], what: &str) -> Result<T> {
    postcard::from_bytes(bytes).map_err(|e| {
        Error::InvalidBuiltin(vec![Diagnostic::new(format!("built-in {what}"), format!("cannot be decoded: {e}"))])
    })
}

impl Catalog {
    /// The topics embedded in this binary; each is decoded when first used.
    pub fn builtin() -> Result<Self> {
        let index = decode::<Index>(generated::INDEX, "topic index")?;
        Ok(Catalog::from_blobs(index, generated::TOPICS, generated::SEARCH, generated::VOCABULARY))
    }
}

impl Glossary {
    pub fn builtin() -> Result<Self> {
        decode(generated::GLOSSARY, "glossary")
    }
}

pub fn questionnaire() -> Result<Questionnaire> {
    decode(generated::QUESTIONNAIRE, "questionnaire")
}

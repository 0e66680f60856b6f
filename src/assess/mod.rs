//! `msadvise assess`: the questionnaire (data), the pure engine, answers files and the report.

pub mod answers;
pub mod change;
pub mod engine;
pub mod inferred;
mod items;
mod load;
pub mod model;
pub mod prompt;
pub mod quiz;
mod raw;
pub mod report;
pub mod signals;
pub mod team;
pub use crate::text;

pub use answers::Answers;
pub use engine::Answer;
pub use load::VERDICTS;
pub use model::Questionnaire;
pub use report::Report;

use crate::error::{Diagnostic, Result};
use crate::yaml;

/// Parse a knowledge pack's questionnaire additions (`assessment/extend.yaml`) and add them to `base`.
pub fn extend(
    base: Questionnaire,
    file: &str,
    text: &str,
    topic_exists: &dyn Fn(&str) -> bool,
) -> Result<Questionnaire, Vec<Diagnostic>> {
    let raw: raw::RawExtension = yaml::parse(file, text).map_err(|d| vec![d])?;
    load::extend(base, raw, file, topic_exists)
}

/// Parse and validate a questionnaire file; `topic_exists` checks its links into the knowledge base.
pub fn load(file: &str, text: &str, topic_exists: &dyn Fn(&str) -> bool) -> Result<Questionnaire, Vec<Diagnostic>> {
    let raw: raw::RawQuestionnaire = yaml::parse(file, text).map_err(|d| vec![d])?;
    load::validate(raw, file, topic_exists)
}

/// The questionnaire embedded in this binary; its topic links are checked against the embedded
/// topic files by name, without parsing them (the test suite validates the topics themselves).
pub fn builtin_questionnaire() -> Result<Questionnaire> {
    crate::knowledge::builtin::questionnaire()
}

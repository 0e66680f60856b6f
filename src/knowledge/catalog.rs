//! A validated set of topics: cross-topic checks and lookup by id or alias.

use std::collections::HashMap;

use super::model::Topic;
use super::raw::RawTopic;
use super::validate::{self, Checked};
use crate::error::{Diagnostic, Error, Result};
use crate::yaml;

/// One file of a knowledge pack: its path as shown to people, and its bytes.
#[derive(Debug, Clone)]
pub struct SourceFile<'a> {
    pub path: String,
    pub bytes: &'a [u8],
}

#[derive(Debug)]
pub struct Catalog {
    topics: Vec<Topic>,
    /// Lower-cased id or alias to index in `topics`.
    names: HashMap<String, usize>,
}

impl Catalog {
    /// The knowledge embedded in this binary. A failure here is a bug in the build, never the user's.
    pub fn builtin() -> Result<Self> {
        Self::from_files(&super::builtin_topic_files()).map_err(Error::InvalidBuiltin)
    }

    /// Parse and validate topic files, reporting every problem found, not just the first.
    pub fn from_files(files: &[SourceFile<'_>]) -> Result<Self, Vec<Diagnostic>> {
        let mut diagnostics = Vec::new();
        let mut checked = Vec::with_capacity(files.len());
        // Topics whose files could not be parsed still exist: links to them are not errors too.
        let mut unparsed: Vec<&str> = Vec::new();
        for file in files {
            match load_one(file) {
                Ok((c, mut d)) => {
                    checked.push(c);
                    diagnostics.append(&mut d);
                }
                Err(d) => {
                    diagnostics.push(d);
                    unparsed.push(stem(&file.path));
                }
            }
        }
        let names = cross_check(&checked, &unparsed, &mut diagnostics);
        if diagnostics.is_empty() {
            Ok(Catalog { topics: checked.into_iter().map(|c| c.topic).collect(), names })
        } else {
            Err(diagnostics)
        }
    }

    /// No topics at all: a stand-in when nothing could be loaded.
    pub fn empty() -> Self {
        Catalog { topics: Vec::new(), names: HashMap::new() }
    }

    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    /// Find a topic by id or alias, ignoring case and surrounding blanks.
    pub fn find(&self, query: &str) -> Option<&Topic> {
        self.names.get(&normalise(query)).map(|&i| &self.topics[i])
    }

    /// Topic ids whose names are close to `query`, best first, for "did you mean".
    pub fn suggest(&self, query: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for name in crate::suggest::ranked(&normalise(query), self.names.keys().map(String::as_str)) {
            let id = &self.topics[self.names[name]].id;
            if !out.contains(id) {
                out.push(id.clone());
            }
        }
        out.truncate(3);
        out
    }
}

/// Case, surrounding blanks and the choice of space, '_' or '-' between words do not matter.
fn normalise(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
        .to_lowercase()
}

/// The file name without `.yaml`: a topic's id.
fn stem(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or_default().trim_end_matches(".yaml")
}

fn load_one(file: &SourceFile<'_>) -> Result<(Checked, Vec<Diagnostic>), Diagnostic> {
    let text = std::str::from_utf8(file.bytes)
        .map_err(|e| Diagnostic::new(&file.path, format!("not valid UTF-8 (byte {})", e.valid_up_to())))?;
    let raw: RawTopic = yaml::parse(&file.path, text)?;
    Ok(validate::check(raw, &file.path, stem(&file.path)))
}

/// Ids and aliases must be unique across topics, and every reference must resolve.
fn cross_check(checked: &[Checked], unparsed: &[&str], diagnostics: &mut Vec<Diagnostic>) -> HashMap<String, usize> {
    let mut names: HashMap<String, usize> = HashMap::new();
    for (i, c) in checked.iter().enumerate() {
        for name in &c.names {
            let key = normalise(&name.value);
            if let Some(&other) = names.get(&key) {
                if other != i {
                    let msg = format!(
                        "name `{}` is already used by topic `{}` ({})",
                        name.value, checked[other].topic.id, checked[other].file
                    );
                    diagnostics.push(yaml::located(&c.file, name, msg));
                }
            } else {
                names.insert(key, i);
            }
        }
    }
    for c in checked {
        for r in &c.references {
            let exists =
                checked.iter().any(|o| o.topic.id == r.target.value) || unparsed.contains(&r.target.value.as_str());
            if !exists {
                let msg = format!("`{}` names topic `{}`, which does not exist", r.field, r.target.value);
                diagnostics.push(yaml::located(&c.file, &r.target, msg));
            }
        }
    }
    names
}

//! The glossary: short definitions of terms, each pointing to the topic that explains it.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::error::{Diagnostic, Result};
use crate::yaml::{self, Problems};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGlossary {
    terms: Vec<RawTerm>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    term: Spanned<String>,
    definition: Spanned<String>,
    topic: Option<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Term {
    pub term: String,
    pub definition: String,
    pub topic: Option<String>,
    pub aliases: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Glossary {
    pub terms: Vec<Term>,
}

impl Glossary {
    /// Parse and validate: non-empty text, unique terms and aliases, topics that exist.
    pub fn parse(file: &str, text: &str, topic_exists: &dyn Fn(&str) -> bool) -> Result<Self, Vec<Diagnostic>> {
        let raw: RawGlossary = yaml::parse(file, text).map_err(|d| vec![d])?;
        let mut p = Problems::new(file);
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut terms = Vec::with_capacity(raw.terms.len());
        for t in raw.terms {
            for name in std::iter::once(&t.term).chain(&t.aliases) {
                if let Some(other) = seen.insert(normalise(&name.value), t.term.value.clone()) {
                    p.at(name, format!("`{}` is already defined (by `{other}`)", name.value));
                }
            }
            if let Some(topic) = &t.topic
                && !topic_exists(&topic.value)
            {
                p.at(topic, format!("topic `{}` does not exist (see `msadvise topics`)", topic.value));
            }
            terms.push(Term {
                term: p.text(t.term, "term"),
                definition: p.text(t.definition, "definition"),
                topic: t.topic.map(|x| x.value),
                aliases: p.texts(t.aliases, "aliases"),
            });
        }
        if p.diagnostics.is_empty() { Ok(Glossary { terms }) } else { Err(p.diagnostics) }
    }

    /// The term whose name or alias is `query`, ignoring case and separators.
    pub fn find(&self, query: &str) -> Option<&Term> {
        let q = normalise(query);
        self.terms.iter().find(|t| normalise(&t.term) == q || t.aliases.iter().any(|a| normalise(a) == q))
    }

    /// Terms whose name, aliases or definition mention `query`, or whose name is close to it.
    pub fn search(&self, query: &str) -> Vec<&Term> {
        let q = normalise(query);
        let mut hits: Vec<&Term> = self
            .terms
            .iter()
            .filter(|t| {
                normalise(&t.term).contains(&q)
                    || t.aliases.iter().any(|a| normalise(a).contains(&q))
                    || normalise(&t.definition).contains(&q)
            })
            .collect();
        if hits.is_empty() {
            let names = self.terms.iter().map(|t| t.term.as_str());
            for name in crate::suggest::ranked(query, names).into_iter().take(5) {
                hits.extend(self.terms.iter().find(|t| t.term == name));
            }
        }
        hits
    }
}

fn normalise(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

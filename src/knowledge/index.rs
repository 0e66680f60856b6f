//! The topic index: names, one-line entries and the search vocabulary, built once from validated
//! topics (at build time for the built-in ones) so that most commands never read a whole topic.

use serde::{Deserialize, Serialize};

use super::model::{Kind, Topic};

/// What listings and lookups need of a topic, without its body.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub title: String,
    pub kind: Kind,
    pub aliases: Vec<String>,
    pub summary: String,
    pub has_profile: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Index {
    pub entries: Vec<Entry>,
    /// Normalised id or alias, sorted, with the entry it names.
    pub names: Vec<(String, u32)>,
}

/// Every word of every topic, sorted, with the entries it appears in: what search needs, kept
/// apart from the index so that other commands do not decode it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Vocabulary {
    pub words: Vec<(String, Vec<u32>)>,
}

impl Index {
    /// Index `topics`; a name used twice keeps its first topic (validation reports the clash).
    pub fn build(topics: &[Topic]) -> Index {
        let mut names: Vec<(String, u32)> = Vec::new();
        for (i, t) in topics.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            for name in t.names() {
                let key = normalise(name);
                if !names.iter().any(|(n, _)| *n == key) {
                    names.push((key, i));
                }
            }
        }
        names.sort();
        let entries = topics
            .iter()
            .map(|t| Entry {
                id: t.id.clone(),
                title: t.title.clone(),
                kind: t.kind,
                aliases: t.aliases.clone(),
                summary: t.summary.clone(),
                has_profile: t.profile.is_some(),
            })
            .collect();
        Index { entries, names }
    }

    /// The entry named `query` (id or alias), ignoring case and word separators.
    pub fn find(&self, query: &str) -> Option<usize> {
        let key = normalise(query);
        self.names.binary_search_by(|(n, _)| n.as_str().cmp(&key)).ok().map(|at| self.names[at].1 as usize)
    }
}

impl Vocabulary {
    pub fn build(topics: &[Topic]) -> Vocabulary {
        let mut postings: std::collections::BTreeMap<String, Vec<u32>> = std::collections::BTreeMap::new();
        for (i, t) in topics.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            for field in fields(t) {
                for w in words(field.text) {
                    let list = postings.entry(w).or_default();
                    if list.last() != Some(&i) {
                        list.push(i);
                    }
                }
            }
        }
        Vocabulary { words: postings.into_iter().collect() }
    }

    /// Entries whose text has a word equal to `word`, starting with it (three letters or more), or,
    /// when `fuzzy`, within the typo distance `search` allows.
    pub fn containing(&self, word: &str, fuzzy: bool) -> Vec<u32> {
        let start = self.words.partition_point(|(w, _)| w.as_str() < word);
        let mut found: Vec<u32> = Vec::new();
        for (w, entries) in &self.words[start..] {
            let exact_or_prefix = w == word || (word.len() >= 3 && w.starts_with(word));
            if !exact_or_prefix {
                break;
            }
            found.extend(entries);
        }
        if fuzzy && word.len() >= 4 {
            let limit = if word.len() >= 8 { 2 } else { 1 };
            for (w, entries) in &self.words {
                if w.len().abs_diff(word.len()) <= limit && strsim::osa_distance(word, w) <= limit {
                    found.extend(entries);
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// Case, surrounding blanks and the choice of space, '_' or '-' between words do not matter.
pub fn normalise(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
        .to_lowercase()
}

/// One searchable part of a topic, and how much a match in it counts.
#[derive(Debug)]
pub struct Field<'a> {
    pub name: &'static str,
    pub weight: f64,
    pub text: &'a str,
}

/// Every searchable part of a topic, names weighing most and the body least.
pub fn fields(t: &Topic) -> Vec<Field<'_>> {
    let mut f = vec![
        Field { name: "title", weight: 10.0, text: &t.title },
        Field { name: "id", weight: 8.0, text: &t.id },
        Field { name: "summary", weight: 4.0, text: &t.summary },
        Field { name: "definition", weight: 2.0, text: &t.definition },
    ];
    f.extend(t.aliases.iter().map(|a| Field { name: "alias", weight: 8.0, text: a }));
    let body = |name, text| Field { name, weight: 1.0, text };
    for i in &t.characteristics {
        f.extend([body("characteristics", &i.title), body("characteristics", &i.detail)]);
    }
    for a in &t.advantages {
        f.extend([body("advantages", &a.title), body("advantages", &a.detail)]);
    }
    for d in &t.disadvantages {
        f.extend([body("disadvantages", &d.title), body("disadvantages", &d.detail)]);
    }
    for m in &t.misconceptions {
        f.extend([body("misconceptions", &m.claim), body("misconceptions", &m.reality)]);
    }
    for c in &t.concerns {
        f.extend([body("concerns", &c.title), body("concerns", &c.detail)]);
        f.extend(c.practices.iter().map(|p| body("concerns", p)));
    }
    f.extend(t.when_to_use.iter().map(|w| body("when_to_use", w)));
    f.extend(t.when_not_to_use.iter().map(|w| body("when_not_to_use", w)));
    f
}

/// Lower-cased words with a light plural folding, so "services" finds "service".
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| fold(&w.to_lowercase())).collect()
}

fn fold(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("ies").filter(|s| s.len() > 2) {
        format!("{stem}y")
    } else if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        w[..w.len() - 1].to_string()
    } else {
        w.to_string()
    }
}

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

/// Every word of every topic, sorted, with where it appears: what search needs, kept apart from
/// the index so that other commands never decode it, and laid out flat so decoding it is cheap.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Vocabulary {
    /// The words, sorted, each followed by a newline.
    pub words: String,
    /// Where word `i` starts in `words` (one more entry than there are words).
    pub starts: Vec<u32>,
    /// Postings of word `i` are `postings[posting_starts[i]..posting_starts[i + 1]]`.
    pub postings: Vec<Posting>,
    pub posting_starts: Vec<u32>,
}

/// One topic a word appears in: the heaviest field it appears in, and in how many fields.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Posting {
    pub topic: u32,
    pub weight: f32,
    pub fields: u32,
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
        let mut postings: std::collections::BTreeMap<String, Vec<Posting>> = std::collections::BTreeMap::new();
        for (i, t) in topics.iter().enumerate() {
            let topic = u32::try_from(i).unwrap_or(u32::MAX);
            for field in fields(t) {
                let mut seen: Vec<String> = words(field.text);
                seen.sort_unstable();
                seen.dedup();
                for w in seen {
                    let list = postings.entry(w).or_default();
                    match list.last_mut() {
                        Some(p) if p.topic == topic => {
                            p.weight = p.weight.max(field.weight as f32);
                            p.fields += 1;
                        }
                        _ => list.push(Posting { topic, weight: field.weight as f32, fields: 1 }),
                    }
                }
            }
        }
        let mut v = Vocabulary::default();
        for (word, list) in postings {
            v.starts.push(u32::try_from(v.words.len()).unwrap_or(u32::MAX));
            v.posting_starts.push(u32::try_from(v.postings.len()).unwrap_or(u32::MAX));
            v.words.push_str(&word);
            v.words.push('\n');
            v.postings.extend(list);
        }
        v.starts.push(u32::try_from(v.words.len()).unwrap_or(u32::MAX));
        v.posting_starts.push(u32::try_from(v.postings.len()).unwrap_or(u32::MAX));
        v
    }

    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn word(&self, i: usize) -> &str {
        let (a, b) = (self.starts[i] as usize, self.starts[i + 1] as usize);
        self.words.get(a..b.saturating_sub(1)).unwrap_or_default()
    }

    fn postings_of(&self, i: usize) -> &[Posting] {
        let (a, b) = (self.posting_starts[i] as usize, self.posting_starts[i + 1] as usize);
        self.postings.get(a..b).unwrap_or_default()
    }

    /// Per topic, how well `word` matches it: the best of (exact 1, prefix 0.7, typo 0.6 when
    /// `fuzzy`) times the weight of the field, and the number of fields the match appears in.
    pub fn matches(&self, word: &str, fuzzy: bool) -> Vec<(u32, f64, u32)> {
        let mut best: std::collections::BTreeMap<u32, (f64, u32)> = std::collections::BTreeMap::new();
        let mut note = |quality: f64, postings: &[Posting]| {
            for p in postings {
                let e = best.entry(p.topic).or_insert((0.0, 0));
                e.0 = e.0.max(quality * f64::from(p.weight));
                e.1 = e.1.max(p.fields);
            }
        };
        let (mut start, mut end) = (0, self.len());
        while start < end {
            let mid = start + (end - start) / 2;
            if self.word(mid) < word { start = mid + 1 } else { end = mid }
        }
        for i in start..self.len() {
            let w = self.word(i);
            if w == word {
                note(1.0, self.postings_of(i));
            } else if word.len() >= 3 && w.starts_with(word) {
                note(0.7, self.postings_of(i));
            } else {
                break;
            }
        }
        if fuzzy && word.len() >= 4 {
            let limit = if word.len() >= 8 { 2 } else { 1 };
            for i in 0..self.len() {
                let w = self.word(i);
                if w != word && w.len().abs_diff(word.len()) <= limit && strsim::osa_distance(word, w) <= limit {
                    note(0.6, self.postings_of(i));
                }
            }
        }
        best.into_iter().map(|(t, (s, f))| (t, s, f)).collect()
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

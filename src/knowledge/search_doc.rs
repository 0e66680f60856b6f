//! What search reads of a topic: its fields, their weights, and their words folded once.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::index::{le_u32, line, push_u32};
use super::model::Topic;

/// One searchable part of a topic, and how much a match in it counts.
#[derive(Debug)]
pub struct Field<'a> {
    pub name: &'static str,
    pub weight: f64,
    pub text: &'a str,
}

/// The kinds of searchable field, by name, and how much a match in each counts.
const FIELD_KINDS: [(&str, f64); 12] = [
    ("title", 10.0),
    ("id", 8.0),
    ("summary", 4.0),
    ("definition", 2.0),
    ("alias", 8.0),
    ("characteristics", 1.0),
    ("advantages", 1.0),
    ("disadvantages", 1.0),
    ("misconceptions", 1.0),
    ("concerns", 1.0),
    ("when_to_use", 1.0),
    ("when_not_to_use", 1.0),
];

/// What search reads of a topic: each field's kind, its words folded as the vocabulary folds
/// them, and where its text is. Built-in topics have one each, made at build time, so that
/// scoring a topic neither decodes it nor folds its text; a topic read from files gets one when
/// it is scored.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SearchDoc<'a> {
    /// Each field's kind, an index into `FIELD_KINDS`.
    #[serde(borrow, with = "serde_bytes")]
    kinds: Cow<'a, [u8]>,
    /// Every field's folded words joined by single spaces, each field followed by a newline.
    #[serde(borrow)]
    folded: Cow<'a, str>,
    /// Where field `i` starts in `folded` (one more than there are fields), u32 LE.
    #[serde(borrow, with = "serde_bytes")]
    folded_starts: Cow<'a, [u8]>,
    /// Where field `i`'s text lies in the topic's own blob, start and end, u32 LE, so that the
    /// text is not stored twice. Empty for a topic read from files.
    #[serde(borrow, with = "serde_bytes")]
    spans: Cow<'a, [u8]>,
}

impl SearchDoc<'static> {
    /// `t`'s search document; `blob`, the topic's own encoding, is where its texts are found.
    pub fn build(t: &Topic, blob: Option<&[u8]>) -> SearchDoc<'static> {
        let fields = fields(t);
        let kind = |name: &str| FIELD_KINDS.iter().position(|(n, _)| *n == name).unwrap_or(0);
        let kinds: Vec<u8> = fields.iter().map(|f| u8::try_from(kind(f.name)).unwrap_or(0)).collect();
        let (mut folded, mut folded_starts, mut spans) = (String::new(), Vec::new(), Vec::new());
        for f in &fields {
            let start = folded.len();
            push_u32(&mut folded_starts, start);
            for w in raw_words(f.text) {
                if folded.len() > start {
                    folded.push(' ');
                }
                push_folded(&mut folded, w);
            }
            folded.push('\n');
            if let Some(blob) = blob {
                // Any place of the same bytes will do. Not found (never with postcard), the
                // span is empty and the text is read from the decoded topic instead.
                let (a, b) =
                    memchr::memmem::find(blob, f.text.as_bytes()).map_or((usize::MAX, 0), |at| (at, at + f.text.len()));
                push_u32(&mut spans, a);
                push_u32(&mut spans, b);
            }
        }
        push_u32(&mut folded_starts, folded.len());
        SearchDoc {
            kinds: Cow::Owned(kinds),
            folded: Cow::Owned(folded),
            folded_starts: Cow::Owned(folded_starts),
            spans: Cow::Owned(spans),
        }
    }
}

impl SearchDoc<'_> {
    /// How many fields there are.
    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    /// Field `i`'s kind and weight.
    pub fn kind(&self, i: usize) -> (&'static str, f64) {
        let k = self.kinds.get(i).map_or(0, |&k| usize::from(k));
        FIELD_KINDS.get(k).copied().unwrap_or(FIELD_KINDS[0])
    }

    /// Every field's folded words, fields separated by newlines.
    pub fn folded(&self) -> &str {
        &self.folded
    }

    /// Field `i`'s folded words, joined by single spaces.
    pub fn folded_field(&self, i: usize) -> &str {
        line(&self.folded, &self.folded_starts, i)
    }

    /// Where field `i` ends in [`Self::folded`], its newline included.
    pub fn folded_end(&self, i: usize) -> usize {
        le_u32(&self.folded_starts, i + 1) as usize
    }

    /// Where field `i`'s text lies in the topic's blob, if it was found there.
    pub fn span(&self, i: usize) -> Option<std::ops::Range<usize>> {
        let (a, b) = (le_u32(&self.spans, 2 * i) as usize, le_u32(&self.spans, 2 * i + 1) as usize);
        (self.spans.len() >= 8 * (i + 1) && a <= b).then_some(a..b)
    }
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
    raw_words(text)
        .map(|w| {
            let mut folded = String::with_capacity(w.len());
            push_folded(&mut folded, w);
            folded
        })
        .collect()
}

/// The words of `text` as written: runs of letters and digits.
pub fn raw_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// Append `word` lower-cased, with plurals folded: "policies" to "policy", "services" to "service".
pub fn push_folded(out: &mut String, word: &str) {
    let start = out.len();
    if word.is_ascii() {
        out.push_str(word);
        out[start..].make_ascii_lowercase();
    } else {
        out.push_str(&word.to_lowercase());
    }
    let w = &out[start..];
    if w.len() > 5 && w.ends_with("ies") {
        out.truncate(out.len() - 3);
        out.push('y');
    } else if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        out.pop();
    }
}

//! The topic index: names, one-line entries and the search vocabulary, built once from validated
//! topics (at build time for the built-in ones) so that most commands never read a whole topic.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::model::{Kind, Topic};
use super::search_doc::{fields, words};

/// What listings and lookups need of a topic, without its body. Decoded from the built-in blob,
/// its text borrows from the binary instead of being copied.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndexEntry<'a> {
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    #[serde(borrow)]
    pub title: Cow<'a, str>,
    pub kind: Kind,
    /// The aliases, one per line (one string, so it can be borrowed).
    #[serde(borrow)]
    pub aliases: Cow<'a, str>,
    #[serde(borrow)]
    pub summary: Cow<'a, str>,
    pub has_profile: bool,
}

impl IndexEntry<'_> {
    pub fn aliases(&self) -> impl Iterator<Item = &str> {
        self.aliases.lines().filter(|a| !a.is_empty())
    }
}

/// An index entry as the catalog keeps it.
pub type Entry = IndexEntry<'static>;

impl IndexEntry<'_> {
    fn into_owned(self) -> Entry {
        let own = |c: Cow<'_, str>| Cow::Owned(c.into_owned());
        IndexEntry {
            id: own(self.id),
            title: own(self.title),
            kind: self.kind,
            aliases: own(self.aliases),
            summary: own(self.summary),
            has_profile: self.has_profile,
        }
    }
}

/// The names and one-line entries of every topic, laid out flat so that decoding the index costs
/// the same however many topics there are: a lookup is a binary search over the names in place,
/// and only the entries a command shows are decoded.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Index<'a> {
    /// Every entry, postcard-encoded, back to back.
    #[serde(borrow, with = "serde_bytes")]
    entries: Cow<'a, [u8]>,
    /// Where entry `i` starts in `entries` (one more than there are entries), u32 LE.
    #[serde(borrow, with = "serde_bytes")]
    entry_starts: Cow<'a, [u8]>,
    /// Normalised ids and aliases, sorted, each followed by a newline.
    #[serde(borrow)]
    names: Cow<'a, str>,
    /// Where name `i` starts in `names` (one more than there are names), u32 LE.
    #[serde(borrow, with = "serde_bytes")]
    name_starts: Cow<'a, [u8]>,
    /// The entry name `i` names, u32 LE.
    #[serde(borrow, with = "serde_bytes")]
    name_entries: Cow<'a, [u8]>,
}

pub(super) fn push_u32(out: &mut Vec<u8>, n: usize) {
    out.extend(u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

impl Index<'static> {
    /// Index `topics`; a name used twice keeps its first topic (validation reports the clash).
    pub fn build(topics: &[Topic]) -> Index<'static> {
        let mut named: Vec<(String, usize)> = Vec::new();
        for (i, t) in topics.iter().enumerate() {
            for name in t.names() {
                let key = normalise(name);
                if !named.iter().any(|(n, _)| *n == key) {
                    named.push((key, i));
                }
            }
        }
        named.sort();
        let (mut names, mut name_starts, mut name_entries) = (String::new(), Vec::new(), Vec::new());
        for (name, i) in named {
            push_u32(&mut name_starts, names.len());
            names.push_str(&name);
            names.push('\n');
            push_u32(&mut name_entries, i);
        }
        push_u32(&mut name_starts, names.len());
        let (mut entries, mut entry_starts) = (Vec::new(), Vec::new());
        for t in topics {
            push_u32(&mut entry_starts, entries.len());
            let entry = IndexEntry {
                id: Cow::Borrowed(t.id.as_str()),
                title: Cow::Borrowed(t.title.as_str()),
                kind: t.kind,
                aliases: Cow::Owned(t.aliases.join("\n")),
                summary: Cow::Borrowed(t.summary.as_str()),
                has_profile: t.profile.is_some(),
            };
            entries.extend(postcard::to_allocvec(&entry).unwrap_or_default());
        }
        push_u32(&mut entry_starts, entries.len());
        Index {
            entries: Cow::Owned(entries),
            entry_starts: Cow::Owned(entry_starts),
            names: Cow::Owned(names),
            name_starts: Cow::Owned(name_starts),
            name_entries: Cow::Owned(name_entries),
        }
    }

    /// Entry `i`: borrowed from the index when the index is borrowed from the binary.
    pub fn entry(&self, i: usize) -> Option<Entry> {
        let (a, b) = (le_u32(&self.entry_starts, i) as usize, le_u32(&self.entry_starts, i + 1) as usize);
        match &self.entries {
            Cow::Borrowed(bytes) => postcard::from_bytes(bytes.get(a..b)?).ok(),
            Cow::Owned(bytes) => {
                postcard::from_bytes::<IndexEntry<'_>>(bytes.get(a..b)?).ok().map(IndexEntry::into_owned)
            }
        }
    }
}

impl Index<'_> {
    /// How many topics there are.
    pub fn len(&self) -> usize {
        lines(&self.entry_starts)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn name(&self, i: usize) -> &str {
        line(&self.names, &self.name_starts, i)
    }

    /// Every normalised id and alias, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        (0..lines(&self.name_starts)).map(|i| self.name(i))
    }

    /// The entry named `query` (id or alias), ignoring case and word separators.
    pub fn find(&self, query: &str) -> Option<usize> {
        let key = normalise(query);
        let (mut start, mut end) = (0, lines(&self.name_starts));
        while start < end {
            let mid = start + (end - start) / 2;
            match self.name(mid).cmp(key.as_str()) {
                std::cmp::Ordering::Less => start = mid + 1,
                std::cmp::Ordering::Greater => end = mid,
                std::cmp::Ordering::Equal => return Some(le_u32(&self.name_entries, mid) as usize),
            }
        }
        None
    }
}

/// Every word of every topic, sorted, with where it appears: what search needs, kept apart from
/// the index so that other commands never decode it, and laid out flat so decoding it is cheap.
/// Decoded from the built-in blob, it borrows everything: searching reads it in place.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Vocabulary<'a> {
    /// The words, sorted, each followed by a newline.
    #[serde(borrow)]
    pub words: Cow<'a, str>,
    /// Where word `i` starts in `words` (one more entry than there are words), as u32 LE.
    #[serde(borrow, with = "serde_bytes")]
    pub starts: Cow<'a, [u8]>,
    /// Postings of word `i` are postings `posting_starts[i]..posting_starts[i + 1]`, u32 LE.
    #[serde(borrow, with = "serde_bytes")]
    pub posting_starts: Cow<'a, [u8]>,
    /// Postings, `POSTING_BYTES` each: topic u32, weight f32, fields u32, all LE.
    #[serde(borrow, with = "serde_bytes")]
    pub postings: Cow<'a, [u8]>,
}

const POSTING_BYTES: usize = 12;

/// One topic a word appears in: the heaviest field it appears in, and in how many fields.
#[derive(Debug, Clone, Copy)]
pub struct Posting {
    pub topic: u32,
    pub weight: f32,
    pub fields: u32,
}

/// How many items a table of start offsets (one more than there are items) describes.
pub(super) fn lines(starts: &[u8]) -> usize {
    (starts.len() / 4).saturating_sub(1)
}

/// Item `i` of newline-terminated strings laid end to end, given their start offsets.
pub(super) fn line<'s>(text: &'s str, starts: &[u8], i: usize) -> &'s str {
    let (a, b) = (le_u32(starts, i) as usize, le_u32(starts, i + 1) as usize);
    text.get(a..b.saturating_sub(1)).unwrap_or_default()
}

pub(super) fn le_u32(bytes: &[u8], i: usize) -> u32 {
    bytes.get(i * 4..i * 4 + 4).and_then(|b| b.try_into().ok()).map_or(0, u32::from_le_bytes)
}

impl Vocabulary<'static> {
    pub fn build(topics: &[Topic]) -> Vocabulary<'static> {
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
        let (mut words, mut starts, mut posting_starts, mut bytes) =
            (String::new(), Vec::new(), Vec::new(), Vec::new());
        let mut count: u32 = 0;
        for (word, list) in postings {
            starts.extend(u32::try_from(words.len()).unwrap_or(u32::MAX).to_le_bytes());
            posting_starts.extend(count.to_le_bytes());
            words.push_str(&word);
            words.push('\n');
            for p in list {
                bytes.extend(p.topic.to_le_bytes());
                bytes.extend(p.weight.to_le_bytes());
                bytes.extend(p.fields.to_le_bytes());
                count += 1;
            }
        }
        starts.extend(u32::try_from(words.len()).unwrap_or(u32::MAX).to_le_bytes());
        posting_starts.extend(count.to_le_bytes());
        Vocabulary {
            words: Cow::Owned(words),
            starts: Cow::Owned(starts),
            posting_starts: Cow::Owned(posting_starts),
            postings: Cow::Owned(bytes),
        }
    }
}

impl Vocabulary<'_> {
    pub fn len(&self) -> usize {
        lines(&self.starts)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Word `i`, in sorted order.
    pub fn word(&self, i: usize) -> &str {
        line(&self.words, &self.starts, i)
    }

    fn postings_of(&self, i: usize) -> Vec<Posting> {
        let (a, b) = (le_u32(&self.posting_starts, i) as usize, le_u32(&self.posting_starts, i + 1) as usize);
        (a..b)
            .map(|k| {
                let at = k * POSTING_BYTES / 4;
                Posting {
                    topic: le_u32(&self.postings, at),
                    weight: f32::from_bits(le_u32(&self.postings, at + 1)),
                    fields: le_u32(&self.postings, at + 2),
                }
            })
            .collect()
    }

    /// The words a typo away from `word`, not `word` itself, in vocabulary order: at most one
    /// edit away, two for words of eight bytes or more; none for words shorter than four.
    pub fn near(&self, word: &str) -> Vec<usize> {
        if word.len() < 4 {
            return Vec::new();
        }
        let limit = if word.len() >= 8 { 2 } else { 1 };
        (0..self.len())
            .filter(|&i| {
                let w = self.word(i);
                w != word && w.len().abs_diff(word.len()) <= limit && strsim::osa_distance(word, w) <= limit
            })
            .collect()
    }

    /// Per topic, how well `word` matches it: the best of (exact 1, prefix 0.7, 0.6 for a word of
    /// `near`, typos forgiven) times the weight of the field, and the number of fields the match
    /// appears in.
    pub fn matches(&self, word: &str, near: &[usize]) -> Vec<(u32, f64, u32)> {
        let mut best: std::collections::BTreeMap<u32, (f64, u32)> = std::collections::BTreeMap::new();
        let mut note = |quality: f64, postings: Vec<Posting>| {
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
        for &i in near {
            note(0.6, self.postings_of(i));
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

//! A validated set of topics: cross-topic checks and lookup by id or alias.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::index::{Entry, Index, Vocabulary, normalise};
use super::model::Topic;
use super::raw::RawTopic;
use super::search_doc::{SearchDoc, fields};
use super::validate::{self, Checked};
use crate::error::Diagnostic;
use crate::yaml;

/// One file of a knowledge pack: its path as shown to people, and its bytes.
#[derive(Debug, Clone)]
pub struct SourceFile<'a> {
    pub path: String,
    pub bytes: &'a [u8],
}

/// Topics and their index. Built-in topics are kept as compact blobs, validated at build time,
/// and each is decoded only when a command needs it; topics read from files are decoded already.
#[derive(Debug)]
pub struct Catalog {
    index: Index<'static>,
    /// The index's entries, each decoded when first used.
    /// Boxed, so that the empty slots of many topics take a word or two each: they are all
    /// written when the catalog is made, and a topic takes hundreds of bytes.
    entries: Vec<OnceLock<Box<Entry>>>,
    topics: Vec<OnceLock<Box<Topic>>>,
    blobs: &'static [&'static [u8]],
    /// Per topic, its [`SearchDoc`] (built-in topics only).
    search_blobs: &'static [&'static [u8]],
    vocabulary: OnceLock<Vocabulary<'static>>,
    vocabulary_blob: &'static [u8],
}

impl Catalog {
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
        cross_check(&checked, &unparsed, &mut diagnostics);
        if !diagnostics.is_empty() {
            return Err(diagnostics);
        }
        let topics: Vec<Topic> = checked.into_iter().map(|c| c.topic).collect();
        Ok(Self::from_topics(topics))
    }

    /// Validated topics, indexed.
    pub fn from_topics(topics: Vec<Topic>) -> Self {
        let index = Index::build(&topics);
        let vocabulary = OnceLock::from(Vocabulary::build(&topics));
        let entries = (0..topics.len()).map(|_| OnceLock::new()).collect();
        let topics = topics.into_iter().map(|t| OnceLock::from(Box::new(t))).collect();
        Catalog { index, entries, topics, blobs: &[], search_blobs: &[], vocabulary, vocabulary_blob: &[] }
    }

    /// An index, one encoded topic per entry and the encoded vocabulary, each decoded on first use.
    pub fn from_blobs(
        index: Index<'static>,
        blobs: &'static [&'static [u8]],
        search_blobs: &'static [&'static [u8]],
        vocabulary_blob: &'static [u8],
    ) -> Self {
        let entries = (0..index.len()).map(|_| OnceLock::new()).collect();
        let topics = (0..index.len()).map(|_| OnceLock::new()).collect();
        Catalog { index, entries, topics, blobs, search_blobs, vocabulary: OnceLock::new(), vocabulary_blob }
    }

    /// The search vocabulary (empty if it cannot be decoded, which only a broken build can cause).
    pub fn vocabulary(&self) -> &Vocabulary<'static> {
        self.vocabulary.get_or_init(|| postcard::from_bytes(self.vocabulary_blob).unwrap_or_default())
    }

    /// No topics at all: a stand-in when nothing could be loaded.
    pub fn empty() -> Self {
        Self::from_topics(Vec::new())
    }

    pub fn index(&self) -> &Index<'static> {
        &self.index
    }

    /// Every topic's entry, in index order.
    pub fn entries(&self) -> Vec<&Entry> {
        (0..self.entries.len()).filter_map(|i| self.entry(i)).collect()
    }

    /// Topic `i`'s entry, decoded when first asked for.
    pub fn entry(&self, i: usize) -> Option<&Entry> {
        let cell = self.entries.get(i)?;
        if let Some(e) = cell.get() {
            return Some(e);
        }
        let decoded = self.index.entry(i)?;
        Some(cell.get_or_init(|| Box::new(decoded)))
    }

    pub fn topic(&self, i: usize) -> Option<&Topic> {
        let cell = self.topics.get(i)?;
        if let Some(t) = cell.get() {
            return Some(t);
        }
        let decoded: Topic = postcard::from_bytes(self.blobs.get(i)?).ok()?;
        Some(cell.get_or_init(|| Box::new(decoded)))
    }

    /// What search reads of topic `i`: read in place for a built-in topic, which is not decoded.
    pub fn search_doc(&self, i: usize) -> Option<SearchDoc<'_>> {
        match self.search_blobs.get(i) {
            Some(blob) => postcard::from_bytes::<SearchDoc<'static>>(blob).ok(),
            None => self.topic(i).map(|t| SearchDoc::build(t, None)),
        }
    }

    /// The text of field `field` of topic `i`, whose search document is `doc`: for a built-in
    /// topic, read from its blob without decoding it.
    pub fn field_text(&self, i: usize, doc: &SearchDoc<'_>, field: usize) -> Option<&str> {
        let in_blob = self.blobs.get(i).zip(doc.span(field)).and_then(|(blob, span)| blob.get(span));
        match in_blob.map(std::str::from_utf8) {
            Some(Ok(text)) => Some(text),
            _ => fields(self.topic(i)?).get(field).map(|f| f.text),
        }
    }

    /// Every topic, all decoded.
    pub fn topics(&self) -> Vec<&Topic> {
        (0..self.topics.len()).filter_map(|i| self.topic(i)).collect()
    }

    /// Find a topic by id or alias, ignoring case and surrounding blanks.
    pub fn find(&self, query: &str) -> Option<&Topic> {
        self.index.find(query).and_then(|i| self.topic(i))
    }

    /// Find a topic's entry by id or alias, without decoding the topic.
    pub fn find_entry(&self, query: &str) -> Option<&Entry> {
        self.index.find(query).and_then(|i| self.entry(i))
    }

    /// Topic ids whose names are close to `query`, best first, for "did you mean".
    pub fn suggest(&self, query: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let names = self.index.names();
        for name in crate::suggest::ranked(&normalise(query), names) {
            let Some(entry) = self.find_entry(name) else { continue };
            if !out.iter().any(|o| *o == entry.id) {
                out.push(entry.id.to_string());
            }
        }
        out.truncate(3);
        out
    }
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
fn cross_check(checked: &[Checked], unparsed: &[&str], diagnostics: &mut Vec<Diagnostic>) {
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
}

//! Ranked full-text search over topics: titles, aliases, summaries and bodies, typo-tolerant.

use memchr::memmem::Finder;

use crate::knowledge::Catalog;
use crate::knowledge::index::Entry;
use crate::knowledge::search_doc::{SearchDoc, words};

/// Beyond the results asked for, this many more candidates are scored in full, so that the
/// phrase bonus, which the first score does not see, can still reorder them.
const SPARE: usize = 5;

const STOPWORDS: &[&str] = &["a", "an", "and", "are", "as", "for", "in", "is", "of", "on", "or", "the", "to", "with"];

#[derive(Debug)]
pub struct Hit<'a> {
    pub topic: &'a Entry,
    pub score: f64,
    /// Which part of the topic matched best.
    pub field: &'static str,
    pub snippet: String,
    /// Words of the topic that matched, for highlighting.
    pub matched: Vec<String>,
}

/// How well one query word matches a field's words (1 exact, less for prefix or typo), and the word.
/// `typos` are the words, sorted, that `q` matches as a typo.
fn best_match<'w>(q: &str, field_words: impl Iterator<Item = &'w str>, typos: &[&str]) -> Option<(f64, &'w str)> {
    let mut best: Option<(f64, &str)> = None;
    for w in field_words {
        let quality = if w == q {
            1.0
        } else if q.len() >= 3 && w.starts_with(q) {
            0.7
        } else if !typos.is_empty() && typos.binary_search(&w).is_ok() {
            0.6
        } else {
            continue;
        };
        if best.is_none_or(|(b, _)| quality > b) {
            best = Some((quality, w));
        }
    }
    best
}

fn query_words(query: &str) -> Vec<String> {
    let all = words(query);
    let content: Vec<String> = all.iter().filter(|w| !STOPWORDS.contains(&w.as_str())).cloned().collect();
    let mut out = if content.is_empty() { all } else { content };
    out.dedup();
    out
}

/// Topics matching `query`, best first. Every query word must match somewhere in a topic.
pub fn search<'a>(catalog: &'a Catalog, query: &str, limit: usize) -> Vec<Hit<'a>> {
    let q = query_words(query);
    if q.is_empty() {
        return Vec::new();
    }
    let phrase = q.join(" ");
    // Typos are forgiven in short queries, and only for words no topic has as written.
    let short = q.len() <= 3;
    let vocabulary = catalog.vocabulary();
    let fuzzy: Vec<bool> = q.iter().map(|w| short && vocabulary.matches(w, &[]).is_empty()).collect();
    // The words each query word forgives as typos, found once: the vocabulary holds every word
    // of every field, so scoring a topic only looks them up.
    let near: Vec<Vec<usize>> =
        q.iter().zip(&fuzzy).map(|(w, &f)| if f { vocabulary.near(w) } else { Vec::new() }).collect();
    // First a cheap score from the vocabulary over topics that have every word; then only the
    // best `limit + SPARE` are decoded and scored in full, so the work stays bounded as topics grow.
    let mut pre: std::collections::HashMap<u32, (f64, usize)> = std::collections::HashMap::new();
    for (word, near) in q.iter().zip(&near) {
        for (topic, best, fields) in vocabulary.matches(word, near) {
            let e = pre.entry(topic).or_insert((0.0, 0));
            e.0 += best + 0.5 * libm::log1p(f64::from(fields));
            e.1 += 1;
        }
    }
    let mut candidates: Vec<(u32, f64)> =
        pre.into_iter().filter(|(_, (_, n))| *n == q.len()).map(|(t, (s, _))| (t, s)).collect();
    candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    candidates.truncate(limit.saturating_add(SPARE));
    let finders: Vec<Finder<'_>> = q.iter().map(|w| Finder::new(w.as_bytes())).collect();
    let typos: Vec<Vec<&str>> = near.iter().map(|n| n.iter().map(|&i| vocabulary.word(i)).collect()).collect();
    let query = Query { words: &q, finders: &finders, phrase: &phrase, fuzzy: &fuzzy, typos: &typos };
    let mut hits: Vec<(Hit<'a>, &'a str)> = candidates
        .into_iter()
        .filter_map(|(i, _)| {
            let (i, entry) = (i as usize, catalog.entry(i as usize)?);
            let doc = catalog.search_doc(i)?;
            let (hit, shown) = score(entry, &doc, &query)?;
            let shown = match shown {
                Some(field) => catalog.field_text(i, &doc, field)?,
                None => &*entry.summary,
            };
            Some((hit, shown))
        })
        .collect();
    hits.sort_by(|a, b| b.0.score.total_cmp(&a.0.score).then(a.0.topic.id.cmp(&b.0.topic.id)));
    hits.truncate(limit);
    hits.into_iter().map(|(hit, shown)| Hit { snippet: snippet(shown, &hit.matched), ..hit }).collect()
}

/// A query as scoring reads it: its words, a finder for each, the words as a phrase, and which
/// words forgive typos.
struct Query<'q> {
    words: &'q [String],
    finders: &'q [Finder<'q>],
    phrase: &'q str,
    fuzzy: &'q [bool],
    /// Per word, the words it matches as a typo, sorted.
    typos: &'q [Vec<&'q str>],
}

/// Per field of `doc`, which query words it can match (bit `k` for word `k`): most fields of a
/// topic match none and are never split into words. A folded word that equals or starts with a
/// query word contains it, so a field can match a word only when its folded text contains it.
/// A typo-tolerant word reads every field; a query of more than 64 words reads every field for
/// every word.
fn fields_to_read(doc: &SearchDoc<'_>, query: &Query<'_>) -> Vec<u64> {
    if query.finders.len() > 64 {
        return vec![u64::MAX; doc.len()];
    }
    let mut read = vec![0; doc.len()];
    for (k, (finder, &fuzzy)) in query.finders.iter().zip(query.fuzzy).enumerate() {
        if fuzzy {
            read.iter_mut().for_each(|r| *r |= 1 << k);
            continue;
        }
        let mut field = 0;
        for at in finder.find_iter(doc.folded().as_bytes()) {
            while field < doc.len() && doc.folded_end(field) <= at {
                field += 1;
            }
            if let Some(r) = read.get_mut(field) {
                *r |= 1 << k;
            }
        }
    }
    read
}

/// A topic's score for the query, with the field its snippet is to come from (`None`: the summary).
fn score<'a>(t: &'a Entry, doc: &SearchDoc<'_>, query: &Query<'_>) -> Option<(Hit<'a>, Option<usize>)> {
    let (q, phrase) = (query.words, query.phrase);
    let read = fields_to_read(doc, query);
    // The folded text of field `i` when it can match word `k`, else nothing.
    let text = |i: usize, k: usize| if read[i] >> k.min(63) & 1 == 1 { doc.folded_field(i) } else { "" };
    let field_words = |i, k| text(i, k).split(' ').filter(|w: &&str| !w.is_empty());
    // Fields that can match no word score nothing: only the others are looked at.
    let live: Vec<usize> = (0..doc.len()).filter(|&i| read[i] != 0).collect();
    let mut total = 0.0;
    let mut matched: Vec<&str> = Vec::with_capacity(q.len());
    for (k, (word, typos)) in q.iter().zip(query.typos).enumerate() {
        let scored: Vec<(f64, &str)> = (live.iter().copied())
            .filter_map(|i| best_match(word, field_words(i, k), typos).map(|(m, w)| (doc.kind(i).1 * m, w)))
            .collect();
        let best = *scored.iter().max_by(|a, b| a.0.total_cmp(&b.0))?;
        // A word that recurs across the topic says more than one passing mention.
        total += best.0 + 0.5 * libm::log1p(scored.len() as f64);
        matched.push(best.1);
    }
    // Only a field that can match every word can hold them as a phrase.
    let all = if q.len() >= 64 { u64::MAX } else { (1 << q.len()) - 1 };
    let mut phrase_fields = 0;
    let (best_field, bonus) = (live.iter().copied())
        .map(|i| {
            let weight = doc.kind(i).1;
            // The word matched for query word `k` equals or starts with it: only where `k` can match.
            let here = matched.iter().enumerate().filter(|&(k, m)| field_words(i, k).any(|w| w == *m)).count();
            let phrase_here = q.len() > 1 && read[i] & all == all && doc.folded_field(i).contains(phrase);
            phrase_fields += usize::from(phrase_here);
            let bonus = if phrase_here { 2.0 * weight } else { 0.0 };
            (i, bonus, here as f64 * weight)
        })
        .max_by(|a, b| (a.1 + a.2).total_cmp(&(b.1 + b.2)))
        .map(|(i, bonus, _)| (i, bonus))?;
    let bonus = bonus + phrase_fields.saturating_sub(1) as f64;
    let name = doc.kind(best_field).0;
    // A match on a name is best shown with the summary, which says what the topic is.
    let shown = if matches!(name, "title" | "id" | "alias") { None } else { Some(best_field) };
    let hit = Hit {
        topic: t,
        score: ((total + bonus) * 10.0).round() / 10.0,
        field: name,
        snippet: String::new(),
        matched: matched.into_iter().map(str::to_owned).collect(),
    };
    Some((hit, shown))
}

const SNIPPET_CHARS: usize = 160;

/// About 160 characters of `text` around the first matched word, cut at word boundaries.
pub fn snippet(text: &str, matched: &[String]) -> String {
    let flat = crate::output::flat(text);
    // ASCII text, as nearly all is, is cut by bytes, which are its characters.
    let (body, cut_before, cut_after) = if flat.is_ascii() {
        let lower = flat.to_ascii_lowercase();
        let at = matched.iter().filter_map(|m| lower.find(m.as_str())).min().unwrap_or(0);
        let bytes = flat.as_bytes();
        let (start, end) = window(bytes, at, |&b| char::from(b).is_whitespace());
        (flat.get(start..end).unwrap_or_default().to_owned(), start > 0, end < bytes.len())
    } else {
        let lower = flat.to_lowercase();
        let at = matched.iter().filter_map(|m| lower.find(m.as_str())).min().unwrap_or(0);
        let chars: Vec<char> = flat.chars().collect();
        let (start, end) = window(&chars, flat[..at].chars().count(), |c| c.is_whitespace());
        (chars[start..end].iter().collect(), start > 0, end < chars.len())
    };
    let prefix = if cut_before { "…" } else { "" };
    let suffix = if cut_after { "…" } else { "" };
    format!("{prefix}{}{suffix}", body.trim())
}

/// Where a snippet of `units` around position `at` starts and ends, at word boundaries.
fn window<T>(units: &[T], at: usize, is_space: impl Fn(&T) -> bool) -> (usize, usize) {
    let mut start = at.saturating_sub(SNIPPET_CHARS / 3);
    // Bounded by the end: text whose last word is longer than a third of a snippet has no boundary.
    while start > 0 && start < units.len() && !is_space(&units[start - 1]) {
        start += 1;
    }
    let mut end = (start + SNIPPET_CHARS).min(units.len());
    while end < units.len() && !is_space(&units[end]) {
        end += 1;
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_fold_and_stopwords_drop() {
        assert_eq!(words("Services, Sagas and Policies"), ["service", "saga", "and", "policy"]);
        assert_eq!(query_words("the saga of services"), ["saga", "service"]);
    }

    #[test]
    fn snippets_cut_at_word_boundaries_around_the_match() {
        let text = "one two three four five six seven eight nine ten ".repeat(10) + "needle and more words after it";
        let s = snippet(&text, &["needle".to_string()]);
        assert!(s.starts_with('…') && s.contains("needle"), "{s}");
        assert!(s.chars().count() <= SNIPPET_CHARS + 12, "{s}");
    }

    #[test]
    fn typos_in_short_queries_still_match() {
        let catalog = Catalog::builtin().unwrap_or_else(|_| Catalog::empty());
        let vocabulary = catalog.vocabulary();
        let typos: Vec<&str> = vocabulary.near("circiut").into_iter().map(|i| vocabulary.word(i)).collect();
        assert!(typos.contains(&"circuit"), "{typos:?}");
        assert!(best_match("circiut", ["circuit", "breaker"].into_iter(), &typos).is_some());
        assert!(best_match("circiut", ["circuit", "breaker"].into_iter(), &[]).is_none());
    }

    /// Built-in topics are searched through documents made at build time, topics read from files
    /// through documents made when they are scored: both must find and show the same.
    #[test]
    fn build_time_documents_search_as_loaded_topics_do() -> Result<(), Box<dyn std::error::Error>> {
        let builtin = Catalog::builtin()?;
        let loaded = Catalog::from_files(&crate::knowledge::builtin_topic_files()).map_err(|d| format!("{d:?}"))?;
        let queries = ["independently deployable", "circiut breaker", "saga", "retry storm", "the of", "Sagá", "cqrs"];
        for query in queries {
            let shown = |c: &Catalog| -> Vec<(String, f64, &'static str, String, Vec<String>)> {
                search(c, query, 40)
                    .into_iter()
                    .map(|h| (h.topic.id.to_string(), h.score, h.field, h.snippet, h.matched))
                    .collect()
            };
            assert_eq!(shown(&builtin), shown(&loaded), "{query}");
        }
        Ok(())
    }
}

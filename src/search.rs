//! Ranked full-text search over topics: titles, aliases, summaries and bodies, typo-tolerant.

use crate::knowledge::Catalog;
use crate::knowledge::index::{Entry, Field, push_folded, raw_words, words};

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
fn best_match<'w>(q: &str, field_words: impl Iterator<Item = &'w str>, fuzzy: bool) -> Option<(f64, &'w str)> {
    let mut best: Option<(f64, &str)> = None;
    for w in field_words {
        let quality = if w == q {
            1.0
        } else if q.len() >= 3 && w.starts_with(q) {
            0.7
        } else if fuzzy && q.len() >= 4 && strsim::osa_distance(q, w) <= if q.len() >= 8 { 2 } else { 1 } {
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
    let fuzzy: Vec<bool> = q.iter().map(|w| short && vocabulary.matches(w, false).is_empty()).collect();
    // First a cheap score from the vocabulary over topics that have every word; then only the
    // best `limit + SPARE` are decoded and scored in full, so the work stays bounded as topics grow.
    let mut pre: std::collections::HashMap<u32, (f64, usize)> = std::collections::HashMap::new();
    for (word, &fuzzy) in q.iter().zip(&fuzzy) {
        for (topic, best, fields) in vocabulary.matches(word, fuzzy) {
            let e = pre.entry(topic).or_insert((0.0, 0));
            e.0 += best + 0.5 * libm::log1p(f64::from(fields));
            e.1 += 1;
        }
    }
    let mut candidates: Vec<(u32, f64)> =
        pre.into_iter().filter(|(_, (_, n))| *n == q.len()).map(|(t, (s, _))| (t, s)).collect();
    candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    candidates.truncate(limit.saturating_add(SPARE));
    let mut hits: Vec<(Hit<'a>, &'a str)> = candidates
        .into_iter()
        .filter_map(|(i, _)| Some((catalog.entry(i as usize)?, catalog.search_fields(i as usize)?)))
        .filter_map(|(entry, fields)| score(entry, &fields, &q, &phrase, &fuzzy))
        .collect();
    hits.sort_by(|a, b| b.0.score.total_cmp(&a.0.score).then(a.0.topic.id.cmp(&b.0.topic.id)));
    hits.truncate(limit);
    hits.into_iter().map(|(hit, shown)| Hit { snippet: snippet(shown, &hit.matched), ..hit }).collect()
}

/// A topic's score for the query, with the text its snippet is to come from.
fn score<'a>(
    t: &'a Entry,
    fields: &[Field<'a>],
    q: &[String],
    phrase: &str,
    fuzzy: &[bool],
) -> Option<(Hit<'a>, &'a str)> {
    // Every field's words, folded as the vocabulary folds them, in one buffer: field `i` is
    // `folded[spans[i]]`, its words joined by single spaces. Nothing is allocated per word.
    let mut folded = String::with_capacity(fields.iter().map(|f| f.text.len() + 1).sum());
    let mut lower = String::new();
    let spans: Vec<std::ops::Range<usize>> = fields
        .iter()
        .map(|f| {
            let start = folded.len();
            if !may_match(f.text, q, fuzzy, &mut lower) {
                return start..start;
            }
            for w in raw_words(f.text) {
                if folded.len() > start {
                    folded.push(' ');
                }
                push_folded(&mut folded, w);
            }
            start..folded.len()
        })
        .collect();
    let text = |span: &std::ops::Range<usize>| &folded[span.clone()];
    let field_words = |span| text(span).split(' ').filter(|w: &&str| !w.is_empty());
    let mut total = 0.0;
    let mut matched: Vec<&str> = Vec::with_capacity(q.len());
    for (word, &fuzzy) in q.iter().zip(fuzzy) {
        let scored: Vec<(f64, &str)> = fields
            .iter()
            .zip(&spans)
            .filter_map(|(f, span)| best_match(word, field_words(span), fuzzy).map(|(m, w)| (f.weight * m, w)))
            .collect();
        let best = *scored.iter().max_by(|a, b| a.0.total_cmp(&b.0))?;
        // A word that recurs across the topic says more than one passing mention.
        total += best.0 + 0.5 * libm::log1p(scored.len() as f64);
        matched.push(best.1);
    }
    let mut phrase_fields = 0;
    let (best_field, bonus) = fields
        .iter()
        .zip(&spans)
        .map(|(f, span)| {
            let here = matched.iter().filter(|m| field_words(span).any(|w| w == **m)).count();
            let phrase_here = q.len() > 1 && text(span).contains(phrase);
            phrase_fields += usize::from(phrase_here);
            let bonus = if phrase_here { 2.0 * f.weight } else { 0.0 };
            (f, bonus, here as f64 * f.weight)
        })
        .max_by(|a, b| (a.1 + a.2).total_cmp(&(b.1 + b.2)))
        .map(|(f, bonus, _)| (f, bonus))?;
    let bonus = bonus + phrase_fields.saturating_sub(1) as f64;
    // A match on a name is best shown with the summary, which says what the topic is.
    let shown = if matches!(best_field.name, "title" | "id" | "alias") { &*t.summary } else { best_field.text };
    let hit = Hit {
        topic: t,
        score: ((total + bonus) * 10.0).round() / 10.0,
        field: best_field.name,
        snippet: String::new(),
        matched: matched.into_iter().map(str::to_owned).collect(),
    };
    Some((hit, shown))
}

/// False only when no word of `text` can match a query word, which most fields of a topic are:
/// those are never folded. A folded word that equals or starts with a query word `q` comes from a
/// written word that contains `q` without its last letter (folding changes only a word's end), so
/// when no such stem occurs in the lower-cased text there is no match. Typo-tolerant words, and
/// text that is not ASCII, are always folded.
fn may_match(text: &str, q: &[String], fuzzy: &[bool], lower: &mut String) -> bool {
    if !text.is_ascii() || fuzzy.iter().any(|&f| f) || q.iter().any(|w| !w.is_ascii() || w.len() < 2) {
        return true;
    }
    lower.clear();
    lower.push_str(text);
    lower.make_ascii_lowercase();
    q.iter().any(|w| lower.contains(&w[..w.len() - 1]))
}

const SNIPPET_CHARS: usize = 160;

/// About 160 characters of `text` around the first matched word, cut at word boundaries.
pub fn snippet(text: &str, matched: &[String]) -> String {
    let flat = crate::output::flat(text);
    let lower = flat.to_lowercase();
    let at = matched.iter().filter_map(|m| lower.find(m.as_str())).min().unwrap_or(0);
    let chars: Vec<char> = flat.chars().collect();
    let at_char = flat[..at].chars().count();
    let mut start = at_char.saturating_sub(SNIPPET_CHARS / 3);
    while start > 0 && !chars[start - 1].is_whitespace() {
        start += 1;
    }
    let mut end = (start + SNIPPET_CHARS).min(chars.len());
    while end < chars.len() && !chars[end].is_whitespace() {
        end += 1;
    }
    let body: String = chars[start..end].iter().collect();
    let prefix = if start > 0 { "…" } else { "" };
    let suffix = if end < chars.len() { "…" } else { "" };
    format!("{prefix}{}{suffix}", body.trim())
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
        assert!(best_match("circiut", ["circuit", "breaker"].into_iter(), true).is_some());
        assert!(best_match("circiut", ["circuit", "breaker"].into_iter(), false).is_none());
    }

    proptest::proptest! {
        /// Skipping a field is safe: when `may_match` says no, no folded word of the field equals
        /// or starts with a query word.
        #[test]
        fn skipped_fields_have_no_match(
            text in "([A-Za-z]{1,9}(ies|s|ss)?[ ,.-]{1,2}){0,12}",
            q in proptest::collection::vec("[a-z]{1,7}(y)?", 1..3),
        ) {
            let fuzzy = vec![false; q.len()];
            if !may_match(&text, &q, &fuzzy, &mut String::new()) {
                for w in words(&text) {
                    proptest::prop_assert!(!q.iter().any(|q| w == *q || (q.len() >= 3 && w.starts_with(q.as_str()))), "{w}");
                }
            }
        }
    }
}

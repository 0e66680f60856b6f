//! A small builder for wrapped, indented terminal text.

use super::style::Theme;

#[derive(Debug)]
pub struct Doc<'a> {
    pub theme: &'a Theme,
    width: usize,
    out: String,
}

impl<'a> Doc<'a> {
    pub fn new(theme: &'a Theme, width: usize) -> Self {
        Doc { theme, width, out: String::new() }
    }

    /// The width lines are wrapped to.
    pub fn width(&self) -> usize {
        self.width
    }

    /// A line as given, not wrapped.
    pub fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }

    /// One blank line, never two in a row, never at the top.
    pub fn blank(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    pub fn heading(&mut self, s: &str) {
        self.blank();
        let upper = s.to_uppercase();
        let h = self.theme.heading(&upper);
        self.line(&h);
    }

    /// Wrap every paragraph of `text` (separated by blank lines) at `indent`.
    pub fn para(&mut self, text: &str, indent: usize) {
        let pad = spaces(indent);
        for (i, p) in text.split("\n\n").filter(|p| !p.trim().is_empty()).enumerate() {
            if i > 0 {
                self.out.push('\n');
            }
            self.wrapped(p, &pad, &pad);
        }
    }

    /// `marker` then text; continuation lines align with the text.
    pub fn hanging(&mut self, indent: usize, marker: &str, text: &str) {
        if marker.is_empty() {
            let pad = spaces(indent);
            self.wrapped(text, &pad, &pad);
        } else {
            let mut first = String::with_capacity(indent + marker.len() + 1);
            first.push_str(&spaces(indent));
            first.push_str(marker);
            first.push(' ');
            self.wrapped(text, &first, &spaces(indent + display_width(marker) + 1));
        }
    }

    fn wrapped(&mut self, text: &str, first: &str, rest: &str) {
        wrap_into(&mut self.out, text, self.width.max(20), first, rest);
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// `n` spaces, borrowed when there are few.
fn spaces(n: usize) -> std::borrow::Cow<'static, str> {
    const SPACES: &str = "                                ";
    SPACES.get(..n).map_or_else(|| " ".repeat(n).into(), Into::into)
}

/// Columns `s` takes on a terminal: escape sequences take none, wide characters two.
pub fn display_width(s: &str) -> usize {
    textwrap::core::display_width(s)
}

/// Word wrapping of `text` (one paragraph; line breaks in it are spaces) into `out`, each line
/// ending in a newline: the first line starts with `first`, the others with `rest`. Lines break
/// only between words (never at a hyphen, so ids and commands stay whole), and a word longer than
/// the line, such as a URL, stays whole on a line of its own.
///
/// The lines are textwrap's first-fit wrapping (what `textwrap::wrap` does with these options),
/// but the words are handed to it as our own fragments: most words are printable ASCII, whose
/// width is their length, and only the others are measured with textwrap's `display_width`.
/// `textwrap::wrap` measures every character of every word and allocates the flattened text, the
/// words and the lines: about 0.6M of the 2.1M instructions of `msadvise explain`, which sits at
/// the start-up budget (BENCHMARKS.md). A test holds the two to the same lines.
pub fn wrap_into(out: &mut String, text: &str, width: usize, first: &str, rest: &str) {
    let words: Vec<Word<'_>> = text.split_whitespace().map(Word::new).collect();
    if words.is_empty() {
        out.push_str(first.trim_end_matches(' '));
        out.push('\n');
        return;
    }
    let width = width.max(1);
    let line_widths =
        [width.saturating_sub(display_width(first)) as f64, width.saturating_sub(display_width(rest)) as f64];
    for (i, line) in textwrap::wrap_algorithms::wrap_first_fit(&words, &line_widths).into_iter().enumerate() {
        let start = out.len();
        out.push_str(if i == 0 { first } else { rest });
        for (j, word) in line.iter().enumerate() {
            if j > 0 {
                out.push(' ');
            }
            out.push_str(word.text);
        }
        out.truncate(out[start..].trim_end_matches(' ').len() + start);
        out.push('\n');
    }
}

/// A word to wrap, with the columns it takes.
#[derive(Debug)]
struct Word<'a> {
    text: &'a str,
    width: f64,
}

impl<'a> Word<'a> {
    fn new(text: &'a str) -> Self {
        let columns = if text.bytes().all(|b| b.is_ascii_graphic()) { text.len() } else { display_width(text) };
        Word { text, width: columns as f64 }
    }
}

impl textwrap::core::Fragment for Word<'_> {
    fn width(&self) -> f64 {
        self.width
    }
    fn whitespace_width(&self) -> f64 {
        1.0
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Paragraphs of `text` with their inner line breaks folded into spaces.
pub fn paragraphs(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split("\n\n").map(flat).filter(|p| !p.is_empty())
}

/// Text on one line: every run of white space becomes one space.
pub fn flat(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Text fit for one Markdown table cell.
pub fn md_cell(s: &str) -> String {
    super::markdown::cell(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_width_with_hanging_indent() {
        let theme = Theme::new(false);
        let mut doc = Doc::new(&theme, 20);
        doc.hanging(2, "1.", "one two three four five six seven");
        let out = doc.finish();
        assert_eq!(out, "  1. one two three\n     four five six\n     seven\n");
    }

    #[test]
    fn widths_skip_escapes_and_count_wide_characters() {
        assert_eq!(display_width("plain"), 5);
        assert_eq!(display_width("\x1b[1mbold\x1b[0m"), 4);
        assert_eq!(display_width("日本"), 4);
    }

    /// Short texts, odd spacing, wide characters and escapes: the lines textwrap gives.
    #[test]
    fn short_and_odd_texts_wrap_as_textwrap_does() {
        let texts = ["one two  three", "  lead and\ntrail  ", "日本 語 text", "\x1b[2mdim · id\x1b[0m", "x"];
        for text in texts {
            for width in 1..24 {
                for (first, rest) in [("", ""), (" 1. ", "    "), ("    ", "    ")] {
                    let mut out = String::new();
                    wrap_into(&mut out, text, width, first, rest);
                    let options = textwrap::Options::new(width)
                        .initial_indent(first)
                        .subsequent_indent(rest)
                        .break_words(false)
                        .word_splitter(textwrap::WordSplitter::NoHyphenation);
                    let wrapped: String = textwrap::wrap(&flat(text), options)
                        .iter()
                        .map(|l| format!("{}\n", l.trim_end_matches(' ')))
                        .collect();
                    assert_eq!(out, wrapped, "{text:?} at {width} after {first:?}");
                }
            }
        }
    }

    #[test]
    fn long_words_stay_whole() {
        let mut out = String::new();
        wrap_into(&mut out, "see https://example.org/a/very/long/path/indeed now", 20, "", "  ");
        assert_eq!(out, "see\n  https://example.org/a/very/long/path/indeed\n  now\n");
    }

    #[test]
    fn blank_lines_never_double() {
        let theme = Theme::new(false);
        let mut doc = Doc::new(&theme, 40);
        doc.line("a");
        doc.blank();
        doc.blank();
        doc.line("b");
        assert_eq!(doc.finish(), "a\n\nb\n");
    }

    #[test]
    fn paragraphs_stay_apart() {
        let theme = Theme::new(false);
        let mut doc = Doc::new(&theme, 40);
        doc.para("first\nline\n\nsecond", 2);
        assert_eq!(doc.finish(), "  first line\n\n  second\n");
    }

    /// The plain greedy algorithm wrapping must agree with: words whole, as many as fit.
    fn reference_wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
        let mut out = first.to_owned();
        let mut line_width = display_width(first);
        let mut at_start = true;
        for word in text.split_whitespace() {
            let w = display_width(word);
            if !at_start && line_width + 1 + w > width {
                out.push('\n');
                out.push_str(rest);
                line_width = display_width(rest);
                at_start = true;
            }
            if !at_start {
                out.push(' ');
                line_width += 1;
            }
            out.push_str(word);
            line_width += w;
            at_start = false;
        }
        let trimmed = out.trim_end_matches(' ').len();
        out.truncate(trimmed);
        out.push('\n');
        out
    }

    proptest::proptest! {
        /// Any spacing, wide characters and escape sequences wrap like the greedy reference, and
        /// into the same lines as `textwrap::wrap` with the options `wrap_into` stands in for.
        #[test]
        fn wrapping_matches_the_reference_and_textwrap(
            text in proptest::prop_oneof![
                "[a-z.,:/]{1,12}( [a-z.,:/]{1,14}){0,30}",
                "([a-z]{1,12}|[ ]{1,3}|\n|\t|é|日本|\x1b\\[1m|\x1b\\[0m){0,40}",
            ],
            width in 1usize..50,
            first in "[ ]{0,4}(1\\.|-)?[ ]?",
            rest in "[ ]{0,6}",
        ) {
            let mut out = String::new();
            wrap_into(&mut out, &text, width, &first, &rest);
            proptest::prop_assert_eq!(&out, &reference_wrap(&text, width, &first, &rest));
            let flat = flat(&text);
            let options = textwrap::Options::new(width)
                .initial_indent(&first)
                .subsequent_indent(&rest)
                .break_words(false)
                .word_splitter(textwrap::WordSplitter::NoHyphenation);
            let mut expected = String::new();
            if flat.is_empty() {
                expected.push_str(first.trim_end_matches(' '));
                expected.push('\n');
            }
            for line in textwrap::wrap(&flat, options).iter().filter(|_| !flat.is_empty()) {
                expected.push_str(line.trim_end_matches(' '));
                expected.push('\n');
            }
            proptest::prop_assert_eq!(out, expected);
        }
    }
}

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
    if s.is_ascii() && !s.contains('\x1b') {
        return s.len();
    }
    let mut width = 0;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // Skip a CSI sequence: ESC [ parameters final-byte.
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            width += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        }
    }
    width
}

/// Greedy word wrapping of `text` (one paragraph; line breaks in it are spaces) into `out`, each
/// line ending in a newline: the first line starts with `first`, the others with `rest`. Words are
/// never broken, so a long URL stays whole on a line of its own.
pub fn wrap_into(out: &mut String, text: &str, width: usize, first: &str, rest: &str) {
    out.reserve(first.len() + text.len() + (text.len() / width.max(1) + 1) * (rest.len() + 1));
    out.push_str(first);
    let mut line = Line { width: display_width(first), at_start: true, run: 0..0 };
    if is_spaced_ascii(text) {
        // Printable ASCII with one space between words, which is most text: each line is the
        // longest run of whole words that fits, found from its end.
        let mut left = text;
        let mut room = width.saturating_sub(line.width);
        while left.len() > room {
            let cut = match left.as_bytes()[..=room].iter().rposition(|&b| b == b' ') {
                Some(at) => at,
                // A word longer than the line: it goes on a line of its own, whole.
                None => left.find(' ').unwrap_or(left.len()),
            };
            out.push_str(&left[..cut]);
            left = left.get(cut + 1..).unwrap_or_default();
            if left.is_empty() {
                break;
            }
            out.push('\n');
            out.push_str(rest);
            room = width.saturating_sub(display_width(rest));
        }
        out.push_str(left);
    } else if text.is_ascii() && !text.contains('\x1b') {
        // Plain ASCII: a word's width is its length, and runs of words separated by one space are
        // copied as one slice.
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let gap = i;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let start = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if start < i {
                let one_space = start == gap + 1 && bytes[gap] == b' ';
                line.word(out, text, start..i, i - start, one_space, width, rest);
            }
        }
    } else {
        for word in text.split_whitespace() {
            let start = word.as_ptr() as usize - text.as_ptr() as usize;
            line.word(out, text, start..start + word.len(), display_width(word), false, width, rest);
        }
    }
    line.flush(out, text);
    let trimmed = out.trim_end_matches(' ').len();
    out.truncate(trimmed);
    out.push('\n');
}

/// Whether `text` is printable ASCII words separated by single spaces, with none at either end.
fn is_spaced_ascii(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_graphic() || b == b' ')
        && !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains("  ")
}

/// The line being filled by [`wrap_into`]: its width so far and the slice of the source text not
/// yet copied out.
struct Line {
    width: usize,
    at_start: bool,
    run: std::ops::Range<usize>,
}

impl Line {
    #[allow(clippy::too_many_arguments)]
    fn word(
        &mut self,
        out: &mut String,
        text: &str,
        word: std::ops::Range<usize>,
        w: usize,
        one_space: bool,
        width: usize,
        rest: &str,
    ) {
        if !self.at_start && self.width + 1 + w > width {
            self.flush(out, text);
            out.push('\n');
            out.push_str(rest);
            self.width = display_width(rest);
            self.at_start = true;
        }
        if self.at_start {
            self.run = word;
        } else if one_space && self.run.end + 1 == word.start {
            self.run.end = word.end;
            self.width += 1;
        } else {
            self.flush(out, text);
            out.push(' ');
            self.run = word;
            self.width += 1;
        }
        self.width += w;
        self.at_start = false;
    }

    fn flush(&mut self, out: &mut String, text: &str) {
        out.push_str(&text[self.run.clone()]);
        self.run = self.run.end..self.run.end;
    }
}

/// Paragraphs of `text` with their inner line breaks folded into spaces.
pub fn paragraphs(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split("\n\n").map(flat).filter(|p| !p.is_empty())
}

/// Text on one line: every run of white space becomes one space.
pub fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
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

    /// The plain word-by-word algorithm the fast path must agree with.
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
        /// Single-spaced text takes the line-at-a-time path, anything else the word-by-word one.
        #[test]
        fn wrapping_matches_the_reference(
            text in proptest::prop_oneof![
                "[a-z.,:/]{1,12}( [a-z.,:/]{1,14}){0,30}",
                "([a-z]{1,12}|[ ]{1,3}|\n|\t|é|日本|\x1b\\[1m){0,40}",
            ],
            width in 1usize..50,
            first in "[ ]{0,4}(1\\.|-)?[ ]?",
            rest in "[ ]{0,6}",
        ) {
            let mut out = String::new();
            wrap_into(&mut out, &text, width, &first, &rest);
            proptest::prop_assert_eq!(out, reference_wrap(&text, width, &first, &rest));
        }
    }
}

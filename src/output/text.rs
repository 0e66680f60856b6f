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
        let h = self.theme.heading(&s.to_uppercase());
        self.line(&h);
    }

    /// Wrap every paragraph of `text` (separated by blank lines) at `indent`.
    pub fn para(&mut self, text: &str, indent: usize) {
        let pad = " ".repeat(indent);
        for (i, p) in paragraphs(text).enumerate() {
            if i > 0 {
                self.out.push('\n');
            }
            self.wrapped(&p, &pad, &pad);
        }
    }

    /// `marker` then text; continuation lines align with the text.
    pub fn hanging(&mut self, indent: usize, marker: &str, text: &str) {
        let (first, rest) = if marker.is_empty() {
            (" ".repeat(indent), " ".repeat(indent))
        } else {
            (format!("{}{marker} ", " ".repeat(indent)), " ".repeat(indent + textwrap::core::display_width(marker) + 1))
        };
        let joined = paragraphs(text).collect::<Vec<_>>().join(" ");
        self.wrapped(&joined, &first, &rest);
    }

    fn wrapped(&mut self, text: &str, first: &str, rest: &str) {
        let options =
            textwrap::Options::new(self.width.max(20)).initial_indent(first).subsequent_indent(rest).break_words(false);
        for line in textwrap::wrap(text, options) {
            self.out.push_str(line.trim_end());
            self.out.push('\n');
        }
    }

    pub fn finish(self) -> String {
        self.out
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
    flat(s).replace('|', "\\|")
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
}

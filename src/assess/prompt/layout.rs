//! Where the quiz's lines break: prompts, choices, echoed answers and help, fitted to a width.
//!
//! inquire cuts lines at the terminal's edge, inside words; text handed to it already broken at
//! word boundaries (with `\n`) is drawn as given, each line counted for redrawing.

use unicode_width::UnicodeWidthStr;

use crate::output::{flat, wrap_into};

fn display_width(s: &str) -> usize {
    s.width()
}

/// Columns inquire puts before a prompt (`? `, `> `) or a choice (`> `).
const MARK: usize = 2;
/// Columns before a choice of a multiple-choice list: `> [x] `.
pub(super) const CHECKBOX: usize = 6;
/// What inquire shows after a question left with Esc.
pub(super) const BACK: &str = "← back";
/// Indent of an answer echoed below its question.
const ANSWER_INDENT: &str = "    ";

/// The widest line the quiz uses: the terminal's width, less the column inquire may leave for
/// the cursor after a prompt. Narrow windows still get a usable minimum.
pub(super) fn usable(columns: usize) -> usize {
    columns.clamp(24, 101) - 1
}

/// `text` broken at word boundaries for a line that starts `lead` columns in, later lines
/// starting with `rest`; the `lead` columns themselves are not included.
fn fit(text: &str, width: usize, lead: usize, rest: &str) -> String {
    let mut out = String::new();
    let first = " ".repeat(lead);
    wrap_into(&mut out, &flat(text), width, &first, rest);
    out.truncate(out.trim_end().len());
    out.split_off(lead.min(out.len()))
}

/// A question's message: header and prompt, continued under the prompt's text. Its last line
/// leaves room for inquire's mark of a question left with Esc.
pub(super) fn message(header: &str, prompt: &str, width: usize) -> String {
    let text = if header.is_empty() { prompt.to_string() } else { format!("{header} {prompt}") };
    let mut out = fit(&text, width, MARK, "  ");
    let (head, last) = match out.rfind('\n') {
        Some(at) => (at + 1, &out[at + 1..]),
        None => (0, out.as_str()),
    };
    let lead = if head == 0 { MARK } else { 0 };
    if lead + display_width(last) + 1 + display_width(BACK) > width {
        let refit = if head == 0 {
            fit(last, width - display_width(BACK) - 1, MARK, "  ")
        } else {
            format!("  {}", fit(last, width - display_width(BACK) - 1, 2, "  "))
        };
        out.replace_range(head.., &refit);
    }
    out
}

/// One entry of a list, after `lead` columns of marks, continued under its text.
pub(super) fn choice(label: &str, lead: usize, width: usize) -> String {
    fit(label, width, lead, &" ".repeat(lead))
}

/// The help line under a list: inquire draws it inside `[...]`.
pub(super) fn help(text: &str, width: usize) -> String {
    fit(text, width.saturating_sub(1), 1, "")
}

/// Paragraphs (separated by blank lines in `text`), each wrapped with `indent` on every line.
pub(super) fn block(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    for para in text.split("\n\n").map(flat).filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        wrap_into(&mut out, &para, width, indent, indent);
    }
    out.truncate(out.trim_end().len());
    out
}

/// What inquire's formatter returns for an answer echoed after `message`: on the message's last
/// line when it fits there whole, otherwise from a line of its own (inquire starts one for a
/// leading `\n`), indented and wrapped.
pub(super) fn echo(message: &str, answer: &str, width: usize) -> String {
    let last = message.rsplit('\n').next().unwrap_or_default();
    let lead = display_width(last) + if message.contains('\n') { 1 } else { MARK + 1 };
    if lead + display_width(answer) <= width && !answer.contains('\n') {
        return answer.to_string();
    }
    format!("\n{ANSWER_INDENT}{}", fit(answer, width, ANSWER_INDENT.len(), ANSWER_INDENT))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widest(lines: &str, lead: usize) -> usize {
        lines.lines().enumerate().map(|(i, l)| display_width(l) + if i == 0 { lead } else { 0 }).max().unwrap_or(0)
    }

    const PROMPT: &str = "How many engineers will build and run this system over the next two years?";

    #[test]
    fn a_message_breaks_between_words_within_the_width() {
        for width in [39, 79, 99] {
            let m = message("[12/29 · Team and organisation]", PROMPT, width);
            assert!(widest(&m, MARK) <= width, "{width}: {m}");
            assert_eq!(flat(&m), format!("[12/29 · Team and organisation] {PROMPT}"), "no word is cut");
            assert!(m.lines().skip(1).all(|l| l.starts_with("  ")), "{m}");
            let last = m.lines().last().unwrap_or_default();
            let lead = if m.contains('\n') { 0 } else { MARK };
            assert!(lead + display_width(last) + 1 + display_width(BACK) <= width, "room for Esc's mark: {m}");
        }
        assert!(!message("[1/2 · Team]", "Short?", 79).contains('\n'));
    }

    #[test]
    fn an_answer_follows_its_question_when_it_fits_and_starts_a_line_when_it_does_not() {
        assert_eq!(echo("[1/2 · Team] Short?", "Yes", 79), "Yes");
        let m = message("[1/2 · Team]", PROMPT, 39);
        let e = echo(&m, "Several teams with a platform team that serves them", 39);
        assert!(e.starts_with('\n'), "an answer is not split between two lines: {e:?}");
        let lines: Vec<&str> = e.lines().skip(1).collect();
        assert!(lines.iter().all(|l| l.starts_with(ANSWER_INDENT) && display_width(l) <= 39), "{e}");
        let long = "Nothing yet: a new system started from scratch this year";
        let e = echo(&"x".repeat(36), long, 39);
        assert!(e.starts_with('\n') && e.lines().all(|l| display_width(l) <= 39), "{e:?}");
        assert_eq!(flat(&e), long);
    }

    #[test]
    fn choices_help_and_paragraphs_keep_to_the_width() {
        let c = choice("Changes ripple; code is tangled; slow builds and tests", CHECKBOX, 39);
        assert!(widest(&c, CHECKBOX) <= 39 && c.lines().nth(1).is_some_and(|l| l.starts_with("      ")), "{c}");
        let h = help("↑↓ move · enter choose · esc back · ctrl-c stop (answers are kept)", 39);
        assert!(widest(&h, 1) <= 38, "{h}");
        let b = block("One paragraph\nof two lines.\n\nAnother, much longer than the width of the line.", 20, "  ");
        assert_eq!(b, "  One paragraph of\n  two lines.\n\n  Another, much\n  longer than the\n  width of the line.");
    }
}

//! Text from users and repositories made safe inside Markdown: it can neither drive a terminal
//! nor change the document's structure (close a `<details>` block, start a heading or a raw
//! HTML line, break a table row).

use crate::sanitize;

/// Text fit for one table cell: on one line, `|` escaped, HTML tags written as text, and control
/// characters shown escaped.
pub fn cell(s: &str) -> String {
    escaped(s, |_, _| false)
}

/// Free text (a person's name, a remark) anywhere in a line: as `cell`, with emphasis, links and
/// code marks escaped, and a heading or list mark at its start, so it reads exactly as written.
pub fn inline(s: &str) -> String {
    escaped(s, |i, c| matches!(c, '`' | '*' | '_' | '[' | ']') || (i == 0 && matches!(c, '#' | '-' | '+' | '=')))
}

/// Text inside a code span (a path, a command): on one line, control characters shown escaped, a
/// backtick (which would end the span) written as `'`, and `|` escaped for tables. Inside a span
/// nothing else has a meaning, so nothing else is escaped.
pub fn code(s: &str) -> String {
    let flat = super::text::flat(&s.replace('`', "'"));
    format!("`{}`", sanitize::clean(&flat).replace('|', "\\|"))
}

/// `s` on one line with the characters `also` picks (by position and value) backslash-escaped,
/// and a backslash where it would escape what follows. Control characters are escaped last, so
/// their `\u{..}` is not escaped again.
fn escaped(s: &str, also: fn(usize, char) -> bool) -> String {
    let flat = super::text::flat(s);
    let mut out = String::with_capacity(flat.len() + 8);
    let mut chars = flat.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if chars.peek().is_some_and(|&(_, next)| next.is_ascii_punctuation()) => out.push_str("\\\\"),
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if also(i, c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    sanitize::clean(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_change_the_document() {
        assert_eq!(
            cell("a | b\n</details><script>x</script>"),
            "a \\| b &lt;/details&gt;&lt;script&gt;x&lt;/script&gt;"
        );
        assert_eq!(cell("\u{1b}[2Jname\u{202e}"), "\\u{1b}[2Jname\\u{202e}");
        assert_eq!(inline("# [x](javascript:y) *z*\n<details>"), "\\# \\[x\\](javascript:y) \\*z\\* &lt;details&gt;");
        assert_eq!(code("a`b|c\n<d>\u{1b}"), "`a'b\\|c <d>\\u{1b}`");
        assert_eq!(inline("Ana-María O'Neil\u{202e}"), "Ana-María O'Neil\\u{202e}");
        assert_eq!(inline("a\\*b\\c"), "a\\\\\\*b\\c");
    }
}

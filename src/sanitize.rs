//! Neutralising text from users' files and arguments before it can reach a terminal: control
//! characters (escape sequences among them) and bidirectional overrides become visible escapes.

use std::borrow::Cow;

/// Whether `c` could change how a terminal shows what follows it.
fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every control character (but newline and tab) and bidi override written as `\u{..}`.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn escapes_become_visible_and_plain_text_is_untouched() {
        assert_eq!(clean("plain\ttext\n"), "plain\ttext\n");
        assert_eq!(clean("\u{1b}[31mred\u{1b}[0m"), "\\u{1b}[31mred\\u{1b}[0m");
        assert_eq!(clean("a\rb\u{7}c\u{9b}d"), "a\\u{d}b\\u{7}c\\u{9b}d");
        assert_eq!(clean("abc\u{202e}fed"), "abc\\u{202e}fed");
    }
}

//! Neutralising text from users' files and arguments before it can reach a terminal: control
//! characters (escape sequences among them) and bidirectional overrides become visible escapes.

use std::borrow::Cow;

/// Whether `c` could change how a terminal shows what follows it.
pub fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi(c)
}

/// A bidirectional embedding, override or isolate: it reorders the text that follows it, so a
/// name or a line can read differently from what it is.
pub fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every bidirectional control written as `escape` makes it: the last guard before any
/// output, where escape sequences of msadvise's own colours must stay.
pub fn bidi(s: &str, escape: fn(char) -> String) -> Cow<'_, str> {
    // Every byte of every document passes here: look for the controls' UTF-8 bytes rather than
    // decoding each character.
    if !has_bidi_bytes(s.as_bytes()) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| if is_bidi(c) { escape(c) } else { c.to_string() }).collect())
}

/// Whether `bytes` (UTF-8) holds a bidirectional control: E2 80 AA-AE or E2 81 A6-A9. memchr finds
/// the lead byte a word at a time; most documents have none, or a few (dashes, quotes).
fn has_bidi_bytes(bytes: &[u8]) -> bool {
    memchr::memchr_iter(0xE2, bytes).any(|i| match bytes.get(i + 1..i + 3) {
        Some(&[0x80, c]) => (0xAA..=0xAE).contains(&c),
        Some(&[0x81, c]) => (0xA6..=0xA9).contains(&c),
        _ => false,
    })
}

/// `\u{202e}`, as `clean` writes it.
pub fn visible(c: char) -> String {
    c.escape_unicode().to_string()
}

/// `\u202e`: the same character in a JSON string, where it can only occur.
pub fn json_escape(c: char) -> String {
    format!("\\u{:04x}", u32::from(c))
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
    #[test]
    fn the_byte_search_finds_exactly_the_bidirectional_controls() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(super::has_bidi_bytes(c.encode_utf8(&mut buf).as_bytes()), super::is_bidi(c), "{c:?}");
        }
        assert!(super::has_bidi_bytes("ab\u{2067}cd".as_bytes()));
    }

    use super::clean;

    #[test]
    fn escapes_become_visible_and_plain_text_is_untouched() {
        assert_eq!(clean("plain\ttext\n"), "plain\ttext\n");
        assert_eq!(clean("\u{1b}[31mred\u{1b}[0m"), "\\u{1b}[31mred\\u{1b}[0m");
        assert_eq!(clean("a\rb\u{7}c\u{9b}d"), "a\\u{d}b\\u{7}c\\u{9b}d");
        assert_eq!(clean("abc\u{202e}fed"), "abc\\u{202e}fed");
    }

    #[test]
    fn bidi_controls_are_escaped_and_colours_kept() {
        let s =
            "\u{1b}[1mname\u{1b}[0m \u{202a}a\u{202b}b\u{202c}c\u{202d}d\u{202e}e\u{2066}f\u{2067}g\u{2068}h\u{2069}";
        let text = super::bidi(s, super::visible);
        assert!(text.starts_with("\u{1b}[1mname\u{1b}[0m \\u{202a}a") && !text.chars().any(super::is_bidi), "{text}");
        let json = format!("{{\"n\": \"{}\"}}", super::bidi("x\u{202e}y\u{2066}", super::json_escape));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&json).unwrap()["n"], "x\u{202e}y\u{2066}");
    }
}

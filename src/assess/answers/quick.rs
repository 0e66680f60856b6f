//! The quick reading of an answers file: a strict reader of the usual subset of YAML.
//!
//! Why not the YAML crate here: reading the 4.5 KB `queueing-monolith.yaml` through serde-saphyr
//! cost 1.23M instructions, a fifth of `assess` (about 0.2 ms of user time); taking the events of
//! its parser (granit-parser) directly still cost 0.77M, 0.68M of them in the parser. This reader
//! takes 0.17M. The located reading (serde-saphyr, with file:line:column) stays the reference:
//! this one accepts only what it fully understands and gives `None` for anything else (anchors,
//! aliases, tags, block scalars, document markers, tabs, multi-line scalars, a plain word YAML
//! could read as a boolean, a number or nothing, ...), so that the located reading reads the file
//! and reports its problems. Tests check on generated texts that both agree wherever this one
//! answers.

use super::{OneOrMany, QuickAnswers};
use crate::yaml::Pairs;

/// The answers file as the located reading would read it, or `None` where that is not certain.
pub(super) fn read(text: &str) -> Option<QuickAnswers> {
    // Byte searches: a search for several characters decodes every character (0.1M here).
    let bytes = text.as_bytes();
    if memchr::memchr2(b'\t', b'\r', bytes).is_some() || memchr::memmem::find(bytes, "\u{feff}".as_bytes()).is_some() {
        return None;
    }
    let mut lines = Lines::new(text);
    let mut version = None;
    let (mut answers, mut notes, mut inferred) = (None, None, None);
    while let Some((indent, line)) = lines.next() {
        let (key, rest) = entry(line).filter(|_| indent == 0)?;
        // A field given twice is refused by serde: left to the located reading.
        match key {
            "schema_version" if version.is_none() => version = Some(number(rest)?),
            "answers" if answers.is_none() => answers = Some(mapping(&mut lines, rest, choices, flow_choices)?),
            "notes" if notes.is_none() => notes = Some(mapping(&mut lines, rest, text_value, flow_text)?),
            "inferred" if inferred.is_none() => inferred = Some(mapping(&mut lines, rest, text_value, flow_text)?),
            _ => return None,
        }
    }
    Some(QuickAnswers {
        schema_version: version?,
        answers: answers.unwrap_or_default(),
        notes: notes.unwrap_or_default(),
        inferred: inferred.unwrap_or_default(),
    })
}

/// The lines that hold something (not blank, not only a comment), with their indentation.
struct Lines<'a> {
    rest: std::str::Lines<'a>,
    peeked: Option<(usize, &'a str)>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        let mut lines = Lines { rest: text.lines(), peeked: None };
        lines.peeked = lines.advance();
        lines
    }

    fn advance(&mut self) -> Option<(usize, &'a str)> {
        self.rest.find_map(|line| {
            let content = line.trim_start_matches(' ');
            (!content.is_empty() && !content.starts_with('#')).then(|| (line.len() - content.len(), content))
        })
    }

    fn peek_indent(&self) -> Option<usize> {
        self.peeked.map(|(indent, _)| indent)
    }

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let next = self.peeked.take();
        self.peeked = self.advance();
        next
    }
}

/// A block value: what follows `key:` on its line, and the lines below, indented more than `key`.
type Block<V> = fn(&mut Lines<'_>, &str, usize) -> Option<V>;
/// A value inside a flow mapping: the value and the text after it.
type Flow<V> = fn(&str) -> Option<(V, &str)>;

/// `key: rest` with a plain key; `rest` without the spaces after the colon.
fn entry(line: &str) -> Option<(&str, &str)> {
    let (key, rest) = line.split_once(':')?;
    if !word(key) || !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some((key, rest.trim_start_matches(' ')))
}

/// A key: letters, digits, `_` and `-`, which every reader reads as this text.
fn word(s: &str) -> bool {
    s.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        && !null(s)
}

/// What YAML reads as nothing.
fn null(v: &str) -> bool {
    matches!(v, "" | "~" | "null" | "Null" | "NULL")
}

/// Nothing after `key:` but a comment (the spaces after the colon are taken off already).
fn blank(rest: &str) -> bool {
    rest.is_empty() || rest.starts_with('#')
}

/// Nothing more on the line but spaces and a comment.
fn end(rest: &str) -> bool {
    let trimmed = rest.trim_start_matches(' ');
    trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < rest.len())
}

/// `schema_version`: a plain decimal number as written.
fn number(rest: &str) -> Option<u32> {
    let digits = rest.find(|c: char| !c.is_ascii_digit()).map_or(rest, |i| &rest[..i]);
    if digits.is_empty() || (digits.starts_with('0') && digits.len() > 1) || !end(&rest[digits.len()..]) {
        return None;
    }
    digits.parse().ok()
}

/// A mapping of question ids, in block or flow style; nothing at all (`answers:`) is empty.
fn mapping<V>(lines: &mut Lines<'_>, rest: &str, block: Block<V>, flow: Flow<V>) -> Option<Pairs<String, V>> {
    if let Some(inner) = rest.strip_prefix('{') {
        let (pairs, after) = flow_mapping(inner, flow)?;
        return end(after).then_some(pairs);
    }
    let below = lines.peek_indent().filter(|&i| i > 0);
    if !blank(rest) {
        // `answers: ~` is empty; with entries below, it is not a mapping.
        let word_end = rest.find(' ').unwrap_or(rest.len());
        return (null(&rest[..word_end]) && end(&rest[word_end..]) && below.is_none()).then(Pairs::default);
    }
    let Some(indent) = below else {
        return Some(Pairs::default());
    };
    let mut pairs = Vec::new();
    while let Some(next) = lines.peek_indent().filter(|&i| i > 0) {
        let (_, line) = lines.next().filter(|_| next == indent)?;
        let (key, rest) = entry(line)?;
        pairs.push((key.to_string(), block(lines, rest, indent)?));
    }
    Some(Pairs(pairs))
}

/// `{key: value, ...}` on one line, after the `{`.
fn flow_mapping<V>(s: &str, flow: Flow<V>) -> Option<(Pairs<String, V>, &str)> {
    let mut s = s.trim_start_matches(' ');
    let mut pairs = Vec::new();
    if let Some(after) = s.strip_prefix('}') {
        return Some((Pairs(pairs), after));
    }
    loop {
        let (key, rest) = s.split_once(':')?;
        if !word(key) || !rest.starts_with(' ') {
            return None;
        }
        let (value, rest) = flow(rest.trim_start_matches(' '))?;
        pairs.push((key.to_string(), value));
        let rest = rest.trim_start_matches(' ');
        if let Some(after) = rest.strip_prefix('}') {
            return Some((Pairs(pairs), after));
        }
        s = rest.strip_prefix(',')?.trim_start_matches(' ');
    }
}

/// A choice id, a flow list of them, or a block list of them on the lines below.
fn choices(lines: &mut Lines<'_>, rest: &str, indent: usize) -> Option<OneOrMany> {
    if !blank(rest) {
        let (value, after) = flow_choices(rest)?;
        return end(after).then_some(value);
    }
    let items = lines.peek_indent().filter(|&i| i > indent)?;
    let mut ids = Vec::new();
    while let Some(next) = lines.peek_indent().filter(|&i| i > indent) {
        let (_, line) = lines.next().filter(|_| next == items)?;
        let (id, after) = choice(line.strip_prefix("- ")?.trim_start_matches(' '))?;
        end(after).then_some(())?;
        ids.push(id);
    }
    Some(OneOrMany::Many(ids))
}

/// A choice id or `[id, ...]`, and the text after it.
fn flow_choices(s: &str) -> Option<(OneOrMany, &str)> {
    let Some(inner) = s.strip_prefix('[') else {
        return choice(s).map(|(id, after)| (OneOrMany::One(id), after));
    };
    let mut s = inner.trim_start_matches(' ');
    let mut ids = Vec::new();
    if let Some(after) = s.strip_prefix(']') {
        return Some((OneOrMany::Many(ids), after));
    }
    loop {
        let (id, rest) = choice(s)?;
        ids.push(id);
        let rest = rest.trim_start_matches(' ');
        if let Some(after) = rest.strip_prefix(']') {
            return Some((OneOrMany::Many(ids), after));
        }
        s = rest.strip_prefix(',')?.trim_start_matches(' ');
    }
}

/// A choice id: quoted, or a plain word no YAML reader takes for anything but text.
fn choice(s: &str) -> Option<(String, &str)> {
    quoted(s).or_else(|| {
        let len = s.find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-'));
        let (id, after) = s.split_at(len.unwrap_or(s.len()));
        plain_word(id).then(|| (id.to_string(), after))
    })
}

/// Lower-case letters, digits, `_` and `-`, with a letter no number can hold (a number has at most
/// the digits of base 16 and `e`, `x`, `o`, `b`), and none of the words YAML 1.1 reads as a
/// boolean, a null or a special float. `16_to_50` is such a word; `0x1f`, `1e3`, `no` are not.
fn plain_word(v: &str) -> bool {
    const WORDS: [&str; 12] = ["y", "n", "yes", "no", "true", "false", "on", "off", "null", "nan", "inf", "infinity"];
    v.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && v.bytes().any(|b| b.is_ascii_lowercase() && b > b'f' && b != b'o' && b != b'x')
        && !WORDS.contains(&v)
}

/// A note or a confidence on the rest of its line.
fn text_value(_: &mut Lines<'_>, rest: &str, _: usize) -> Option<String> {
    let (value, after) = flow_text(rest)?;
    end(after).then_some(value)
}

/// Quoted text, or plain text of letters, digits, spaces and `_ . / ( ) ' -` (none of them starts
/// or ends a YAML token inside a line), and the text after it.
fn flow_text(s: &str) -> Option<(String, &str)> {
    quoted(s).or_else(|| {
        let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, ' ' | '_' | '.' | '/' | '(' | ')' | '\'' | '-');
        let len = s.find(|c: char| !plain(c)).unwrap_or(s.len());
        let text = s[..len].trim_end_matches(' ');
        let first = text.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric());
        (first && !null(text)).then(|| (text.to_string(), &s[text.len()..]))
    })
}

/// A single- or double-quoted scalar closed on its line, and the text after it.
fn quoted(s: &str) -> Option<(String, &str)> {
    if let Some(inner) = s.strip_prefix('\'') {
        return single_quoted(inner);
    }
    let inner = s.strip_prefix('"')?;
    // Most quoted text is plain ASCII without escapes: taken whole.
    let simple = inner.bytes().position(|b| b == b'"' || b == b'\\' || !(b' '..=b'~').contains(&b));
    if let Some(close) = simple.filter(|&i| inner.as_bytes()[i] == b'"') {
        return Some((inner[..close].to_string(), &inner[close + 1..]));
    }
    let mut out = String::new();
    let mut chars = inner.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, &inner[i + 1..])),
            '\\' => out.push(match chars.next()?.1 {
                '"' => '"',
                '\\' => '\\',
                '/' => '/',
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'b' => '\u{8}',
                'f' => '\u{c}',
                'u' => {
                    let hex = inner.get(i + 2..i + 6)?;
                    let code =
                        u32::from_str_radix(hex, 16).ok().filter(|_| hex.bytes().all(|b| b.is_ascii_hexdigit()))?;
                    chars.nth(3)?;
                    printable(char::from_u32(code)?).then_some(())?;
                    char::from_u32(code)?
                }
                _ => return None,
            }),
            c if printable(c) => out.push(c),
            _ => return None,
        }
    }
    None
}

fn single_quoted(inner: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut chars = inner.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\'' if chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                chars.next();
                out.push('\'');
            }
            '\'' => return Some((out, &inner[i + 1..])),
            c if printable(c) => out.push(c),
            _ => return None,
        }
    }
    None
}

/// Characters every YAML reader takes as written inside quotes (no controls, no byte-order marks).
fn printable(c: char) -> bool {
    !c.is_control() && !matches!(c, '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::{Answers, parse_located};
    use super::read;

    const KEYS: &[&str] = &[
        "schema_version",
        "answers",
        "notes",
        "inferred",
        "teams",
        "ci",
        "engineers",
        "main_pain",
        "teamz",
        "Teams",
        "yes",
        "true",
        "123",
        "null",
        "~",
        "<<",
        "\"teams\"",
        "'ci'",
        "? teams",
        "- teams",
        "teams ",
        "x",
    ];
    const VALUES: &[&str] = &[
        "",
        "1",
        "01",
        "2",
        "+1",
        "1.0",
        "one",
        "four_to_eight",
        "16_to_50",
        "two_or_three",
        "full",
        "unknown",
        "low",
        "medium",
        "high",
        "Low",
        "no",
        "yes",
        "on",
        "off",
        "y",
        "~",
        "null",
        "1e3",
        "0x1f",
        ".inf",
        "nan",
        "6_to_15",
        "none",
        "partial",
        "coupling",
        "\"one\"",
        "'one'",
        "\"o\\u006ee\"",
        "'it''s'",
        "\"a\\tb\"",
        "\"\\x41\"",
        "\"\\u0007\"",
        "\"\\ud800\"",
        "\"unterminated",
        "'q''",
        "\"\"",
        "''",
        "[one, two_or_three]",
        "[coupling, release_queueing]",
        "[one,]",
        "[ one ,two_or_three ]",
        "[]",
        "{}",
        "{teams: one}",
        "{teams: one, ci: full}",
        "{teams: [one, two_or_three]}",
        "{ci: low, teams: medium}",
        "{teams: x y}",
        "&a one",
        "*a",
        "!!str one",
        "!x one",
        "|",
        ">-",
        "some note (x)",
        "it's one/two",
        "a: b",
        "one # c",
        "one#c",
        "[one] x",
        "- one",
        "\"\u{202e}x\"",
        "\u{e9}",
        "\"\u{e9}\"",
        "\"a # b\"",
        "one, two",
        "%x",
        "@x",
        "`x`",
    ];
    const LINES: &[&str] = &["", "#", "# comment", "---", "...", "%YAML 1.2", "\t", " ", "schema_version: 1", "- one"];

    fn line() -> impl Strategy<Value = String> {
        let pick = |list: &'static [&'static str]| proptest::sample::select(list).prop_map(str::to_string);
        let entry = (0..5usize, pick(KEYS), pick(&[":", ": ", ":  ", " :"]), pick(VALUES), pick(&["", " # c", "#c"]))
            .prop_map(|(i, k, colon, v, c)| format!("{}{k}{colon}{v}{c}", " ".repeat(i)));
        let item = (0..7usize, pick(VALUES)).prop_map(|(i, v)| format!("{}- {v}", " ".repeat(i)));
        prop_oneof![4 => entry, 2 => item, 1 => pick(LINES)]
    }

    /// Answers texts made of the pieces above: well-formed ones, and every kind of wrong one.
    fn text() -> impl Strategy<Value = String> {
        (any::<bool>(), proptest::collection::vec(line(), 0..14), any::<bool>()).prop_map(|(version, lines, eol)| {
            let head = if version { "schema_version: 1\nanswers:\n  teams: one\n" } else { "" };
            format!("{head}{}{}", lines.join("\n"), if eol { "\n" } else { "" })
        })
    }

    /// Pairs each mapping may hold: answers the questionnaire takes, notes, confidences.
    const ANSWERS: &[(&str, &str)] = &[
        ("teams", "one"),
        ("teams", "\"two_or_three\""),
        ("teams", "'four_to_eight'"),
        ("ci", "full"),
        ("ci", "none"),
        ("ci", "unknown"),
        ("engineers", "6_to_15"),
        ("engineers", "16_to_50"),
        ("main_pain", "[coupling, release_queueing]"),
        ("main_pain", "- coupling"),
        ("main_pain", "[]"),
    ];
    const NOTES: &[(&str, &str)] =
        &[("teams", "plain note (x)"), ("ci", "\"a \\\"note\\\"\\n\\u202e\""), ("engineers", "'it''s'"), ("ci", "one")];
    const INFERRED: &[(&str, &str)] = &[("teams", "low"), ("ci", "medium"), ("engineers", "'high'"), ("ci", "high")];

    /// A mapping named `name`, in block or flow style, with its own pairs and now and then a wrong one.
    fn section(name: &'static str, own: &'static [(&'static str, &'static str)]) -> impl Strategy<Value = String> {
        let pair = prop_oneof![
            8 => proptest::sample::select(own),
            1 => (proptest::sample::select(KEYS), proptest::sample::select(VALUES)),
        ];
        (any::<bool>(), proptest::collection::btree_map(0..4usize, pair, 0..4)).prop_map(move |(flow, pairs)| {
            if flow {
                let inner: Vec<String> = pairs.values().map(|(k, v)| format!("{k}: {v}")).collect();
                return format!("{name}: {{{}}}\n", inner.join(", "));
            }
            let mut out = format!("{name}:\n");
            for (k, v) in pairs.values() {
                match v.strip_prefix("- ") {
                    Some(item) => out.push_str(&format!("  {k}:\n    - {item}\n    - release_queueing\n")),
                    None => out.push_str(&format!("  {k}: {v}\n")),
                }
            }
            out
        })
    }

    /// Files of the right shape, most of them well-formed.
    fn shaped() -> impl Strategy<Value = String> {
        let head = proptest::sample::select(
            &["schema_version: 1\n", "schema_version: 1 # v\n", "schema_version: 2\n", ""][..],
        );
        let answers = section("answers", ANSWERS);
        let notes = proptest::option::of(section("notes", NOTES));
        let inferred = proptest::option::of(section("inferred", INFERRED));
        (head, answers, notes, inferred).prop_map(|(head, answers, notes, inferred)| {
            format!("{head}{answers}{}{}", notes.unwrap_or_default(), inferred.unwrap_or_default())
        })
    }

    /// An example file with a piece put in, or a stretch taken out, anywhere.
    fn edited() -> impl Strategy<Value = String> {
        let base = include_str!("../../../examples/profiles/queueing-monolith.yaml");
        let piece = prop_oneof![line(), proptest::sample::select(VALUES).prop_map(str::to_string)];
        (0..base.len(), 0..40usize, piece, any::<bool>()).prop_map(move |(at, len, piece, insert)| {
            let at = (0..=at).rev().find(|&i| base.is_char_boundary(i)).unwrap_or(0);
            let to = (at + len..=base.len()).find(|&i| base.is_char_boundary(i)).unwrap_or(base.len());
            if insert {
                format!("{}{piece}{}", &base[..at], &base[at..])
            } else {
                format!("{}{}", &base[..at], &base[to..])
            }
        })
    }

    fn agree(text: &str) -> Result<(), TestCaseError> {
        let q = crate::knowledge::builtin::questionnaire().unwrap();
        if let Some(quick) = read(text).and_then(|quick| quick.resolve(&q)) {
            let located: Result<Answers, Vec<String>> =
                parse_located(&q, "a.yaml", text).map_err(|d| d.iter().map(ToString::to_string).collect());
            prop_assert_eq!(Ok(quick), located, "{}", text);
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// Where the quick reading answers, it gives what the located one gives.
        #[test]
        fn the_quick_reading_answers_only_as_the_located_one_does(text in text()) {
            agree(&text)?;
        }

        #[test]
        fn a_file_of_the_right_shape_is_read_alike_or_left_to_the_located_reading(text in shaped()) {
            agree(&text)?;
        }

        #[test]
        fn an_edited_file_is_read_alike_or_left_to_the_located_reading(text in edited()) {
            agree(&text)?;
        }
    }

    /// The styles people and msadvise write are read quickly, not only the examples'.
    #[test]
    fn the_usual_styles_are_read_quickly() {
        let q = crate::knowledge::builtin::questionnaire().unwrap();
        let texts = [
            "schema_version: 1\nanswers: {teams: one, engineers: up_to_5}\n",
            "# head\nschema_version: 1 # one\nanswers: # all\n  teams: 'one'\n\n  # why\n  ci: \"full\"\n",
            "schema_version: 1\nanswers:\n    main_pain:\n      - release_queueing\n      # more\n      - coupling\n",
            "schema_version: 1\nanswers:\n  main_pain: [release_queueing, coupling]\n",
            "schema_version: 1\nanswers:\nnotes:\n",
            "schema_version: 1\nanswers: {}\nnotes: ~\ninferred: {}\n",
            "schema_version: 1\nanswers: {ci: full}\ninferred:\n  ci: low\nnotes:\n  ci: \"a \\\"b\\\"\\n\\u202e c\"\n",
            "schema_version: 1\nanswers: {ci: full}\nnotes:\n  ci: it's fine (mostly) - see docs/ci.md\n",
        ];
        for text in texts {
            let quick = read(text).and_then(|quick| quick.resolve(&q));
            assert!(quick.is_some(), "{text}");
            assert_eq!(quick, parse_located(&q, "a.yaml", text).ok(), "{text}");
        }
    }
}

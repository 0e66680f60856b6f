//! Reading YAML: one place that sets the parser's limits and turns its errors into diagnostics.

use serde::de::DeserializeOwned;
use serde_saphyr::{Budget, DuplicateKeyPolicy, MergeKeyPolicy, Options, Spanned};

use crate::error::Diagnostic;

/// Nesting deeper than this is refused: no file msadvise reads needs more than a handful of levels.
pub const MAX_DEPTH: usize = 32;
/// Aliases allowed in one document; hand-written files rarely use any.
pub const MAX_ALIASES: usize = 100;

fn options(text: &str, duplicate_keys: DuplicateKeyPolicy) -> Options {
    let mut budget = Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_aliases = MAX_ALIASES;
    // The alias limit is the documented one; a second rule on aliases per anchor would refuse
    // files within it.
    budget.enforce_alias_anchor_ratio = false;
    let mut options = Options::default();
    options.budget = Some(budget);
    options.with_snippet = false;
    options.duplicate_keys = duplicate_keys;
    // Merging makes the parser remember every key of every mapping. A merge key is a plain `<<`,
    // so a text without one has nothing to merge.
    if !text.contains("<<") {
        options.merge_keys = MergeKeyPolicy::AsOrdinary;
    }
    options
}

/// Parse `text` (read from `file`) into `T`, reporting the first problem with file:line:column.
///
/// Repeated keys are passed through: serde refuses a repeated struct field, and the mappings with
/// free-form keys are checked by [`Problems::repeated_keys`], more cheaply than by the parser,
/// which hashes every key of every mapping. serde's refusal carries no location, so a file
/// refused without one is read again with the parser's check, which says where.
pub fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, Diagnostic> {
    serde_saphyr::from_str_with_options(text, options(text, DuplicateKeyPolicy::PassThrough)).map_err(|err| {
        if err.location().is_none()
            && let Err(located) =
                serde_saphyr::from_str_with_options::<T>(text, options(text, DuplicateKeyPolicy::Error))
            && located.location().is_some()
        {
            return diagnostic(file, &located);
        }
        diagnostic(file, &err)
    })
}

fn diagnostic(file: &str, err: &serde_saphyr::Error) -> Diagnostic {
    let message = match err {
        serde_saphyr::Error::Budget { breach, .. } => budget_message(breach),
        _ => clean_message(&err.without_snippet().to_string()),
    };
    let d = Diagnostic::new(file, message);
    match err.location() {
        Some(loc) => d.at(loc.line(), loc.column()),
        None => d,
    }
}

/// A limit of the parser, said plainly (the parser's own message is a Rust debug dump).
fn budget_message(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    match breach {
        B::Aliases { .. } => format!("more than {MAX_ALIASES} aliases (`*name`); at most {MAX_ALIASES} are allowed"),
        B::Depth { .. } => format!("nested deeper than {MAX_DEPTH} levels (depth limit)"),
        B::Anchors { anchors } => format!("too many anchors (`&name`): {anchors}"),
        B::Documents { .. } => "too many YAML documents in one file".to_string(),
        _ => "too large or too repetitive to read safely (the parser's limits on events, nodes or \
              anchored content were reached)"
            .to_string(),
    }
}

/// The parser's message may end with its own " at line X column Y"; we print the location up front.
fn clean_message(raw: &str) -> String {
    let first = raw.lines().next().unwrap_or(raw).trim();
    let trimmed = match first.rfind(" at line ") {
        Some(i) => &first[..i],
        None => first,
    };
    let message = trimmed.trim_end_matches(':');
    // The parser's advice here is for the programmer ("use Option<String>"); the reader needs a value.
    if message.starts_with("cannot deserialize null into") {
        return "a value is needed here, not nothing (null or `~`)".to_string();
    }
    // The parser suggests one of its own options here; the reader needs the YAML rule instead.
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        return duplicate_key(rest.split(", set DuplicateKeyPolicy").next().unwrap_or(rest));
    }
    // The parser names the Rust type a scalar did not fit.
    match message.strip_prefix("invalid ") {
        Some("i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize") => {
            return "a whole number is needed here (within the range this value allows)".to_string();
        }
        Some("f32" | "f64" | "floating point") => return "a number is needed here".to_string(),
        _ => {}
    }
    // serde's word for a repeated struct key.
    match message.strip_prefix("duplicate field `").and_then(|rest| rest.strip_suffix('`')) {
        Some(key) => duplicate_key(key),
        None => message.to_string(),
    }
}

fn duplicate_key(key: &str) -> String {
    format!("duplicate key `{key}`: each key may appear only once in a mapping")
}

/// A number as people write it: `1e308`, not three hundred digits.
pub fn number(v: f64) -> String {
    if v != 0.0 && !(1e-3..1e6).contains(&v.abs()) { format!("{v:e}") } else { v.to_string() }
}

/// A mapping kept in file order, for keys that carry their location (which are not `Ord`).
#[derive(Debug, Clone)]
pub struct Pairs<K, V>(pub Vec<(K, V)>);

/// A mapping key's text, with or without its location.
pub trait KeyText {
    fn text(&self) -> &str;
}

impl KeyText for String {
    fn text(&self) -> &str {
        self
    }
}

impl KeyText for Spanned<String> {
    fn text(&self) -> &str {
        &self.value
    }
}

impl<K: KeyText, V> Pairs<K, V> {
    /// The keys that repeat an earlier key of the mapping, in file order.
    pub fn repeated_keys(&self) -> Vec<&K> {
        let key = |i: usize| self.0[i].0.text();
        let mut order: Vec<usize> = (0..self.0.len()).collect();
        // Stable: among equal keys the first in the file comes first.
        order.sort_by(|&a, &b| key(a).cmp(key(b)));
        let mut repeats: Vec<usize> = order.windows(2).filter(|w| key(w[0]) == key(w[1])).map(|w| w[1]).collect();
        repeats.sort_unstable();
        repeats.into_iter().map(|i| &self.0[i].0).collect()
    }
}

impl<K, V> Default for Pairs<K, V> {
    fn default() -> Self {
        Pairs(Vec::new())
    }
}

impl<'de, K: serde::Deserialize<'de>, V: serde::Deserialize<'de>> serde::Deserialize<'de> for Pairs<K, V> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit<K, V>(std::marker::PhantomData<(K, V)>);
        impl<'de, K: serde::Deserialize<'de>, V: serde::Deserialize<'de>> serde::de::Visitor<'de> for Visit<K, V> {
            type Value = Pairs<K, V>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    out.push(entry);
                }
                Ok(Pairs(out))
            }
        }
        deserializer.deserialize_map(Visit(std::marker::PhantomData))
    }
}

/// A mapping that may also be written as nothing at all (`answers:`), as msadvise itself wrote an
/// empty set of answers before: for `#[serde(default, deserialize_with = "...")]`.
pub fn null_as_empty<'de, D, K, V>(deserializer: D) -> Result<Pairs<K, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    K: serde::Deserialize<'de>,
    V: serde::Deserialize<'de>,
{
    <Option<Pairs<K, V>> as serde::Deserialize>::deserialize(deserializer).map(Option::unwrap_or_default)
}

/// A diagnostic pointing at the value `at` in `file`.
pub fn located<T>(file: &str, at: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(file, message).at(at.referenced.line(), at.referenced.column())
}

/// The problems found while validating one file, each where the parser saw the value.
#[derive(Debug)]
pub struct Problems<'a> {
    pub file: &'a str,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Problems<'a> {
    pub fn new(file: &'a str) -> Self {
        Problems { file, diagnostics: Vec::new() }
    }

    pub fn at<T>(&mut self, at: &Spanned<T>, message: impl Into<String>) {
        self.diagnostics.push(located(self.file, at, message));
    }

    /// Each key of `pairs` that repeats an earlier one, where it repeats.
    pub fn repeated_keys<V>(&mut self, pairs: &Pairs<Spanned<String>, V>) {
        for key in pairs.repeated_keys() {
            self.at(key, duplicate_key(&key.value));
        }
    }

    /// A problem with the file as a whole, or with no better location.
    pub fn whole(&mut self, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::new(self.file, message));
    }

    /// Required text: trimmed, and reported when blank.
    pub fn text(&mut self, value: Spanned<String>, field: &str) -> String {
        let trimmed = crate::sanitize::clean(value.value.trim()).into_owned();
        if trimmed.is_empty() {
            self.at(&value, format!("`{field}` must not be empty"));
        }
        trimmed
    }

    pub fn texts(&mut self, values: Vec<Spanned<String>>, field: &str) -> Vec<String> {
        values.into_iter().map(|v| self.text(v, field)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Versioned {
        schema_version: u32,
        #[serde(default)]
        notes: Pairs<Spanned<String>, String>,
    }

    #[test]
    fn a_repeated_key_is_refused_where_it_repeats() {
        let err = parse::<Versioned>("v.yaml", "schema_version: 1\nschema_version: 2\n").unwrap_err().to_string();
        assert!(err.starts_with("v.yaml:2:1:") && err.contains("duplicate key `schema_version`"), "{err}");
        let v: Versioned = parse("v.yaml", "schema_version: 1\nnotes:\n  a: x\n  b: y\n  a: z\n").unwrap();
        let mut problems = Problems::new("v.yaml");
        problems.repeated_keys(&v.notes);
        let found: Vec<String> = problems.diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(found, ["v.yaml:5:3: duplicate key `a`: each key may appear only once in a mapping"]);
    }

    #[test]
    fn merge_keys_still_merge() {
        let text = "schema_version: 1\nnotes:\n  <<: {a: x, b: y}\n  b: z\n";
        let v: Versioned = parse("v.yaml", text).unwrap();
        let mut notes: Vec<(&str, &str)> = v.notes.0.iter().map(|(k, v)| (k.value.as_str(), v.as_str())).collect();
        notes.sort_unstable();
        assert_eq!(notes, [("a", "x"), ("b", "z")]);
    }

    #[test]
    fn nesting_beyond_the_budget_is_refused_with_its_location() {
        let deep = format!("{}1{}\n", "[".repeat(200), "]".repeat(200));
        let err = parse::<serde_json::Value>("deep.yaml", &deep).unwrap_err().to_string();
        assert!(err.starts_with("deep.yaml:1:") && err.contains("depth"), "{err}");
        assert!(parse::<serde_json::Value>("ok.yaml", &format!("{}1{}\n", "[".repeat(20), "]".repeat(20))).is_ok());
    }

    /// The README's limit: 100 aliases are read, the 101st is refused in words.
    #[test]
    fn the_alias_limit_is_the_documented_one_and_said_plainly() {
        let aliases = |n: usize| format!("a: &a x\nl: [{}]\n", vec!["*a"; n].join(", "));
        assert!(parse::<serde_json::Value>("ok.yaml", &aliases(MAX_ALIASES)).is_ok());
        let err = parse::<serde_json::Value>("bad.yaml", &aliases(MAX_ALIASES + 1)).unwrap_err().to_string();
        assert!(err.contains("more than 100 aliases") && !err.contains('{'), "{err}");
    }

    #[test]
    fn a_missing_value_is_said_in_the_readers_words() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Topic {
            id: String,
        }
        let err = parse::<Topic>("t.yaml", "{id: null}\n").unwrap_err().to_string();
        assert_eq!(err, "t.yaml:1:6: a value is needed here, not nothing (null or `~`)");
    }
}

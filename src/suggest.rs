//! "Did you mean": the known names closest to what was typed, for every error that suggests one.

/// Names scoring at least this (Jaro-Winkler, 0-1) are offered.
const THRESHOLD: f64 = 0.8;

/// Known names close to `typed`, best first (ties by name). A name that contains what was typed,
/// or is contained in it, counts as close once three characters were typed.
pub fn ranked<'a>(typed: &str, names: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let typed = typed.trim().to_lowercase();
    let mut scored: Vec<(f64, &str)> = names
        .into_iter()
        .filter_map(|name| {
            let lower = name.to_lowercase();
            let mut score = strsim::jaro_winkler(&typed, &lower);
            if typed.len() >= 3 && (lower.contains(&typed) || typed.contains(&lower)) {
                score = score.max(0.9);
            }
            (score >= THRESHOLD).then_some((score, name))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().map(|(_, n)| n).collect()
}

/// The single closest name, for a "; did you mean `x`?" hint.
pub fn hint<'a>(typed: &str, names: impl IntoIterator<Item = &'a str>) -> String {
    ranked(typed, names).first().map(|n| format!("; did you mean `{n}`?")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_names_come_first_and_far_ones_not_at_all() {
        let names = ["teams", "engineers", "ownership"];
        assert_eq!(ranked("teems", names), ["teams"]);
        assert_eq!(ranked("TEAM", names), ["teams"]);
        assert!(ranked("zzz", names).is_empty());
        assert_eq!(hint("enginers", names), "; did you mean `engineers`?");
        assert_eq!(hint("xyz", names), "");
    }
}

//! Files and lines per language, generated code left out (by name, by a marker in the first
//! lines, or by `linguist-generated` in a `.gitattributes`).

use std::collections::BTreeMap;

use ignore::gitignore::Gitignore;

use super::files::Kind;
use super::manifests;
use super::report::LanguageStat;
use super::rules::generated;
use super::walk::{FileRec, Tree};

/// Lines per language, most first, and (files, lines) of generated code left out.
pub fn count(tree: &Tree) -> (Vec<LanguageStat>, (u64, u64)) {
    let attributes: Vec<(&str, Gitignore)> = tree
        .texts
        .iter()
        .filter(|t| t.kind == Kind::Attributes)
        .filter_map(|t| {
            let (dir, _) = manifests::split(&t.rel);
            generated::matcher(&generated::gitattributes(&t.text)).map(|m| (dir, m))
        })
        .collect();
    let mut by: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    let mut skipped = (0, 0);
    for file in &tree.files {
        let Some(lang) = file.lang else { continue };
        if is_generated(file, &attributes) {
            skipped.0 += 1;
            skipped.1 += file.lines.unwrap_or(0);
            continue;
        }
        let entry = by.entry(lang).or_default();
        entry.0 += 1;
        entry.1 += file.lines.unwrap_or(0);
    }
    let mut out: Vec<LanguageStat> =
        by.into_iter().map(|(l, (files, lines))| LanguageStat { language: l.to_string(), files, lines }).collect();
    out.sort_by(|a, b| b.lines.cmp(&a.lines).then_with(|| a.language.cmp(&b.language)));
    (out, skipped)
}

fn is_generated(file: &FileRec, attributes: &[(&str, Gitignore)]) -> bool {
    let (_, name) = manifests::split(&file.rel);
    if generated::by_name(name) {
        return true;
    }
    let marked = attributes.iter().any(|(dir, matcher)| {
        let below = if *dir == "." {
            Some(file.rel.as_str())
        } else {
            file.rel.strip_prefix(dir).and_then(|r| r.strip_prefix('/'))
        };
        below.is_some_and(|rel| generated::matches(matcher, rel))
    });
    marked || file.generated_marker
}

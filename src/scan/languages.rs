//! Files and lines per language, generated code left out (by name, by a marker in the first
//! lines, or by `linguist-generated` in a `.gitattributes`).

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
    // A handful of languages over tens of thousands of files, mostly in runs of one language:
    // a short list searched from its last hit beats a map (this runs after the walk, on one thread).
    let mut by: Vec<(&str, u64, u64)> = Vec::new();
    let mut last = 0;
    let mut skipped = (0, 0);
    for file in &tree.files {
        let Some(lang) = file.lang else { continue };
        if is_generated(file, &attributes) {
            skipped.0 += 1;
            skipped.1 += file.lines.unwrap_or(0);
            continue;
        }
        if by.get(last).is_none_or(|e| e.0 != lang) {
            last = by.iter().position(|e| e.0 == lang).unwrap_or_else(|| {
                by.push((lang, 0, 0));
                by.len() - 1
            });
        }
        by[last].1 += 1;
        by[last].2 += file.lines.unwrap_or(0);
    }
    let mut out: Vec<LanguageStat> =
        by.into_iter().map(|(l, files, lines)| LanguageStat { language: l.to_string(), files, lines }).collect();
    out.sort_by(|a, b| b.lines.cmp(&a.lines).then_with(|| a.language.cmp(&b.language)));
    (out, skipped)
}

fn is_generated(file: &FileRec, attributes: &[(&str, Gitignore)]) -> bool {
    if file.generated_name {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn file(rel: &str, lang: &'static str, lines: u64, generated_name: bool) -> FileRec {
        FileRec {
            rel: rel.to_string(),
            lang: Some(lang),
            lines: Some(lines),
            go_main: false,
            generated_marker: false,
            generated_name,
        }
    }

    /// Languages in runs and interleaved are counted alike; generated files are set apart.
    #[test]
    fn languages_are_counted_however_they_interleave() {
        let files = vec![
            file("a.go", "Go", 3, false),
            file("a.pb.go", "Go", 50, true),
            file("b.rs", "Rust", 5, false),
            file("c.go", "Go", 4, false),
            file("d.py", "Python", 7, false),
            file("e.rs", "Rust", 2, false),
        ];
        let tree = Tree { files, ..Tree::default() };
        let (stats, generated) = count(&tree);
        let got: Vec<_> = stats.iter().map(|s| (s.language.as_str(), s.files, s.lines)).collect();
        assert_eq!(got, [("Go", 2, 7), ("Python", 1, 7), ("Rust", 2, 7)]);
        assert_eq!(generated, (1, 50));
    }
}

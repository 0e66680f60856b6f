//! Where the quiz keeps answers: the partial file of a stopped quiz, the file of a finished one,
//! and the rule that a file holding more answers is never replaced by one holding fewer.

use std::path::{Path, PathBuf};

use crate::assess::{Answers, Questionnaire, answers};
use crate::fsutil;

/// Where an interrupted quiz keeps its answers when `--save` was not given.
pub const PARTIAL_FILE: &str = "msadvise-answers.partial.yaml";
/// Where a finished quiz keeps its answers when `--save` was not given.
pub const ANSWERS_FILE: &str = "msadvise-answers.yaml";

/// What a file about to be written holds now.
#[derive(Debug, PartialEq, Eq)]
pub enum Held {
    Nothing,
    Answers(Answers),
    /// Not an answers file msadvise can read: somebody's data, never to be replaced unasked.
    Other,
}

pub fn count(a: &Answers) -> usize {
    a.values.iter().flatten().count()
}

/// "1 answer", "6 answers".
pub fn answers_word(n: usize) -> String {
    if n == 1 { "1 answer".to_string() } else { format!("{n} answers") }
}

pub fn held(q: &Questionnaire, path: &Path) -> Held {
    let Ok(meta) = std::fs::metadata(path) else {
        return if std::fs::symlink_metadata(path).is_ok() { Held::Other } else { Held::Nothing };
    };
    if !meta.is_file() {
        return Held::Other;
    }
    match crate::input::regular_file_text(path, super::MAX_ANSWERS_BYTES) {
        Ok(text) => answers::parse(q, &path.display().to_string(), &text).map_or(Held::Other, Held::Answers),
        Err(_) => Held::Other,
    }
}

/// A name beside `path` that is free: `name.2.yaml`, `name.3.yaml`, ...
fn free_beside(path: &Path) -> PathBuf {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = path.extension().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "yaml".into());
    (2..)
        .map(|n| path.with_file_name(format!("{stem}.{n}.{ext}")))
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| path.to_path_buf())
}

/// `path` as a shell word.
pub fn shell_word(path: &Path) -> String {
    let s = path.display().to_string();
    let plain = !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "._/-+=:,@".contains(c));
    if plain { s } else { format!("'{}'", s.replace('\'', r"'\''")) }
}

/// Save the answers of a stopped quiz and say how to resume. Nothing is written when nothing was
/// answered. A file the quiz did not start from (`resumed` says it did) is replaced only when it
/// is the `--save` file and holds no more answers; otherwise it is left as it is and the answers go
/// to a free name beside it: the person chose not to resume it, or never saw it.
pub fn keep_stopped(q: &Questionnaire, given: &Answers, save: Option<&Path>, resumed: bool) -> String {
    // A closed terminal can stop the quiz twice at once (SIGHUP, and the failed read it causes):
    // one keeps the answers, then the other finds them kept.
    static KEEPING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one_at_a_time = KEEPING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let path = save.map_or_else(|| PathBuf::from(PARTIAL_FILE), Path::to_path_buf);
    let n = count(given);
    if n == 0 {
        return "stopped; no answers to keep".to_string();
    }
    let (target, spared) = match held(q, &path) {
        Held::Nothing => (path.clone(), None),
        Held::Answers(_) if resumed => (path.clone(), None),
        Held::Answers(old) if save.is_some() && count(&old) <= n => (path.clone(), None),
        Held::Answers(old) => {
            (free_beside(&path), Some(format!("{} holds {}", path.display(), answers_word(count(&old)))))
        }
        Held::Other => (free_beside(&path), Some(format!("{} is not an answers file of this quiz", path.display()))),
    };
    if let Err(e) = fsutil::write_atomic(&target, answers::to_yaml(q, given).as_bytes()) {
        return format!("stopped, and the answers could not be kept: {e}");
    }
    let mut said = format!("stopped; {} kept in {}", answers_word(n), target.display());
    if let Some(why) = spared {
        said.push_str(&format!(" ({why} and was left as it is)"));
    }
    let mut command = format!("msadvise assess --answers {}", shell_word(&target));
    if let Some(save) = save {
        command.push_str(&format!(" --save {}", shell_word(save)));
    }
    fitted(&said, &command, crate::assess::prompt::columns())
}

/// The stop message broken at word boundaries for a terminal of `columns` (after the
/// `msadvise: ` it is printed with), the resume command kept whole on a line of its own.
fn fitted(said: &str, command: &str, columns: usize) -> String {
    const LEAD: &str = "msadvise: ";
    let mut out = String::new();
    crate::output::wrap_into(&mut out, said, columns.saturating_sub(1), LEAD, "  ");
    let mut message = out.split_off(LEAD.len());
    if "  resume with: ".len() + command.len() < columns {
        message.push_str(&format!("  resume with: {command}"));
    } else {
        message.push_str(&format!("  resume with:\n    {command}"));
    }
    message
}

/// Save the answers of a finished quiz where `--save` was not given to `path`
/// (`msadvise-answers.yaml`), unless that is another quiz's file (then a free name beside it).
/// Returns the file written.
pub fn keep_finished(
    q: &Questionnaire,
    given: &Answers,
    path: &Path,
    read_from: &[String],
) -> crate::error::Result<PathBuf> {
    let ours = read_from.iter().any(|r| Path::new(r) == path);
    let target = match held(q, path) {
        Held::Nothing => path.to_path_buf(),
        Held::Answers(old) if ours || old == *given => path.to_path_buf(),
        _ => free_beside(path),
    };
    fsutil::write_atomic(&target, answers::to_yaml(q, given).as_bytes())?;
    Ok(target)
}

/// After a resumed quiz is finished and its answers saved elsewhere, the partial file it started
/// from is spent; it is removed only while it holds no answer the finished set lacks.
pub fn retire_partial(q: &Questionnaire, given: &Answers, partial: &Path) {
    if let Held::Answers(old) = held(q, partial) {
        let covered = old.values.iter().zip(&given.values).all(|(o, g)| o.is_none() || g.is_some());
        if covered {
            let _ = std::fs::remove_file(partial);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_are_quoted_only_when_needed() {
        assert_eq!(shell_word(Path::new("kept.yaml")), "kept.yaml");
        assert_eq!(shell_word(Path::new("my answers.yaml")), "'my answers.yaml'");
        assert_eq!(shell_word(Path::new("it's.yaml")), r"'it'\''s.yaml'");
    }

    #[test]
    fn the_stop_message_fits_the_terminal_and_keeps_the_command_whole() {
        let command = "msadvise assess --answers msadvise-answers.partial.yaml --save kept.yaml";
        let narrow = fitted("stopped; 6 answers kept in msadvise-answers.partial.yaml", command, 40);
        assert_eq!(
            narrow,
            format!("stopped; 6 answers kept in\n  msadvise-answers.partial.yaml\n  resume with:\n    {command}")
        );
        let wide = fitted("stopped; 6 answers kept in kept.yaml", command, 100);
        assert_eq!(wide, format!("stopped; 6 answers kept in kept.yaml\n  resume with: {command}"));
    }

    fn some_answers(q: &Questionnaire, n: usize) -> Answers {
        let mut a = Answers::empty(q);
        for v in a.values.iter_mut().take(n) {
            *v = Some(crate::assess::Answer::Chosen(vec![0]));
        }
        a
    }

    #[test]
    fn a_stopped_quiz_never_replaces_a_file_with_more_answers() {
        let q = crate::assess::builtin_questionnaire().unwrap();
        let dir = std::env::temp_dir().join(format!("msadvise-keep-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("kept.yaml");
        let six = answers::to_yaml(&q, &some_answers(&q, 6));
        std::fs::write(&file, &six).unwrap();

        let said = keep_stopped(&q, &Answers::empty(&q), Some(&file), true);
        assert_eq!(said, "stopped; no answers to keep");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), six);

        let said = keep_stopped(&q, &some_answers(&q, 2), Some(&file), false);
        assert_eq!(std::fs::read_to_string(&file).unwrap(), six, "{said}");
        assert!(said.contains("kept.2.yaml") && said.contains("holds 6 answers and was left as it is"), "{said}");
        assert_eq!(held(&q, &dir.join("kept.2.yaml")), Held::Answers(some_answers(&q, 2)));

        let said = keep_stopped(&q, &some_answers(&q, 7), Some(&file), false);
        assert!(said.contains("7 answers kept in") && !said.contains("left as it is"), "{said}");
        assert_eq!(held(&q, &file), Held::Answers(some_answers(&q, 7)));
        // A quiz resumed from the file replaces it, even after changing answers.
        let said = keep_stopped(&q, &some_answers(&q, 5), Some(&file), true);
        assert!(!said.contains("left as it is"), "{said}");

        std::fs::write(&file, "not: [an answers file").unwrap();
        let said = keep_stopped(&q, &some_answers(&q, 7), Some(&file), true);
        assert!(said.contains("is not an answers file"), "{said}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "not: [an answers file");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_finished_quiz_replaces_only_its_own_answers_file() {
        let q = crate::assess::builtin_questionnaire().unwrap();
        let dir = std::env::temp_dir().join(format!("msadvise-keep-finished-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join(ANSWERS_FILE);
        assert_eq!(keep_finished(&q, &some_answers(&q, 3), &file, &[]).unwrap(), file);
        // Another quiz's answers stay; these go beside them.
        let beside = keep_finished(&q, &some_answers(&q, 9), &file, &[]).unwrap();
        assert_eq!(beside, dir.join("msadvise-answers.2.yaml"));
        assert_eq!(held(&q, &file), Held::Answers(some_answers(&q, 3)));
        // The file the quiz was resumed from is its own.
        let from = [file.display().to_string()];
        assert_eq!(keep_finished(&q, &some_answers(&q, 9), &file, &from).unwrap(), file);
        assert_eq!(held(&q, &file), Held::Answers(some_answers(&q, 9)));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn plurals() {
        assert_eq!(answers_word(1), "1 answer");
        assert_eq!(answers_word(6), "6 answers");
    }
}

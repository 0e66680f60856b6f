//! What a new user meets first: text that fits the width without breaking words, a manual page
//! that covers everything, completions that know the topics and answers, and grep's exit status.

use std::collections::HashSet;
use std::process::Command;

use rexpect::reader::Options;
use rexpect::session::spawn_with_options;

use crate::{msadvise, msadvise_env};

const WIDTHS: [usize; 3] = [40, 80, 100];

fn text_at(args: &[&str], columns: usize) -> String {
    let out = msadvise_env(args, &[("COLUMNS", &columns.to_string())]);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn width(line: &str) -> usize {
    line.chars().count()
}

/// Every line fits, unless it holds one word that alone is wider (a URL).
fn assert_fits(text: &str, columns: usize, what: &str) {
    for line in text.lines() {
        let words = line.split_whitespace().filter(|w| !matches!(*w, "-" | "+" | "│")).count();
        assert!(width(line) <= columns || words <= 1, "{what} at {columns}: {line:?} is {} wide", width(line));
    }
}

#[test]
fn text_fits_40_80_and_100_columns() {
    let commands: [&[&str]; 8] = [
        &["explain"],
        &["explain", "saga", "--full"],
        &["topics"],
        &["topics", "--long"],
        &["compare", "monolith", "modular-monolith", "microservices"],
        &["search", "retry"],
        &["glossary"],
        &["questions"],
    ];
    for columns in WIDTHS {
        for args in commands {
            assert_fits(&text_at(args, columns), columns, &args.join(" "));
        }
    }
}

/// The words a comparison is made of, so that a word split inside a cell (`Monolit`, `h`) shows.
fn comparison_words(args: &[&str]) -> HashSet<String> {
    let json = String::from_utf8(msadvise(&[args, &["--json"]].concat()).stdout).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut text = String::new();
    for s in doc["styles"].as_array().unwrap() {
        text += &format!(" {} {}", s["title"].as_str().unwrap(), s["id"].as_str().unwrap());
    }
    for r in doc["rows"].as_array().unwrap() {
        text += &format!(" {}", r["label"].as_str().unwrap());
        for v in r["values"].as_array().unwrap() {
            text += &format!(" {}", v.as_str().unwrap());
        }
    }
    text += " More on each: msadvise explain |";
    text.split_whitespace().flat_map(|w| [w.to_string(), w.to_uppercase()]).collect()
}

#[test]
fn compare_never_splits_a_word_at_any_width() {
    for styles in [&["monolith", "microservices"][..], &["monolith", "modular-monolith", "microservices", "serverless"]]
    {
        let args = [&["compare"][..], styles].concat();
        let words = comparison_words(&args);
        for columns in WIDTHS {
            let text = text_at(&args, columns);
            for token in text.split_whitespace().map(|w| w.trim_end_matches(':')) {
                let is_rule = token.chars().all(|c| "─═│-".contains(c));
                assert!(
                    is_rule || words.contains(token),
                    "at {columns} columns, `{token}` is not a whole word:\n{text}"
                );
            }
        }
    }
}

#[test]
fn topics_are_one_line_each_grouped_by_kind() {
    let list = String::from_utf8(msadvise(&["topics", "--json"]).stdout).unwrap();
    let count = serde_json::from_str::<serde_json::Value>(&list).unwrap()["topics"].as_array().unwrap().len();
    for columns in WIDTHS {
        let text = text_at(&["topics"], columns);
        let rows = text.lines().filter(|l| l.starts_with("  ")).count();
        assert_eq!(rows, count, "one line per topic at {columns} columns:\n{text}");
        assert!(text.contains("ARCHITECTURE STYLES\n  ") && text.contains("\nPATTERNS\n"), "{text}");
    }
}

#[test]
fn explain_shows_one_screen_by_default_and_everything_with_full() {
    let short = text_at(&["explain"], 80);
    let full = text_at(&["explain", "--full"], 80);
    assert!(
        short.lines().count() * 4 < full.lines().count(),
        "{} against {}",
        short.lines().count(),
        full.lines().count()
    );
    for heading in ["DEFINITION", "ADVANTAGES", "holds only when:", "DISADVANTAGES", "PRACTICAL CONCERNS"] {
        assert!(short.contains(heading), "{heading}");
    }
    for heading in ["WHEN TO USE", "WHEN NOT TO USE", "SEE ALSO", "msadvise explain microservices --full"] {
        assert!(short.contains(heading), "{heading}");
    }
    assert!(!short.contains("COMMON MISCONCEPTIONS") && full.contains("COMMON MISCONCEPTIONS"));
    assert!(!short.contains("SOURCES") && full.contains("SOURCES"));
    let json = String::from_utf8(msadvise(&["explain", "--json"]).stdout).unwrap();
    assert!(json.contains("\"misconceptions\"") && json.contains("\"sources\""), "JSON keeps the whole topic");
}

#[test]
fn search_that_finds_nothing_exits_1_in_every_format() {
    for format in ["text", "json", "yaml", "markdown"] {
        let out = msadvise(&["search", "zzzqqqxx", "--format", format]);
        assert_eq!(out.status.code(), Some(1), "{format}");
        assert!(out.stderr.is_empty(), "{format}: no error message, the output says it");
    }
    assert_eq!(msadvise(&["search", "saga"]).status.code(), Some(0));
}

#[test]
fn the_manual_covers_every_command_and_option_and_names_no_missing_page() {
    let page = String::from_utf8(msadvise(&["man"]).stdout).unwrap();
    let help = |args: &[&str]| String::from_utf8(msadvise(args).stdout).unwrap();
    for command in ["explain", "topics", "search", "compare", "glossary", "assess", "questions", "scan", "schema"] {
        assert!(page.contains(&format!(".SS \"msadvise {command}\"")), "{command}");
        // Every long option in the command's own help is in the page.
        let own = help(&[command, "--help"]);
        let own = own.split("Global Options:").next().unwrap();
        for option in own.split_whitespace().filter(|w| w.starts_with("--") && *w != "--help") {
            let option = option.trim_end_matches(',').split(['=', '<']).next().unwrap();
            assert!(page.contains(&option.replace('-', "\\-")), "{command} {option}");
        }
    }
    for section in [".SH \"EXIT STATUS\"", ".SH ENVIRONMENT", ".SH FILES", ".SH EXAMPLES", ".SH \"GLOBAL OPTIONS\""] {
        assert!(page.contains(section), "{section}");
    }
    assert!(!page.contains("(1)"), "no references to other pages, which do not exist");
    // Examples are kept as written, not filled; checked where `man` is installed.
    let Ok(mut child) = Command::new("man")
        .args(["-l", "-"])
        .env("MANWIDTH", "100")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
    else {
        return;
    };
    use std::io::Write;
    child.stdin.take().unwrap().write_all(page.as_bytes()).unwrap();
    let rendered =
        String::from_utf8_lossy(&child.wait_with_output().unwrap().stdout).replace(['\u{2010}', '\u{2212}'], "-");
    if rendered.trim().is_empty() {
        return;
    }
    assert!(
        rendered.contains("  msadvise compare monolith modular-monolith microservices --format markdown\n"),
        "{rendered}"
    );
    assert!(
        rendered.contains("msadvise assess -a alice.yaml -a bob.yaml         A team's answers, combined"),
        "{rendered}"
    );
}

/// Complete `words` (the last one being completed) with the generated bash script, as bash would.
fn bash_complete(script: &std::path::Path, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        r#"source '{}'
COMP_WORDS=({})
COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))
_msadvise msadvise "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}""#,
        script.display(),
        quoted.join(" ")
    );
    let out = Command::new("bash").args(["--norc", "--noprofile", "-c", &program]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().filter(|l| !l.is_empty()).map(str::to_string).collect()
}

#[test]
fn bash_completes_topics_styles_answers_formats_and_verdicts() {
    if Command::new("bash").arg("--version").output().is_err() {
        return;
    }
    let dir = crate::temp_dir("completions");
    let script = dir.join("msadvise.bash");
    std::fs::write(&script, msadvise(&["completions", "bash"]).stdout).unwrap();
    assert_eq!(bash_complete(&script, &["msadvise", "explain", "circuit"]), ["circuit-breaker"]);
    assert_eq!(bash_complete(&script, &["msadvise", "compare", "monolith", "mod"]), ["modular-monolith"]);
    // Only styles with a profile can be compared.
    assert!(bash_complete(&script, &["msadvise", "compare", "sa"]).is_empty());
    let pairs = bash_complete(&script, &["msadvise", "assess", "--set", "tea"]);
    assert!(
        pairs.contains(&"teams=four_to_eight".to_string()) && pairs.contains(&"teams=unknown".to_string()),
        "{pairs:?}"
    );
    // Bash splits the word at `=`; the choice is completed on its own.
    assert_eq!(bash_complete(&script, &["msadvise", "assess", "--set", "teams", "=", "fo"]), ["four_to_eight"]);
    assert_eq!(bash_complete(&script, &["msadvise", "assess", "--set", "teams", "="]).len(), 5);
    assert_eq!(bash_complete(&script, &["msadvise", "explain", "--format", "ya"]), ["yaml"]);
    assert_eq!(bash_complete(&script, &["msadvise", "assess", "--fail-on", "not"]), ["not-ready"]);
}

#[test]
fn bash_zsh_and_fish_get_the_topic_ids_and_answers() {
    for shell in ["bash", "zsh", "fish"] {
        let script = String::from_utf8(msadvise(&["completions", shell]).stdout).unwrap();
        assert!(script.contains("circuit-breaker") && script.contains("teams=four_to_eight"), "{shell}");
    }
}

/// The real terminal path: the width comes from the pseudo-terminal, not from COLUMNS.
#[test]
fn in_a_terminal_text_is_wrapped_to_its_width() {
    let commands = [("compare monolith modular-monolith microservices", "More on each"), ("explain saga", "--full")];
    for columns in WIDTHS {
        for (args, last) in commands {
            let mut cmd = Command::new("sh");
            let program = format!("stty cols {columns} rows 50; exec \"$0\" {args}");
            cmd.args(["-c", &program, env!("CARGO_BIN_EXE_msadvise")])
                .env("MSADVISE_PAGER", "")
                .env("TERM", "dumb")
                .env("NO_COLOR", "1")
                .env_remove("COLUMNS");
            let mut p = spawn_with_options(cmd, Options::new().timeout_ms(Some(20_000))).unwrap();
            // rexpect hands over each byte as a character: decode the UTF-8 again.
            let bytes: Vec<u8> = p.exp_eof().unwrap().chars().map(|c| c as u8).collect();
            let text = String::from_utf8(bytes).unwrap().replace('\r', "");
            assert!(text.contains(last), "{text}");
            assert_fits(&text, columns, args);
            let widest = text.lines().map(width).max().unwrap_or(0);
            assert!(widest > columns - 10, "{columns} columns are used: the widest line is {widest}\n{text}");
        }
    }
}

#[test]
fn fish_completes_topics_styles_and_answers() {
    if Command::new("fish").arg("--version").output().is_err() {
        return;
    }
    let dir = crate::temp_dir("fish-completions");
    let script = dir.join("msadvise.fish");
    std::fs::write(&script, msadvise(&["completions", "fish"]).stdout).unwrap();
    let complete = |line: &str| {
        let program = format!("source '{}'; complete -C '{line}'", script.display());
        let out = Command::new("fish").args(["--no-config", "-c", &program]).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(complete("msadvise explain circ"), "circuit-breaker\tCircuit breaker\n");
    assert_eq!(complete("msadvise compare monolith mod"), "modular-monolith\tModular monolith\n");
    assert!(complete("msadvise assess --set teams=f").starts_with("teams=four_to_eight\t"));
    assert!(complete("msadvise explain --format y").starts_with("yaml\t"));
}

/// zsh's completion runs only in its line editor: drive an interactive zsh in a pseudo-terminal,
/// press Tab, and read the completed word on the line.
#[test]
fn zsh_completes_topics_styles_and_answers() {
    if Command::new("zsh").arg("--version").output().is_err() {
        return;
    }
    let dir = crate::temp_dir("zsh-completions");
    let script = dir.join("_msadvise");
    std::fs::write(&script, msadvise(&["completions", "zsh"]).stdout).unwrap();
    let mut cmd = Command::new("zsh");
    cmd.args(["-f", "-i"]).env("TERM", "xterm").env("HOME", &dir);
    let mut p = spawn_with_options(cmd, Options::new().timeout_ms(Some(20_000))).unwrap();
    let setup = format!(
        "autoload -U compinit; compinit -u -D; source '{}'; compdef _msadvise msadvise; print ${{(U):-ready-to-complete}}\n",
        script.display()
    );
    p.send(&setup).unwrap();
    p.exp_string("READY-TO-COMPLETE").unwrap();
    for (typed, completed) in [
        ("msadvise explain circ", "msadvise explain circuit-breaker"),
        ("msadvise compare monolith mod", "msadvise compare monolith modular-monolith"),
        ("msadvise assess --set teams=fo", "msadvise assess --set teams=four_to_eight"),
        ("msadvise explain --format ya", "msadvise explain --format yaml"),
    ] {
        p.send(&format!("{typed}\t")).unwrap();
        p.flush().unwrap();
        p.exp_string(completed).unwrap();
        // Ctrl-U clears the line for the next one.
        p.send("\x15").unwrap();
    }
    p.send("exit\n").unwrap();
}

//! The real binary in a pseudo-terminal: a whole quiz with arrow keys, lines fitted to the
//! terminal's width, Esc, resuming, and stopping by key or signal without losing answers.

use std::process::Command;

use rexpect::reader::Options;

use crate::temp_dir;
use rexpect::session::{PtySession, spawn_with_options};

const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";
const ESC: &str = "\x1b";
/// The active prompt: inquire's `?` marker, then our progress header and the start of the question
/// (answered prompts are echoed with `>` instead, and long questions wrap).
const ACTIVE: &str = r"\?(?:\x1b\[39m)? \[\d+/\d+ [^\]]+\] [^\r\n]+";

fn quiz(dir: &std::path::Path, args: &[&str]) -> PtySession {
    quiz_at(dir, args, 80)
}

/// The quiz in a terminal `columns` wide: the pseudo-terminal is sized with `stty` before the
/// binary replaces the shell.
fn quiz_at(dir: &std::path::Path, args: &[&str], columns: usize) -> PtySession {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("stty cols {columns} rows 40 && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_msadvise"))
        .arg("assess")
        .args(args)
        .current_dir(dir)
        .env("TERM", "xterm")
        .env("MSADVISE_PAGER", "")
        .env_remove("NO_COLOR");
    spawn_with_options(cmd, Options::new().timeout_ms(Some(20_000)).strip_ansi_escape_codes(false)).unwrap()
}

/// Wait until the active prompt is drawn whole and reading keys (a lone ESC is only read as the
/// Esc key then).
fn settle(p: &mut PtySession) -> String {
    let drawn = p.exp_string("(answers are kept)").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    drawn
}

fn send(p: &mut PtySession, keys: &str) {
    p.send(keys).unwrap();
    p.flush().unwrap();
}

/// Wait for the next question's prompt and answer it by moving down `downs` times, then Enter.
fn answer(p: &mut PtySession, downs: usize) -> String {
    let (_, question) = p.exp_regex(ACTIVE).unwrap();
    for _ in 0..downs {
        p.send(DOWN).unwrap();
    }
    p.send("\r").unwrap();
    p.flush().unwrap();
    question
}

#[test]
fn a_whole_quiz_with_arrow_keys_going_back_once_ends_in_the_report() {
    let dir = temp_dir("quiz");
    let mut p = quiz(&dir, &["--save", "answers.yaml"]);
    assert!(answer(&mut p, 1).contains("How many engineers"));
    assert!(answer(&mut p, 0).contains("How many teams"));
    // Go back to the teams question and answer "4 to 8 teams" instead.
    p.exp_regex(r"\?(?:\x1b\[39m)? \[3/\d+[^\r\n]+Could each part").unwrap();
    p.exp_string("(answers are kept)").unwrap();
    // A lone ESC is only read as the Esc key once the prompt is waiting for keys.
    std::thread::sleep(std::time::Duration::from_millis(300));
    p.send(ESC).unwrap();
    p.flush().unwrap();
    assert!(answer(&mut p, 2).contains("How many teams"));
    assert!(answer(&mut p, 2).contains("wait on each other"), "release contention is asked for several teams");
    for _ in 0..40 {
        match p.exp_regex(&format!("({ACTIVE})|(Review your answers)")).unwrap() {
            (_, m) if m.contains("Review your answers") => break,
            _ => {
                p.send("\r").unwrap();
                p.flush().unwrap();
            }
        }
    }
    p.exp_string("(answers are kept)").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    p.send("\r").unwrap();
    p.flush().unwrap();
    p.exp_string("Verdict:").unwrap();
    p.exp_string("WHAT WOULD CHANGE THE VERDICT").unwrap();
    p.exp_eof().unwrap();
    let saved = std::fs::read_to_string(dir.join("answers.yaml")).unwrap();
    assert!(saved.contains("teams: four_to_eight"), "{saved}");
    assert!(saved.contains("engineers: 6_to_15"), "{saved}");
}

#[test]
fn help_on_demand_then_ctrl_c_keeps_the_answers_restores_the_cursor_and_resumes() {
    let dir = temp_dir("interrupt");
    let mut p = quiz(&dir, &[]);
    answer(&mut p, 2);
    answer(&mut p, 1);
    p.exp_regex(r"\?(?:\x1b\[39m)? \[3/\d+").unwrap();
    p.exp_string("(answers are kept)").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    // Up from the first choice wraps to the last entry, the help for this question.
    p.send(UP).unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    p.exp_string("Read more: msadvise explain").unwrap();
    p.exp_regex(r"\?(?:\x1b\[39m)? \[3/\d+").unwrap();
    p.exp_string("(answers are kept)").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    p.send_control('c').unwrap();
    let rest = p.exp_string("resume with: msadvise assess --answers msadvise-answers.partial.yaml").unwrap();
    let status = p.process_mut().wait().unwrap();
    assert!(matches!(status, rexpect::process::WaitStatus::Exited(_, 130)), "{status:?}");
    // Stopping on purpose is not an error, and reads as a signal's stop does.
    assert!(rest.contains("msadvise: stopped; 2 answers kept in msadvise-answers.partial.yaml"), "{rest}");
    assert!(!rest.contains("error"), "{rest}");
    let hide = rest.rfind("\x1b[?25l");
    let show = rest.rfind("\x1b[?25h");
    assert!(hide.is_none() || show > hide, "the cursor is left hidden");
    let saved = std::fs::read_to_string(dir.join("msadvise-answers.partial.yaml")).unwrap();
    assert!(saved.contains("engineers: 16_to_50") && saved.contains("teams: two_or_three"), "{saved}");
    // Resuming asks only what is missing: the first question now is the third.
    let mut p = quiz(&dir, &["--answers", "msadvise-answers.partial.yaml"]);
    let first = answer(&mut p, 0);
    assert!(!first.contains("How many engineers") && !first.contains("How many teams"), "{first}");
    p.send_control('c').unwrap();
    p.exp_eof().unwrap();
}

#[test]
fn sigterm_mid_quiz_restores_the_terminal_keeps_the_answers_and_exits_143() {
    signal_mid_quiz(rexpect::process::Signal::SIGTERM, 143);
}

#[test]
fn sigint_from_kill_mid_quiz_does_the_same_and_exits_130() {
    signal_mid_quiz(rexpect::process::Signal::SIGINT, 130);
}

fn signal_mid_quiz(signal: rexpect::process::Signal, code: i32) {
    let dir = temp_dir(&format!("signal-{code}"));
    let mut p = quiz(&dir, &["--save", "kept.yaml"]);
    answer(&mut p, 1);
    p.exp_regex(r"\?(?:\x1b\[39m)? \[2/\d+").unwrap();
    p.exp_string("(answers are kept)").unwrap();
    p.process_mut().signal(signal).unwrap();
    let rest = p.exp_string("resume with: msadvise assess --answers kept.yaml --save kept.yaml").unwrap();
    assert!(rest.contains("\x1b[?25h"), "the cursor is shown again");
    assert!(rest.contains("msadvise: stopped; 1 answer kept in kept.yaml") && !rest.contains("error"), "{rest}");
    let status = p.process_mut().wait().unwrap();
    assert!(matches!(status, rexpect::process::WaitStatus::Exited(_, c) if c == code), "{status:?}");
    let saved = std::fs::read_to_string(dir.join("kept.yaml")).unwrap();
    assert!(saved.contains("engineers: 6_to_15"), "{saved}");
}

/// A repository whose CI builds and tests: enough for the scan to infer `ci`.
fn repo_with_ci(dir: &std::path::Path) -> std::path::PathBuf {
    let repo = dir.join("repo");
    std::fs::create_dir_all(repo.join(".github/workflows")).unwrap();
    std::fs::create_dir_all(repo.join("src")).unwrap();
    std::fs::write(repo.join("Cargo.toml"), "[package]\nname = \"shop\"\nversion = \"0.1.0\"\n").unwrap();
    std::fs::write(repo.join("src/main.rs"), "fn main() {}\n").unwrap();
    let workflow = "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: cargo build\n      - run: cargo test\n";
    std::fs::write(repo.join(".github/workflows/ci.yml"), workflow).unwrap();
    repo
}

#[test]
fn detect_shows_what_the_scan_found_and_accepts_a_change() {
    let dir = temp_dir("detect");
    let repo = repo_with_ci(&dir);
    let mut p = quiz(&dir, &["--detect", repo.to_str().unwrap(), "--save", "answers.yaml"]);
    for _ in 0..40 {
        let (_, found) = p.exp_regex(r"(detected: [^\r\n]+)|(\?(?:\x1b\[39m)? \[\d+/\d+ [^\]]+\] [^\r\n]+)").unwrap();
        if found.starts_with("detected:") {
            // The evidence is wrapped to the terminal: read it up to its question.
            let (rest, question) = p.exp_regex(ACTIVE).unwrap();
            let text = flat(&screen_lines(&format!("{found}{rest}")));
            assert!(text.contains("Built and tested on every change"), "{text}");
            assert!(text.contains(".github/workflows/ci.yml"), "{text}");
            assert!(question.contains("Is every change built and tested automatically?"), "{question}");
            break;
        }
        p.exp_string("(answers are kept)").unwrap();
        p.send("\r").unwrap();
        p.flush().unwrap();
    }
    p.exp_string("(answers are kept)").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    // The detected answer is preselected; one step up changes it.
    p.send(UP).unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    p.exp_regex(r"\?(?:\x1b\[39m)? \[\d+/\d+ [^\]]+\] How does a change reach production").unwrap();
    p.exp_string("(answers are kept)").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    p.send_control('c').unwrap();
    p.exp_eof().unwrap();
    let saved = std::fs::read_to_string(dir.join("answers.yaml")).unwrap();
    assert!(saved.contains("ci: partial"), "the change is kept: {saved}");
}

#[test]
fn sighup_from_a_closed_terminal_keeps_the_answers_and_exits_129() {
    signal_mid_quiz(rexpect::process::Signal::SIGHUP, 129);
}

/// What the terminal shows, line by line: escape sequences dropped, split at line feeds and
/// carriage returns (inquire redraws a line after moving to its start).
fn screen_lines(raw: &str) -> Vec<String> {
    // rexpect hands over each byte as one char.
    let bytes: Vec<u8> = raw.chars().map(|c| u8::try_from(c).unwrap_or(b'?')).collect();
    let raw = String::from_utf8_lossy(&bytes);
    let mut plain = String::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            if chars.peek() == Some(&'[') {
                chars.next();
                for d in chars.by_ref() {
                    if d.is_ascii_alphabetic() {
                        break;
                    }
                }
            } else {
                chars.next();
            }
        } else {
            plain.push(c);
        }
    }
    plain.split(['\n', '\r']).map(str::to_string).collect()
}

fn flat(lines: &[String]) -> String {
    lines.join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The quiz's own questionnaire, to find its texts whatever they say.
fn questionnaire() -> msadvise::assess::Questionnaire {
    msadvise::assess::builtin_questionnaire().unwrap()
}

#[test]
fn prompts_answers_and_why_text_break_between_words_at_40_80_and_100_columns() {
    let q = questionnaire();
    let first = &q.questions[0];
    let why: String = first.help.split_whitespace().take(12).collect::<Vec<_>>().join(" ");
    for columns in [40, 80, 100] {
        let dir = temp_dir(&format!("wrap-{columns}"));
        let mut p = quiz_at(&dir, &["--no-save"], columns);
        // inquire redraws only the lines that change, so each step is checked on what it drew.
        let drawn = p.exp_string("(answers are kept)").unwrap();
        let text = flat(&screen_lines(&drawn));
        assert!(text.contains(first.prompt.as_str()), "{columns}: the prompt is whole, words uncut: {text}");
        std::thread::sleep(std::time::Duration::from_millis(300));
        send(&mut p, UP);
        send(&mut p, "\r");
        let helped = p.exp_string("Read more: msadvise explain").unwrap();
        let why_lines: Vec<String> = screen_lines(&helped)
            .into_iter()
            .filter(|l| l.starts_with("  ") && first.help.contains(l.trim()))
            .collect();
        assert!(flat(&why_lines).contains(&why), "{columns}: the why text is whole, words uncut: {why_lines:?}");
        assert!(
            why_lines.len() > 1 || first.help.len() < columns - 4,
            "{columns}: the why text is fitted to the width"
        );
        let widest = why_lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        assert!(first.help.len() < 2 * columns || widest > columns - 20, "{columns}: the why text uses the width");
        let drawn_again = p.exp_string("(answers are kept)").unwrap();
        std::thread::sleep(std::time::Duration::from_millis(300));
        // The last choice: the longest label of the first question is as likely as any to wrap.
        for _ in 0..first.choices.len() - 1 {
            p.send(DOWN).unwrap();
        }
        send(&mut p, "\r");
        let (echoed, second) = p.exp_regex(ACTIVE).unwrap();
        let last = &first.choices[first.choices.len() - 1].label;
        let text = flat(&screen_lines(&echoed));
        assert!(text.contains(last.as_str()), "{columns}: the echoed answer is whole: {text}");
        let rest = settle(&mut p);
        p.send_control('c').unwrap();
        let stopped = p.exp_eof().unwrap();
        let raw = [drawn, helped, drawn_again, echoed, second, rest, stopped.clone()].concat();
        for line in screen_lines(&raw) {
            let command = line.trim_start().starts_with("msadvise assess --answers");
            assert!(command || line.chars().count() <= columns, "wider than {columns}: {line:?}\n{raw}");
        }
        let text = flat(&screen_lines(&stopped));
        assert!(text.contains("msadvise: stopped; 1 answer kept in"), "{text}");
    }
}

#[test]
fn esc_goes_back_with_the_earlier_answer_preselected_and_not_before_the_first() {
    let q = questionnaire();
    let chosen = &q.questions[0].choices[2].label;
    let dir = temp_dir("esc");
    let mut p = quiz(&dir, &["--no-save"]);
    settle(&mut p);
    send(&mut p, ESC);
    p.exp_string("There is no question before this one.").unwrap();
    answer(&mut p, 2);
    let (_, second) = p.exp_regex(ACTIVE).unwrap();
    settle(&mut p);
    send(&mut p, ESC);
    // Back on the first question: Enter alone gives the answer it had.
    let (_, again) = p.exp_regex(ACTIVE).unwrap();
    assert!(again.contains(&q.questions[0].prompt[..20]), "{again}");
    settle(&mut p);
    send(&mut p, "\r");
    let (before, next) = p.exp_regex(ACTIVE).unwrap();
    assert_eq!(next, second);
    let text = flat(&screen_lines(&before));
    assert!(text.contains(&format!("{} {chosen}", q.questions[0].prompt)), "preselected: {text}");
    settle(&mut p);
    p.send_control('c').unwrap();
    let rest = p.exp_eof().unwrap();
    assert!(!rest.contains("<canceled>") && !before.contains("<canceled>"));
}

/// An answers file with the first `n` questions asked answered with their first choice.
fn first_answers(n: usize) -> String {
    use msadvise::assess::quiz::{self, Progress, Prompter, Reply, Review};
    use msadvise::assess::{Answer, Answers, Questionnaire};
    struct Firsts(usize);
    impl Prompter for Firsts {
        fn ask(&mut self, _: &Questionnaire, _: usize, _: Option<&Answer>, _: Progress) -> Reply {
            if self.0 == 0 {
                return Reply::Interrupted;
            }
            self.0 -= 1;
            Reply::Answer(Answer::Chosen(vec![0]))
        }
        fn review(&mut self, _: &Questionnaire, _: &Answers) -> Review {
            Review::Interrupted
        }
    }
    let q = questionnaire();
    let mut answers = Answers::empty(&q);
    quiz::run(&q, &mut answers, &mut Firsts(n));
    assert_eq!(answers.values.iter().flatten().count(), n);
    msadvise::assess::answers::to_yaml(&q, &answers)
}

#[test]
fn a_resumed_quiz_goes_on_numbering_and_its_resume_hint_keeps_save() {
    let dir = temp_dir("resumed");
    std::fs::write(dir.join("four.yaml"), first_answers(4)).unwrap();
    let mut p = quiz(&dir, &["--answers", "four.yaml", "--save", "kept.yaml"]);
    let (_, first) = p.exp_regex(ACTIVE).unwrap();
    assert!(first.contains("[5/"), "{first}");
    settle(&mut p);
    p.send_control('c').unwrap();
    let rest = p.exp_eof().unwrap();
    assert!(rest.contains("msadvise: stopped; 4 answers kept in kept.yaml"), "{rest}");
    assert!(rest.contains("resume with: msadvise assess --answers kept.yaml --save kept.yaml"), "{rest}");
    assert!(!rest.contains("error"), "stopping is not an error: {rest}");
}

#[test]
fn an_unfinished_quiz_is_offered_for_resuming_and_never_replaced_by_fewer_answers() {
    let dir = temp_dir("offer");
    let partial = dir.join("msadvise-answers.partial.yaml");
    let six = first_answers(6);
    std::fs::write(&partial, &six).unwrap();
    // Start over, then Ctrl-C on the first question: the six answers stay.
    let mut p = quiz(&dir, &[]);
    p.exp_string("left 6 answers in").unwrap();
    p.exp_string("ctrl-c stop").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    send(&mut p, DOWN);
    send(&mut p, "\r");
    let (_, first) = p.exp_regex(ACTIVE).unwrap();
    assert!(first.contains("[1/"), "{first}");
    settle(&mut p);
    p.send_control('c').unwrap();
    p.exp_string("msadvise: stopped; no answers to keep").unwrap();
    let status = p.process_mut().wait().unwrap();
    assert!(matches!(status, rexpect::process::WaitStatus::Exited(_, 130)), "{status:?}");
    assert_eq!(std::fs::read_to_string(&partial).unwrap(), six);
    // Start over and give more answers than it holds: still left as it is, these go beside it.
    let mut p = quiz(&dir, &[]);
    p.exp_string("ctrl-c stop").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    send(&mut p, DOWN);
    send(&mut p, "\r");
    for _ in 0..7 {
        settle(&mut p);
        send(&mut p, "\r");
    }
    settle(&mut p);
    p.send_control('c').unwrap();
    let said = flat(&screen_lines(&p.exp_eof().unwrap()));
    assert!(said.contains("stopped; 7 answers kept in msadvise-answers.partial.2.yaml"), "{said}");
    assert!(said.contains("msadvise-answers.partial.yaml holds 6 answers and was left as it is"), "{said}");
    assert_eq!(std::fs::read_to_string(&partial).unwrap(), six);
    // Resume: the quiz goes on from the seventh question.
    let mut p = quiz(&dir, &[]);
    p.exp_string("Start over").unwrap();
    p.exp_string("ctrl-c stop").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    send(&mut p, "\r");
    let (_, first) = p.exp_regex(ACTIVE).unwrap();
    assert!(first.contains("[7/"), "{first}");
    settle(&mut p);
    send(&mut p, "\r");
    p.exp_regex(ACTIVE).unwrap();
    settle(&mut p);
    p.send_control('c').unwrap();
    p.exp_string("msadvise: stopped; 7 answers kept in msadvise-answers.partial.yaml").unwrap();
    p.exp_eof().unwrap();
    // Resumed and finished: the answers go to the answers file and the spent partial file goes.
    let mut p = quiz(&dir, &[]);
    p.exp_string("left 7 answers in").unwrap();
    p.exp_string("ctrl-c stop").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    send(&mut p, "\r");
    finish(&mut p);
    p.exp_string("answers saved in msadvise-answers.yaml").unwrap();
    p.exp_eof().unwrap();
    assert!(!partial.exists(), "the partial file is spent");
    let saved = std::fs::read_to_string(dir.join("msadvise-answers.yaml")).unwrap();
    assert!(six.lines().filter(|l| l.starts_with("  ") && !l.contains('#')).all(|l| saved.contains(l)), "{saved}");
}

/// Enter at every prompt until the review, then score.
fn finish(p: &mut PtySession) -> String {
    let mut seen = String::new();
    for _ in 0..60 {
        match p.exp_regex(&format!("({ACTIVE})|(Review your answers)")).unwrap() {
            (before, m) if m.contains("Review your answers") => {
                seen += &before;
                break;
            }
            (before, m) => {
                seen += &before;
                seen += &m;
                seen += &settle(p);
                send(p, "\r");
            }
        }
    }
    settle(p);
    send(p, "\r");
    seen
}

#[test]
fn a_finished_quiz_saves_its_answers_and_shows_the_multiple_choice_why_with_its_question() {
    let q = questionnaire();
    let many = q.questions.iter().find(|x| x.multiple).unwrap();
    let why: String = many.help.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
    let dir = temp_dir("finished");
    let mut p = quiz(&dir, &[]);
    let seen = finish(&mut p);
    let rest = p.exp_eof().unwrap();
    assert!(rest.contains("answers saved in msadvise-answers.yaml"), "{rest}");
    assert!(rest.contains("msadvise assess --answers msadvise-answers.yaml --format markdown"), "{rest}");
    let saved = std::fs::read_to_string(dir.join("msadvise-answers.yaml")).unwrap();
    assert!(saved.contains(&format!("{}:", q.questions[0].id)), "{saved}");
    assert!(!dir.join("msadvise-answers.partial.yaml").exists());
    // The why of the multiple-choice question is drawn after its prompt, not before it.
    let at = seen.find(&many.prompt[..20]).expect("the multiple-choice question was asked");
    assert!(!seen[..at].contains(&why), "the why text comes before its question");
    assert!(seen[at..].contains(&why), "the why text is shown with its question");
    // The saved file gives the report again in another format, without a terminal.
    let again = crate::msadvise(&[
        "assess",
        "--answers",
        dir.join("msadvise-answers.yaml").to_str().unwrap(),
        "--format",
        "markdown",
    ]);
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
}

#[test]
fn no_save_keeps_nothing_after_a_finished_quiz() {
    let dir = temp_dir("no-save");
    let mut p = quiz(&dir, &["--no-save"]);
    finish(&mut p);
    let rest = p.exp_eof().unwrap();
    assert!(rest.contains("Verdict:") && !rest.contains("answers saved"), "{rest}");
    assert!(std::fs::read_dir(&dir).unwrap().next().is_none(), "nothing written");
}

//! `msadvise boundaries` on git repositories built at test time with a known sequence of commits:
//! exact measures, what is left out (bots, bulk edits, files outside modules), groups, answers,
//! and repositories that must not hang it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::Value;

use crate::{msadvise, temp_dir};

/// A repository with commits made one by one, the n-th `200 - n` days before now.
pub(crate) struct Repo {
    pub dir: PathBuf,
    n: u64,
}

impl Repo {
    pub(crate) fn new(name: &str) -> Repo {
        let dir = temp_dir(name);
        git(&dir, &["init", "-q", "-b", "main"], &[]);
        Repo { dir, n: 0 }
    }

    pub(crate) fn commit(&mut self, author: (&str, &str), files: &[&str]) {
        self.commit_days_ago(author, files, 200 - (self.n + 1));
    }

    pub(crate) fn commit_days_ago(&mut self, author: (&str, &str), files: &[&str], days: u64) {
        self.n += 1;
        for f in files {
            let path = self.dir.join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, format!("change {}\n", self.n)).unwrap();
        }
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
        let date = format!("@{} +0000", now - 86_400 * days);
        let env = [
            ("GIT_AUTHOR_NAME", author.0),
            ("GIT_AUTHOR_EMAIL", author.1),
            ("GIT_COMMITTER_NAME", author.0),
            ("GIT_COMMITTER_EMAIL", author.1),
            ("GIT_AUTHOR_DATE", date.as_str()),
            ("GIT_COMMITTER_DATE", date.as_str()),
        ];
        git(&self.dir, &["add", "-A"], &[]);
        git(&self.dir, &["commit", "-q", "--allow-empty", "-m", &format!("commit {}", self.n)], &env);
    }
}

pub(crate) fn git(dir: &Path, args: &[&str], env: &[(&str, &str)]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null"])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

pub(crate) const ALICE: (&str, &str) = ("Alice Smith", "alice@work.example");
const ALICE_HOME: (&str, &str) = ("alice smith", "alice@home.example");
pub(crate) const BOB: (&str, &str) = ("Bob", "12345+bob@users.noreply.github.com");
pub(crate) const CAROL: (&str, &str) = ("Carol", "carol@work.example");
pub(crate) const BOT: (&str, &str) = ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com");

/// Three top-level modules; every kind of commit the measures treat specially, once.
fn shop(name: &str) -> Repo {
    let mut r = Repo::new(&format!("boundaries-shop-{name}"));
    r.commit(ALICE, &["orders/a.rs", "billing/b.rs"]);
    r.commit(ALICE, &["orders/a.rs"]);
    r.commit(ALICE, &["orders/a.rs", "billing/b.rs"]);
    r.commit(BOB, &["users/u.rs"]);
    r.commit(BOB, &["users/u.rs", "orders/a.rs"]);
    r.commit(ALICE, &["billing/b.rs"]);
    r.commit(BOT, &["orders/a.rs", "billing/b.rs", "users/u.rs"]);
    let bulk: Vec<String> = (0..31).map(|i| format!("users/gen{i}.rs")).collect();
    r.commit(CAROL, &bulk.iter().map(String::as_str).collect::<Vec<_>>());
    r.commit(BOB, &["docs/guide.md", "README.md"]);
    r.commit(ALICE_HOME, &["orders/a.rs", "billing/b.rs", "README.md"]);
    r
}

pub(crate) fn json(args: &[&str]) -> Value {
    let out = msadvise(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn module<'a>(repo: &'a Value, name: &str) -> &'a Value {
    repo["modules"].as_array().unwrap().iter().find(|m| m["name"] == name).unwrap()
}

#[test]
fn measures_are_exact() {
    let r = shop("exact");
    let dir = r.dir.to_str().unwrap();
    let doc = json(&["boundaries", dir, "--since", "all", "--min-commits", "1", "--json"]);
    let repo = &doc["repositories"][0];
    let h = &repo["history"];
    assert_eq!(repo["modules_from"], "top-level source folders");
    assert_eq!(h["commits_read"], 10);
    assert_eq!(h["bot_commits"], 1, "dependabot is left out");
    assert_eq!(h["bulk_commits"], 1, "31 files is over the limit of 30");
    assert_eq!(h["outside_only_commits"], 1, "docs and README are outside every module");
    assert_eq!(h["commits_used"], 7);
    assert_eq!(h["cross_module_commits"], 4);
    assert_eq!(h["cross_module_ratio"], 0.571);
    assert_eq!(h["people"], 2, "Alice's two addresses are one person; Carol only made a bulk commit");
    assert_eq!(h["shallow"], false);
    let orders = module(repo, "orders");
    assert_eq!((orders["commits"].as_u64(), orders["authors"].as_u64()), (Some(5), Some(2)));
    // History is read newest first: a person is shown under the name of their latest commit.
    assert_eq!(orders["main_author"], "alice smith");
    assert_eq!(orders["ownership"], 0.8);
    assert_eq!(module(repo, "billing")["ownership"], 1.0);
    assert_eq!(module(repo, "users")["commits"], 2);
    assert_eq!(module(repo, "users")["main_author"], "Bob");
    // billing ~ orders: 3 shared / mean(5, 4) = 0.667; orders ~ users: 1 / 3.5 = 0.286 is under 30%.
    let couplings = repo["couplings"].as_array().unwrap();
    assert_eq!(couplings.len(), 1, "{couplings:?}");
    assert_eq!((&couplings[0]["a"], &couplings[0]["b"]), (&Value::from("billing"), &Value::from("orders")));
    assert_eq!(couplings[0]["shared_commits"], 3);
    assert_eq!(couplings[0]["degree"], 0.667);
    let c = &repo["clustering"];
    assert_eq!(c["groups"][0]["modules"], serde_json::json!(["billing", "orders"]));
    assert_eq!(c["groups"][1]["modules"], serde_json::json!(["users"]));
    assert_eq!(c["modularity"], 0.0);
    assert_eq!(c["seams"][0]["shared_commits"], 1);
    assert_eq!(c["seams"][0]["strongest"], "orders ~ users");
    assert!(repo["inferred"].as_array().unwrap().is_empty(), "7 commits are too few to answer");
    // scan's team size: Alice (two addresses), Bob and Carol; not the bot.
    let scan = json(&["scan", dir, "--json"]);
    assert_eq!(scan["authors"]["last_12_months"], 3);
}

#[test]
fn the_defaults_end_at_the_newest_commit_and_leave_out_modules_with_few_commits() {
    let r = shop("defaults");
    let doc = json(&["boundaries", r.dir.to_str().unwrap(), "--json"]);
    let repo = &doc["repositories"][0];
    assert_eq!(repo["history"]["commits_read"], 10, "the default 12 months end at the newest commit, 190 days ago");
    assert_eq!(repo["couplings"].as_array().unwrap().len(), 0, "no module has 5 commits shared");
    assert_eq!(module(repo, "orders")["enough_history"], true);
    assert_eq!(module(repo, "users")["enough_history"], false);
}

/// Three areas with one person each; 60 commits, of which every fifth (12) crosses two areas.
pub(crate) fn three_areas(name: &str) -> Repo {
    let mut r = Repo::new(name);
    let people = [ALICE, BOB, CAROL];
    for i in 0..60 {
        let who = people[i % 3];
        let mut files = vec![["web/app.ts", "api/server.go", "jobs/run.py"][i % 3]];
        if i % 5 == 0 {
            files.push(["api/server.go", "jobs/run.py", "web/app.ts"][i % 3]);
        }
        r.commit(who, &files);
    }
    r
}

#[test]
fn modules_given_on_the_command_line_and_answers_from_enough_history() {
    let r = three_areas("boundaries-answers");
    let dir = r.dir.to_str().unwrap();
    let doc = json(&[
        "boundaries",
        dir,
        "--since",
        "all",
        "--module",
        "frontend=web",
        "--module",
        "backend=api/**",
        "--module",
        "batch=jobs",
        "--json",
    ]);
    let repo = &doc["repositories"][0];
    assert_eq!(repo["modules_from"], "--module");
    assert_eq!(repo["history"]["commits_used"], 60);
    assert_eq!(repo["history"]["cross_module_commits"], 12);
    let answers: Vec<(String, String)> = repo["inferred"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["question"].as_str().unwrap().to_string(), i["choice"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(
        answers,
        vec![("boundary_changes".into(), "sometimes".into()), ("ownership".into(), "clear_owners".into())],
        "12 of 60 is 20%; each module's main author made most of its commits"
    );
    // scan carries the summary and the same two answers.
    let scan = json(&["scan", dir, "--json"]);
    assert_eq!(scan["boundaries"].as_array().unwrap().len(), 1);
    let inferred = scan["inferred"].as_array().unwrap();
    assert!(inferred.iter().any(|i| i["question"] == "boundary_changes"), "{inferred:?}");
    assert_eq!(scan["authors"]["last_12_months"], 3, "people, not addresses");
}

/// `scan` reads authors (the last 12 months) and the history summary (12 months back from the
/// newest commit) in one pass over `git log`, each in its own window.
#[test]
fn scan_reads_authors_and_history_each_in_its_own_window() {
    let mut r = Repo::new("boundaries-windows");
    r.commit_days_ago(ALICE, &["a/x.rs"], 500);
    r.commit_days_ago(BOB, &["a/x.rs", "b/y.rs"], 367);
    r.commit_days_ago(CAROL, &["b/y.rs"], 100);
    r.commit_days_ago(BOT, &["a/x.rs"], 10);
    let scan = json(&["scan", r.dir.to_str().unwrap(), "--json"]);
    assert_eq!(scan["authors"]["last_12_months"], 1, "only Carol: Bob is older than a year, the bot is left out");
    assert_eq!(scan["authors"]["last_90_days"], 0);
    assert_eq!(scan["boundaries"][0]["commits_used"], 2, "Bob and Carol, within 360 days of the newest commit");
    assert_eq!(scan["boundaries"][0]["cross_module_ratio"], 0.5);
}

#[test]
fn the_text_markdown_and_dot_show_the_graph() {
    let r = shop("formats");
    let dir = r.dir.to_str().unwrap();
    let run = |f: &str| {
        let out = msadvise(&["boundaries", dir, "--since", "all", "--min-commits", "1", "--format", f]);
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run("text");
    assert!(text.contains("billing ~ orders: 67% (3 shared)"), "{text}");
    let md = run("markdown");
    assert!(md.contains("```mermaid\ngraph LR\n"), "{md}");
    assert!(md.contains("---|\"67%\"|"), "{md}");
    assert!(md.contains("linkStyle 0 stroke-width:3.7px"), "{md}");
    let dot = run("dot");
    assert!(dot.starts_with("graph boundaries {"), "{dot}");
    assert!(dot.contains("\"billing\" -- \"orders\" [label=\"67% (3)\""), "{dot}");
    let other = msadvise(&["topics", "--format", "dot"]);
    assert_eq!(other.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&other.stderr).contains("only for `msadvise boundaries`"));
}

#[test]
fn edge_cases_say_what_they_saw() {
    // Not a repository.
    let plain = temp_dir("boundaries-plain");
    let out = msadvise(&["boundaries", plain.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not in a git repository"));
    // No commits yet, and no commits in the window (windows end at the newest commit, so only a
    // date after it leaves nothing).
    let empty = Repo::new("boundaries-empty");
    let doc = json(&["boundaries", empty.dir.to_str().unwrap(), "--json"]);
    assert!(doc["repositories"][0]["notes"][0].as_str().unwrap().contains("no commits yet"));
    let r = shop("edge");
    let doc = json(&["boundaries", r.dir.to_str().unwrap(), "--since", "2100-01-01", "--json"]);
    let notes = doc["repositories"][0]["notes"].to_string();
    assert!(notes.contains("no commits since"), "{notes}");
    // A shallow clone says how much it saw.
    let shallow = temp_dir("boundaries-shallow").join("clone");
    let url = format!("file://{}", r.dir.display());
    git(Path::new("."), &["clone", "-q", "--depth", "3", &url, shallow.to_str().unwrap()], &[]);
    let doc = json(&["boundaries", shallow.to_str().unwrap(), "--since", "all", "--json"]);
    let repo = &doc["repositories"][0];
    assert_eq!((repo["history"]["shallow"].as_bool(), repo["history"]["commits_read"].as_u64()), (Some(true), Some(3)));
    assert!(repo["notes"].to_string().contains("a shallow clone: only 3 commits"), "{}", repo["notes"]);
    // A bare repository: history without files, so modules must be named.
    let bare = temp_dir("boundaries-bare").join("bare.git");
    git(Path::new("."), &["clone", "-q", "--bare", &url, bare.to_str().unwrap()], &[]);
    let out = msadvise(&["boundaries", bare.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bare repository"));
    let doc = json(&["boundaries", bare.to_str().unwrap(), "--since", "all", "--module", "o=orders", "--json"]);
    assert_eq!(doc["repositories"][0]["modules"][0]["commits"], 5);
    // A bad window.
    let out = msadvise(&["boundaries", r.dir.to_str().unwrap(), "--since", "yesterday"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a window"));
}

#[test]
fn a_folder_of_repositories_gives_one_graph_each() {
    let root = temp_dir("boundaries-folder");
    for name in ["one", "two"] {
        let mut r = Repo { dir: root.join(name), n: 0 };
        std::fs::create_dir_all(&r.dir).unwrap();
        git(&r.dir, &["init", "-q", "-b", "main"], &[]);
        r.commit(ALICE, &["a/x.rs", "b/y.rs"]);
    }
    let doc = json(&["boundaries", root.to_str().unwrap(), "--since", "all", "--json"]);
    let repos: Vec<&str> =
        doc["repositories"].as_array().unwrap().iter().map(|r| r["repository"].as_str().unwrap()).collect();
    assert_eq!(repos, vec!["one", "two"]);
    assert!(doc["repositories"][0]["notes"].to_string().contains("coupling across repositories is not measured"));
}

#[cfg(unix)]
#[test]
fn renames_and_non_utf8_paths_are_counted() {
    use std::os::unix::ffi::OsStrExt;
    let mut r = Repo::new("boundaries-paths");
    r.commit(ALICE, &["orders/a.rs", "billing/b.rs"]);
    std::fs::write(r.dir.join(std::ffi::OsStr::from_bytes(b"orders/caf\xe9.rs")), "x").unwrap();
    r.commit(ALICE, &[]);
    git(&r.dir, &["mv", "orders/a.rs", "billing/a.rs"], &[]);
    r.commit(ALICE, &[]);
    let read = |more: &[&str]| {
        let mut args = vec!["boundaries", r.dir.to_str().unwrap(), "--since", "all", "--min-commits", "1", "--json"];
        args.extend_from_slice(more);
        json(&args)["repositories"][0].clone()
    };
    // The move commit changes both modules; the commit before it changed a file now in billing.
    let repo = read(&[]);
    assert_eq!(module(&repo, "orders")["commits"], 2, "the Latin-1 name is in orders; the move leaves it");
    assert_eq!(repo["history"]["cross_module_commits"], 1, "a move between modules changes both");
    let repo = read(&["--no-renames"]);
    assert_eq!(module(&repo, "orders")["commits"], 3, "without renames, a.rs was in orders until it moved");
    assert_eq!(repo["history"]["cross_module_commits"], 2);
}

/// A module that moved twice (`src/x` to `src/staging/x` to `src/ledger/x`) keeps its history
/// from before the moves, unless renames are not followed.
#[test]
fn a_module_that_moved_keeps_its_history() {
    let mut r = Repo::new("boundaries-moves");
    r.commit(ALICE, &["src/x/a.rs", "src/x/b.rs"]);
    r.commit(BOB, &["src/x/a.rs", "src/other/o.rs"]);
    std::fs::create_dir_all(r.dir.join("src/staging")).unwrap();
    git(&r.dir, &["mv", "src/x", "src/staging/x"], &[]);
    r.commit(ALICE, &[]);
    r.commit(ALICE, &["src/staging/x/b.rs"]);
    std::fs::create_dir_all(r.dir.join("src/ledger")).unwrap();
    git(&r.dir, &["mv", "src/staging/x", "src/ledger/x"], &[]);
    r.commit(ALICE, &[]);
    r.commit(BOB, &["src/ledger/x/a.rs"]);
    let read = |more: &[&str]| {
        let mut args = vec!["boundaries", r.dir.to_str().unwrap(), "--since", "all", "--min-commits", "1"];
        args.extend_from_slice(&["--module", "ledger=src/ledger", "--module", "other=src/other", "--json"]);
        args.extend_from_slice(more);
        json(&args)["repositories"][0].clone()
    };
    let repo = read(&[]);
    let h = &repo["history"];
    assert_eq!(module(&repo, "ledger")["commits"], 6, "every commit changed a file now in ledger");
    assert_eq!(h["cross_module_commits"], 1, "the second commit changed ledger's a.rs and other");
    assert_eq!((h["follows_renames"].as_bool(), h["renamed_paths"].as_u64()), (Some(true), Some(4)));
    assert_eq!(h["moved_changes"], 6, "2 + 1 in the first two commits, 2 new paths of the first move, 1 after it");
    let repo = read(&["--no-renames"]);
    let h = &repo["history"];
    assert_eq!(module(&repo, "ledger")["commits"], 2, "only the last move and the commit after it");
    assert_eq!(h["cross_module_commits"], 0);
    assert_eq!(h["outside_only_commits"], 3);
    assert_eq!((h["follows_renames"].as_bool(), h["moved_changes"].as_u64()), (Some(false), Some(0)));
    let md = msadvise(&["boundaries", r.dir.to_str().unwrap(), "--since", "all", "--format", "markdown"]);
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(
        md.contains("Renames followed: 6 file changes counted where their files are now (4 paths renamed)."),
        "{md}"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_as_head_does_not_hang() {
    let r = shop("fifo");
    let head = r.dir.join(".git/HEAD");
    std::fs::remove_file(&head).unwrap();
    let made = Command::new("mkfifo").arg(&head).status().unwrap();
    assert!(made.success());
    for args in [vec!["boundaries", r.dir.to_str().unwrap()], vec!["scan", r.dir.to_str().unwrap(), "--json"]] {
        let started = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_msadvise"))
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > Duration::from_secs(30) {
                let _ = child.kill();
                panic!("{args:?} hung on a FIFO as .git/HEAD");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stderr.contains("not a regular file") || stdout.contains("not a regular file"), "{stderr}{stdout}");
    }
}

/// The JSON contract, read through mirror structs that refuse unknown fields: any change to the
/// document is deliberate. Fields are there to be required, not read.
#[allow(dead_code)]
mod contract {
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Report {
        pub schema_version: u32,
        pub root: String,
        pub repositories: Vec<Repository>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Repository {
        pub repository: String,
        pub modules_from: String,
        pub history: History,
        pub modules: Vec<Module>,
        pub couplings: Vec<Coupling>,
        pub clustering: Clustering,
        pub inferred: Vec<Inferred>,
        pub notes: Vec<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct History {
        pub since: Option<String>,
        pub first_commit: Option<String>,
        pub last_commit: Option<String>,
        pub months: f64,
        pub shallow: bool,
        pub commits_read: u64,
        pub bot_commits: u64,
        pub bulk_commits: u64,
        pub bulk_limit: usize,
        pub min_module_commits: u32,
        pub min_shared_commits: u32,
        pub min_degree: f64,
        pub outside_only_commits: u64,
        pub commits_used: u64,
        pub cross_module_commits: u64,
        pub cross_module_ratio: Option<f64>,
        pub people: u64,
        pub outside_changes: u64,
        pub outside_examples: Vec<String>,
        pub follows_renames: bool,
        pub renamed_paths: u64,
        pub moved_changes: u64,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Module {
        pub name: String,
        pub paths: Vec<String>,
        pub commits: u64,
        pub authors: u64,
        pub main_author: Option<String>,
        pub ownership: Option<f64>,
        pub churn: u64,
        pub enough_history: bool,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Coupling {
        pub a: String,
        pub b: String,
        pub shared_commits: u64,
        pub degree: f64,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Clustering {
        pub method: String,
        pub modularity: Option<f64>,
        pub groups: Vec<Group>,
        pub seams: Vec<Seam>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Group {
        pub id: String,
        pub modules: Vec<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Seam {
        pub a: String,
        pub b: String,
        pub shared_commits: u64,
        pub strongest: String,
        pub degree: f64,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Inferred {
        pub question: String,
        pub dimension: String,
        pub choice: String,
        pub confidence: String,
        pub evidence: Vec<String>,
        pub reason: String,
    }
}

#[test]
fn the_json_is_the_documented_contract() {
    let r = shop("contract");
    let out = msadvise(&["boundaries", r.dir.to_str().unwrap(), "--since", "all", "--min-commits", "1", "--json"]);
    let doc: contract::Report = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc.schema_version, 1);
    let h = &doc.repositories[0].history;
    assert_eq!((h.bulk_limit, h.min_module_commits, h.min_shared_commits, h.min_degree), (30, 1, 1, 0.3));
    let repo = &doc.repositories[0];
    assert_eq!(repo.repository, ".");
    assert_eq!(repo.clustering.groups.len(), 2);
    assert_eq!(
        repo.modules.iter().map(|m| m.churn).sum::<u64>(),
        11,
        "file changes in modules, bots and bulk left out"
    );
}

//! `msadvise scan`: read a repository (or a folder of them) and infer assessment answers with the
//! files that show each. Reads no network and runs no code from the repository; `git log` is the
//! only program it starts.

mod ci;
mod compose;
mod coupling;
mod dburl;
mod deploy;
mod deps;
mod files;
mod findings;
mod git;
mod ignores;
mod infer;
mod kube;
mod languages;
mod manifests;
mod notes;
mod observe;
mod reader;
pub mod report;
mod rules;
mod skaffold;
mod systems;
mod units;
mod walk;

use std::borrow::Cow;
use std::path::Path;
use std::sync::atomic::AtomicU64;
use std::time::Instant;

pub use report::{
    Authors, Confidence, Deployable, DimensionFindings, Excluded, Finding, Inferred, LanguageStat, Note, ScanReport,
    Stats, SystemSummary,
};

use crate::assess::{Answer, Answers, Questionnaire};
use crate::error::{Error, Result};
use notes::{NoteKind, NoteLog};

/// How to scan.
#[derive(Debug, Default)]
pub struct ScanOptions<'a> {
    /// Walker threads; 0 picks one per core.
    pub threads: usize,
    /// Counts files as they are seen, for a progress indicator.
    pub progress: Option<&'a AtomicU64>,
    /// The questionnaire answers are inferred for; the built-in one when `None`.
    pub questionnaire: Option<&'a Questionnaire>,
    /// The thresholds history is read with; the built-in ones when `None`.
    pub history: Option<&'a crate::boundaries::Thresholds>,
}

/// Everything the detectors found, before it is put into words.
#[derive(Debug)]
struct Facts {
    tree: walk::Tree,
    ci: ci::Ci,
    deploy: deploy::Deploy,
    builds: Vec<manifests::BuildUnit>,
    deployables: Vec<Deployable>,
    excluded: Vec<Excluded>,
    observe: observe::Observe,
    coupling: coupling::Coupling,
    authors: Authors,
    languages: Vec<LanguageStat>,
    /// Generated source files and their lines, left out of `languages`.
    generated: (u64, u64),
    /// Modules, coupling and ownership from history, and the answers they support.
    history: Vec<crate::boundaries::RepositoryBoundaries>,
    history_answers: Vec<Inferred>,
}

/// Scan the folder `root`. A path that is not a folder is a usage error; anything met inside
/// (unreadable files, links, binary or huge files) becomes a note.
pub fn scan(root: &Path, options: &ScanOptions<'_>) -> Result<ScanReport> {
    let started = Instant::now();
    let q = match options.questionnaire {
        Some(q) => Cow::Borrowed(q),
        None => Cow::Owned(crate::assess::builtin_questionnaire()?),
    };
    let thresholds = match options.history {
        Some(t) => Cow::Borrowed(t),
        None => Cow::Owned(crate::boundaries::thresholds::builtin()?),
    };
    let label = root.display().to_string();
    check_root(root, &label)?;
    // Asking git whether this is a repository overlaps with the walk.
    let (standing, tree) = std::thread::scope(|s| {
        let git = s.spawn(|| git::standing(root));
        let tree = walk::walk(root, options.threads, options.progress);
        (git.join().unwrap_or(Err(git::Missing::NoGit)), tree)
    });
    let whole_repo = standing == Ok(git::Standing::Inside);
    let repositories = systems::repositories(&tree, whole_repo);
    let summaries: Vec<SystemSummary> =
        repositories.iter().map(|dir| systems::summary(root, dir, systems::subtree(&tree, dir), &q)).collect();
    let mut facts = detect(root, tree);
    let mut log = std::mem::take(&mut facts.tree.notes);
    let in_repo = standing.clone().map(|s| s == git::Standing::Inside);
    let mut reader = authors_wanted(&label, in_repo, &facts.tree.repositories, &mut log).then(git::Reader::new);
    let mut layout = layout_of(&facts);
    if let Ok(git::Standing::Outside(Some(why))) = &standing
        && layout.repositories.iter().any(|r| r == ".")
    {
        // The root's own `.git` is one git cannot read (it said so): reading its history would
        // only start git three more times to hear the same.
        layout.repositories.retain(|r| r != ".");
        let failed = crate::history::git::GitError::Failed(why.clone());
        reader.iter_mut().for_each(|r| crate::boundaries::Rider::done(r, ".", Some(&failed)));
    }
    let rider = reader.as_mut().map(|r| r as &mut dyn crate::boundaries::Rider);
    (facts.history, facts.history_answers) = crate::boundaries::for_scan(root, &layout, whole_repo, &thresholds, rider);
    facts.authors = reader.map(|r| r.authors(&mut log)).unwrap_or_default();
    if facts.ci.systems.is_empty() {
        facts.ci.orphan_scripts.iter().for_each(|s| log.add(NoteKind::NoCi, s.clone()));
    }
    let mut report = report(&q, label, facts, log, started);
    if !summaries.is_empty() {
        // A folder of systems answers only what its systems agree on; pooled files would mix them.
        report.inferred = systems::agreed(&summaries);
        report.unanswered = q
            .questions
            .iter()
            .filter(|x| !report.inferred.iter().any(|i| i.question == x.id))
            .map(|x| x.id.clone())
            .collect();
    }
    report.systems = summaries;
    Ok(report)
}

fn report(q: &Questionnaire, root: String, facts: Facts, log: NoteLog, started: Instant) -> ScanReport {
    let inferred: Vec<Inferred> = infer::infer(&facts).into_iter().filter_map(|i| placed(q, i)).collect();
    let unanswered =
        q.questions.iter().filter(|x| !inferred.iter().any(|i| i.question == x.id)).map(|x| x.id.clone()).collect();
    let dimensions = findings::all(&facts)
        .into_iter()
        .map(|(id, findings)| {
            let title = q.dimensions.iter().find(|d| d.id == id).map_or(id.to_string(), |d| d.title.clone());
            DimensionFindings { dimension: id.to_string(), title, findings }
        })
        .collect();
    let stats = Stats {
        files_seen: facts.tree.files_seen,
        files_read: facts.tree.files_read,
        files_skipped: log.count(&[NoteKind::Unreadable, NoteKind::Binary, NoteKind::TooLarge]),
        directories_skipped: facts.tree.skipped_dirs.len() as u64,
        modules: facts.builds.iter().filter(|b| !b.grouping_only).count() as u64,
        elapsed_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        generated_files: facts.generated.0,
        generated_lines: facts.generated.1,
    };
    let report = ScanReport {
        schema_version: crate::output::SCHEMA_VERSION,
        root,
        dimensions,
        inferred,
        unanswered,
        deployables: facts.deployables,
        languages: facts.languages,
        authors: facts.authors,
        boundaries: facts.history.iter().map(crate::boundaries::RepositoryBoundaries::summary).collect(),
        stats,
        notes: log.into_notes(),
        excluded: facts.excluded,
        systems: Vec::new(),
    };
    drop_aside(facts.tree);
    report
}

/// Frees `value` on a thread of its own. The walk's tree holds a string or two per file, and
/// freeing a hundred thousand of them took the report about 6 ms on one thread, while the walker
/// threads' cores sat idle.
fn drop_aside<T: Send + 'static>(value: T) {
    // Should no thread start, the value comes back in the error's closure and is freed here.
    let _ = std::thread::Builder::new().name("scan-free".to_string()).spawn(move || drop(value));
}

fn check_root(root: &Path, label: &str) -> Result<()> {
    match std::fs::metadata(root) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(Error::Usage(format!("{label} is not a directory; give the folder of a repository to scan"))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(Error::Usage(format!("{label}: no such directory; give the folder of a repository to scan")))
        }
        Err(e) => Err(Error::Usage(format!("{label}: cannot be read: {e}"))),
    }
}

fn detect(root: &Path, tree: walk::Tree) -> Facts {
    // Counting languages passes over every file; it needs nothing the other detectors find, so
    // it runs beside them on the core the walk has just left idle.
    let (mut facts, kube, (counted, deploy)) = std::thread::scope(|s| {
        let beside = s.spawn(|| (languages::count(&tree), deploy::by_files(&tree)));
        let (facts, kube) = detect_units(root, &tree);
        (facts, kube, beside.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
    });
    (facts.languages, facts.generated) = counted;
    facts.deploy = deploy::kube(deploy, &kube);
    let log = std::mem::replace(&mut facts.tree, tree).notes;
    facts.tree.notes.merge(log);
    facts
}

/// Everything `detect` finds but the languages and deployment, with an empty tree in place of
/// `tree`; and the Kubernetes objects, for deployment.
fn detect_units(root: &Path, tree: &walk::Tree) -> (Facts, Vec<kube::KubeObject>) {
    let mut log = NoteLog::default();
    let builds = manifests::build_units(tree);
    let compose = compose::services(tree, &mut log);
    let kube = kube::objects(tree);
    let root_name = std::fs::canonicalize(root)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| ".".to_string());
    let skaffold = skaffold::artifacts(tree);
    let units = units::deployables(&units::Inputs {
        tree,
        compose: &compose,
        kube: &kube,
        skaffold: &skaffold,
        builds: &builds,
        root_name: &root_name,
    });
    let deployables = units.deployables;
    let inputs =
        coupling::Inputs { root, tree, compose: &compose, kube: &kube, builds: &builds, deployables: &deployables };
    let coupling = coupling::detect(&inputs);
    let observe = observe::detect(tree, &builds, &compose, &kube);
    let facts = Facts {
        ci: ci::detect(tree),
        deploy: deploy::Deploy::default(),
        languages: Vec::new(),
        generated: (0, 0),
        builds,
        deployables,
        excluded: units.excluded,
        observe,
        coupling,
        authors: Authors::default(),
        history: Vec::new(),
        history_answers: Vec::new(),
        tree: walk::Tree { notes: log, ..walk::Tree::default() },
    };
    (facts, kube)
}

/// What `boundaries` needs from a walk: folders of build units and deployables, and nested repositories.
pub(crate) fn layout(root: &Path) -> crate::boundaries::Layout {
    let facts = detect(root, walk::walk(root, 0, None));
    layout_of(&facts)
}

fn layout_of(facts: &Facts) -> crate::boundaries::Layout {
    let builds = facts.builds.iter().filter(|b| !b.grouping_only).map(|b| (b.name.clone(), b.dir.clone()));
    let deployables =
        facts.deployables.iter().filter(|d| !facts.tree.has_file(&d.path)).map(|d| (d.name.clone(), d.path.clone()));
    crate::boundaries::Layout {
        units: builds.chain(deployables).collect(),
        repositories: facts.tree.repositories.clone(),
    }
}

/// Whether commit authors can be counted: inside a repository or in a folder of them; if not,
/// the note that says why.
fn authors_wanted(label: &str, in_repo: Result<bool, git::Missing>, nested: &[String], log: &mut NoteLog) -> bool {
    let why = match in_repo {
        Ok(true) => return true,
        Ok(false) if !nested.is_empty() => return true,
        Ok(false) => git::Missing::NotARepository,
        Err(why) => why,
    };
    log.say(NoteKind::Git, why.explain(label));
    false
}

/// The inferred answer with its question's dimension, if the questionnaire has that question and choice.
fn placed(q: &Questionnaire, mut i: Inferred) -> Option<Inferred> {
    let question = &q.questions[q.question_index(&i.question)?];
    question.choice_index(&i.choice)?;
    i.dimension = q.dimensions[question.dimension].id.clone();
    Some(i)
}

/// The inferred answers as `Answers`, for `assess`: only the inferred questions are set, each
/// marked with the scan's confidence.
pub fn inferred_answers(report: &ScanReport, q: &Questionnaire) -> Answers {
    let mut answers = Answers::empty(q);
    for i in &report.inferred {
        let Some(qi) = q.question_index(&i.question) else { continue };
        if let Some(ci) = q.questions[qi].choice_index(&i.choice) {
            answers.values[qi] = Some(Answer::Chosen(vec![ci]));
            answers.inferred[qi] = Some(i.confidence);
        }
    }
    answers
}

/// An answers file for `assess --answers`: the inferred answers, each preceded by a comment with
/// its confidence, reason and evidence, and marked in `inferred:` so that it counts by that
/// confidence until a person confirms it. Every other question is left out, so `assess` asks it.
pub fn answers_file(report: &ScanReport, q: &Questionnaire) -> String {
    let mut body = crate::assess::answers::to_yaml(q, &inferred_answers(report, q));
    // With nothing inferred, `answers:` alone would be null, which `assess` rejects.
    if report.inferred.is_empty() && body.ends_with("answers:\n") {
        body.truncate(body.len() - 1);
        body.push_str(" {}\n");
    }
    let mut out = format!(
        "# Inferred by `msadvise scan {}`: check each answer; questions left out are asked by `msadvise assess`\n# (or answered \"don't know\" with --allow-unknown).\n",
        comment(&report.root)
    );
    let mut in_answers = false;
    for line in body.lines() {
        if !line.starts_with([' ', '#']) {
            in_answers = line.starts_with("answers:");
        }
        let key = line.trim_start().split(':').next().unwrap_or("");
        if let Some(i) = report
            .inferred
            .iter()
            .find(|i| in_answers && line.starts_with("  ") && !line.starts_with("  #") && i.question == key)
        {
            out.push_str(&format!("  # scan: {} confidence: {}\n", i.confidence.label(), comment(&i.reason)));
            if !i.evidence.is_empty() {
                out.push_str(&format!("  # evidence: {}\n", comment(&i.evidence.join(", "))));
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Text safe inside a one-line YAML comment.
fn comment(s: &str) -> String {
    s.chars().map(|c| if c.is_control() || crate::sanitize::is_bidi(c) { ' ' } else { c }).collect()
}

//! Validates the knowledge in `knowledge/` with the library's own loaders (a broken file fails the
//! build with its file:line:column) and compiles it into postcard blobs, so the binary never
//! parses its built-in YAML at run time. Also: link flags and code layout for a fast start on Linux.
//!
//! `MSADVISE_KNOWLEDGE_DIR` builds from another directory (the benchmarks use a larger one).

#![allow(dead_code, unused_imports, clippy::print_stderr, clippy::print_stdout)]

use std::path::{Path, PathBuf};

#[path = "src/error.rs"]
mod error;
#[path = "src/sanitize.rs"]
mod sanitize;
#[path = "src/suggest.rs"]
mod suggest;
#[path = "src/yaml.rs"]
mod yaml;

#[path = "build/assess.rs"]
mod assess;
#[path = "build/knowledge.rs"]
mod knowledge;

use error::Diagnostic;
use knowledge::{Catalog, Glossary, SourceFile};

fn main() {
    println!("cargo::rerun-if-env-changed=MSADVISE_KNOWLEDGE_DIR");
    println!("cargo::rerun-if-env-changed=MSADVISE_PIE");
    println!("cargo::rerun-if-env-changed=CC");
    let dir = std::env::var_os("MSADVISE_KNOWLEDGE_DIR").map_or_else(|| PathBuf::from("knowledge"), PathBuf::from);
    println!("cargo::rerun-if-changed={}", dir.display());
    let Some(out) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        eprintln!("OUT_DIR is not set");
        std::process::exit(1);
    };
    link_flags(&out);
    if let Err(problems) = compile(&dir, &out) {
        eprintln!("the knowledge in {} is broken; {} problem(s):", dir.display(), problems.len());
        for p in problems {
            eprintln!("  {p}");
        }
        std::process::exit(1);
    }
}

/// On Linux with glibc: a static, non-PIE executable. With no dynamic loader to run, no shared
/// libraries to map and no relocations to apply, a start takes about 0.2 ms less (BENCHMARKS.md).
/// Falls back to a dynamic non-PIE link with lazy binding when the static C libraries are not
/// installed. `MSADVISE_PIE=1` keeps the toolchain's default link (dynamic, position-independent).
fn link_flags(out: &Path) {
    let linux_gnu = std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu");
    if !linux_gnu || std::env::var_os("MSADVISE_PIE").is_some() {
        return;
    }
    println!("cargo::rustc-link-arg-bins=-no-pie");
    // The functions common commands run, placed together (bench/hot_code.py writes the script).
    // For every profile, so that the tests link with it too.
    let hot = Path::new(env!("CARGO_MANIFEST_DIR")).join("build/hot-code.ld");
    println!("cargo::rerun-if-changed={}", hot.display());
    println!("cargo::rustc-link-arg-bins=-Wl,-T,{}", hot.display());
    if static_link_stubs(&out.join("static-link")) {
        // `-L` as a link argument of the binary only: a search path would reach the test
        // executables too, which link dynamically. The linker searches every `-L` directory,
        // wherever it appears on the command line, before the system's.
        println!("cargo::rustc-link-arg-bins=-L{}", out.join("static-link").display());
        println!("cargo::rustc-link-arg-bins=-static");
    } else {
        println!("cargo::rustc-link-arg-bins=-Wl,-z,lazy");
    }
}

/// The C libraries std links (`-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc`), each with the static
/// archive that stands in for it: libgcc_eh is the static unwinder that `crt-static` builds use.
const STATIC_ARCHIVES: [(&str, &str); 7] = [
    ("gcc_s", "libgcc_eh.a"),
    ("util", "libutil.a"),
    ("rt", "librt.a"),
    ("pthread", "libpthread.a"),
    ("m", "libm.a"),
    ("dl", "libdl.a"),
    ("c", "libc.a"),
];

/// rustc names those libraries after `-Bdynamic`, so `-static` alone would still pick their
/// shared objects. A `libNAME.so` linker script in a directory searched before the system's makes each name
/// resolve to its static archive instead (the `crt-static` target feature cannot be set for the
/// binary alone: cargo would apply it to the proc-macro crates too). False, and nothing linked
/// differently, when the compiler does not find every archive.
fn static_link_stubs(dir: &Path) -> bool {
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".to_owned());
    let find = |archive: &str| {
        let output = std::process::Command::new(&cc).arg(format!("-print-file-name={archive}")).output().ok()?;
        let path = PathBuf::from(String::from_utf8(output.stdout).ok()?.trim());
        (output.status.success() && path.is_absolute() && path.exists()).then_some(path)
    };
    let Some(archives) =
        STATIC_ARCHIVES.iter().map(|(name, archive)| Some((name, find(archive)?))).collect::<Option<Vec<_>>>()
    else {
        return false;
    };
    std::fs::create_dir_all(dir).is_ok()
        && archives.iter().all(|(name, path)| {
            std::fs::write(dir.join(format!("lib{name}.so")), format!("INPUT ( \"{}\" )\n", path.display())).is_ok()
        })
}

fn read(path: &Path) -> Result<Vec<u8>, Vec<Diagnostic>> {
    std::fs::read(path).map_err(|e| vec![Diagnostic::new(path.display().to_string(), format!("cannot read: {e}"))])
}

fn text(path: &Path) -> Result<String, Vec<Diagnostic>> {
    String::from_utf8(read(path)?).map_err(|_| vec![Diagnostic::new(path.display().to_string(), "is not UTF-8")])
}

fn compile(dir: &Path, out: &Path) -> Result<(), Vec<Diagnostic>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir.join("topics"))
        .map_err(|e| vec![Diagnostic::new(dir.join("topics").display().to_string(), e.to_string())])?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    let contents: Vec<(String, Vec<u8>)> =
        paths.iter().map(|p| Ok((p.display().to_string(), read(p)?))).collect::<Result<_, Vec<Diagnostic>>>()?;
    let files: Vec<SourceFile<'_>> =
        contents.iter().map(|(path, bytes)| SourceFile { path: path.clone(), bytes }).collect();
    let catalog = Catalog::from_files(&files)?;
    let exists = |id: &str| catalog.find(id).is_some_and(|t| t.id == id);

    let glossary_path = dir.join("glossary.yaml");
    let glossary = Glossary::parse(&glossary_path.display().to_string(), &text(&glossary_path)?, &exists)?;
    let q_path = dir.join("assessment/questionnaire.yaml");
    let q_file = q_path.display().to_string();
    let raw: assess::raw::RawQuestionnaire = yaml::parse(&q_file, &text(&q_path)?).map_err(|d| vec![d])?;
    let questionnaire = assess::load::validate(raw, &q_file, &exists)?;

    let mut generated = String::from("// Generated by build.rs from the knowledge directory; do not edit.\n");
    write_blob(out, "index", catalog.index(), &mut generated, "INDEX")?;
    write_blob(out, "vocabulary", catalog.vocabulary(), &mut generated, "VOCABULARY")?;
    write_blob(out, "glossary", &glossary, &mut generated, "GLOSSARY")?;
    write_blob(out, "questionnaire", &questionnaire, &mut generated, "QUESTIONNAIRE")?;
    generated.push_str("pub static TOPICS: &[&[u8]] = &[\n");
    for (i, topic) in catalog.topics().into_iter().enumerate() {
        let name = format!("topic-{i}.bin");
        std::fs::write(out.join(&name), encode(topic)?).map_err(|e| vec![Diagnostic::new(&name, e.to_string())])?;
        generated.push_str(&format!("    include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{name}\")),\n"));
    }
    generated.push_str("];\npub static SEARCH: &[&[u8]] = &[\n");
    for (i, topic) in catalog.topics().into_iter().enumerate() {
        let name = format!("search-{i}.bin");
        let doc = knowledge::index::SearchDoc::build(topic);
        std::fs::write(out.join(&name), encode(&doc)?).map_err(|e| vec![Diagnostic::new(&name, e.to_string())])?;
        generated.push_str(&format!("    include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{name}\")),\n"));
    }
    generated.push_str("];\n");
    std::fs::write(out.join("builtin.rs"), generated).map_err(|e| vec![Diagnostic::new("builtin.rs", e.to_string())])
}

fn encode<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, Vec<Diagnostic>> {
    postcard::to_allocvec(value).map_err(|e| vec![Diagnostic::new("postcard", e.to_string())])
}

fn write_blob<T: serde::Serialize>(
    out: &Path,
    name: &str,
    value: &T,
    generated: &mut String,
    constant: &str,
) -> Result<(), Vec<Diagnostic>> {
    let file = format!("{name}.bin");
    std::fs::write(out.join(&file), encode(value)?).map_err(|e| vec![Diagnostic::new(&file, e.to_string())])?;
    generated.push_str(&format!(
        "pub static {constant}: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{file}\"));\n"
    ));
    Ok(())
}

//! Command-line types (clap derive) and nothing else.

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::help;

/// The heading global options sit under in every command's help, as in cargo.
const GLOBAL: &str = "Global Options";

#[derive(Debug, Parser)]
#[command(
    name = "msadvise",
    version,
    about = "An offline, cited advisor on microservice architecture and its alternatives.",
    after_help = help::TOP,
    arg_required_else_help = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Output format
    #[arg(long, global = true, help_heading = GLOBAL, value_enum, default_value_t = FormatArg::Text, value_name = "FORMAT")]
    pub format: FormatArg,

    /// Shorthand for `--format json`
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub json: bool,

    /// When to use colour in text output (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)
    #[arg(long, global = true, help_heading = GLOBAL, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Never send long text output through a pager ($MSADVISE_PAGER, $PAGER or `less -R`)
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub no_pager: bool,

    /// Write the output to FILE (atomically, never coloured) instead of standard output
    #[arg(long, short = 'o', global = true, help_heading = GLOBAL, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,

    /// Overlay a knowledge pack of topics and assessment data on the built-in one
    #[arg(long, global = true, help_heading = GLOBAL, env = "MSADVISE_KNOWLEDGE", value_name = "DIR")]
    pub knowledge: Option<std::path::PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    pub fn effective_format(&self) -> Format {
        match (self.json, self.format) {
            (true, _) => Format::Json,
            (_, FormatArg::Text | FormatArg::Dot) => Format::Text,
            (_, FormatArg::Json) => Format::Json,
            (_, FormatArg::Yaml) => Format::Yaml,
            (_, FormatArg::Markdown) => Format::Markdown,
        }
    }

    /// `--format dot`: a Graphviz graph, which only `boundaries` draws.
    pub fn dot(&self) -> bool {
        !self.json && self.format == FormatArg::Dot
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Explain a topic: definition, advantages, disadvantages, practical concerns, sources
    #[command(after_help = help::EXPLAIN)]
    Explain(ExplainArgs),
    /// List every topic, one line each, grouped by kind
    #[command(after_help = help::TOPICS)]
    Topics(TopicsArgs),
    /// Search every topic's text, best matches first, with the matching passage
    #[command(after_help = help::SEARCH)]
    Search(SearchArgs),
    /// Compare architecture styles side by side over fixed dimensions
    #[command(after_help = help::COMPARE)]
    Compare(CompareArgs),
    /// Define a term in one line, pointing to the topic that explains it (all terms without TERM)
    #[command(after_help = help::GLOSSARY)]
    Glossary(GlossaryArgs),
    /// Assess whether a system suits microservices: a questionnaire, a verdict, and why
    #[command(after_help = help::ASSESS)]
    Assess(AssessArgs),
    /// List the assessment's questions and choices, or print an answers template
    #[command(after_help = help::QUESTIONS)]
    Questions(QuestionsArgs),
    /// Read a repository and infer assessment answers, with the files that show each
    Scan(ScanArgs),
    /// Modules, how they change together and who changes them, from git history
    Boundaries(BoundariesArgs),
    /// Print the JSON Schema of a command's output or of the answers file
    #[command(after_help = help::SCHEMA)]
    Schema(SchemaArgs),
    /// Check a knowledge pack, or export the built-in one as a starting point
    #[command(
        subcommand,
        after_help = help::KNOWLEDGE
    )]
    Knowledge(KnowledgeCommand),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    #[command(after_help = help::COMPLETIONS)]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), e.g. `msadvise man > msadvise.1`
    #[command(after_help = help::MAN)]
    Man,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which document
    #[arg(value_enum)]
    pub name: SchemaName,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaName {
    /// The report of `assess --format json`
    Assessment,
    /// The answers file that `assess --answers` reads
    Answers,
    /// The page of `explain --format json`
    Topic,
    /// The list of `topics --format json`
    Topics,
    /// The questionnaire of `questions --format json`
    Questions,
    /// The results of `search --format json`
    Search,
    /// The table of `compare --format json`
    Compare,
    /// The terms of `glossary --format json`
    Glossary,
    /// The report of `scan --format json`
    Scan,
    /// The report of `boundaries --format json`
    Boundaries,
}

#[derive(Debug, Subcommand)]
pub enum KnowledgeCommand {
    /// Check a knowledge pack and report every problem with file:line:column
    #[command(after_help = help::VALIDATE)]
    Validate {
        /// The pack: a directory with `topics/`, `glossary.yaml` and/or `assessment/`
        dir: std::path::PathBuf,
    },
    /// Write the built-in knowledge pack to DIR (which must not exist or be empty)
    #[command(after_help = help::EXPORT)]
    Export {
        /// Where to write the pack: a new or empty directory
        dir: std::path::PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct TopicsArgs {
    /// Show each topic's kind and whole summary, wrapped, instead of one line per topic
    #[arg(long, short = 'l')]
    pub long: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to look for; quote a phrase to rank it higher when its words stand together
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,

    /// Show at most this many results
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N")]
    pub limit: usize,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Two or more architecture styles (ids or aliases), e.g. monolith modular-monolith microservices
    #[arg(required = true, num_args = 2.., value_name = "STYLE")]
    pub styles: Vec<String>,
}

#[derive(Debug, Args)]
pub struct GlossaryArgs {
    /// A term or part of one; matching terms and definitions are listed
    #[arg(value_name = "TERM")]
    pub term: Option<String>,
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    /// Read answers from a YAML or JSON file (`-` for standard input); repeat to combine a team's answers
    #[arg(long, short = 'a', value_name = "FILE")]
    pub answers: Vec<String>,

    /// Answer a question on the command line, overriding the file (repeatable)
    #[arg(long = "set", value_name = "QUESTION=CHOICE")]
    pub sets: Vec<String>,

    /// Write the answers (including those given interactively) to FILE
    #[arg(long, value_name = "FILE")]
    pub save: Option<std::path::PathBuf>,

    /// Keep nothing after a finished quiz (by default its answers go to msadvise-answers.yaml)
    #[arg(long, conflicts_with = "save")]
    pub no_save: bool,

    /// Without a terminal, answer missing questions with "don't know" instead of failing
    #[arg(long)]
    pub allow_unknown: bool,

    /// Scan the repository at PATH first and pre-fill the answers it can infer, with the evidence;
    /// in a terminal each is shown for confirmation or change
    #[arg(long, value_name = "PATH", num_args = 0..=1, default_missing_value = ".")]
    pub detect: Option<std::path::PathBuf>,

    /// Exit with status 3 (after the report) when the verdict is one of these
    #[arg(long, value_enum, value_delimiter = ',', value_name = "VERDICT[,VERDICT]")]
    pub fail_on: Vec<VerdictArg>,

    /// Exit with status 3 (after the report) when the confidence is below this level
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub min_confidence: Option<ConfidenceArg>,

    /// Exit with status 3 (after the report) when a prerequisite for running services cannot be
    /// verified from the answers
    #[arg(long)]
    pub require_verified: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VerdictArg {
    Monolith,
    ModularMonolith,
    Microservices,
    NotReady,
}

impl VerdictArg {
    pub fn id(self) -> &'static str {
        match self {
            VerdictArg::Monolith => "monolith",
            VerdictArg::ModularMonolith => "modular-monolith",
            VerdictArg::Microservices => "microservices",
            VerdictArg::NotReady => "not-ready",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum ConfidenceArg {
    Low,
    Medium,
    High,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  msadvise scan                          The current folder
  msadvise scan ../shop --format json    Findings and inferred answers, machine-readable
  msadvise scan --answers-out answers.yaml && msadvise assess --answers answers.yaml")]
pub struct ScanArgs {
    /// The repository (or folder of repositories) to read
    #[arg(default_value = ".", value_name = "PATH")]
    pub path: std::path::PathBuf,

    /// Write the inferred answers to FILE, in the format `assess --answers` reads; each counts
    /// by the scan's confidence until its `inferred:` line is deleted
    #[arg(long, value_name = "FILE")]
    pub answers_out: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  msadvise boundaries                              The 12 months up to the newest commit
  msadvise boundaries ../shop --since 2y           A longer window
  msadvise boundaries --module orders=services/orders --module billing='billing/**'
  msadvise boundaries --format markdown > boundaries.md    With a Mermaid graph
  msadvise boundaries --format dot | dot -Tsvg > boundaries.svg

Measures (see the README): coupling degree = shared commits / mean of the two modules' commits
(code-maat); ownership = the main author's share of a module's commits; cross-module ratio = share
of commits that change two or more modules. Bots, merges and bulk commits are left out.")]
pub struct BoundariesArgs {
    /// The repository (or folder of repositories) to read
    #[arg(default_value = ".", value_name = "PATH")]
    pub path: std::path::PathBuf,

    /// A module: paths matching GLOB (a folder matches everything under it); repeatable, first
    /// match wins. Without it, modules come from build manifests, then top-level source folders
    #[arg(long = "module", value_name = "NAME=GLOB")]
    pub modules: Vec<String>,

    /// How far back to read, from the newest commit: 90d, 26w, 12m, 2y, a date (2024-01-31) or
    /// `all` [default: 12m]
    #[arg(long, value_name = "WINDOW")]
    pub since: Option<String>,

    /// Leave out commits that change more files than this (bulk edits) [default: 30]
    #[arg(long, value_name = "N")]
    pub bulk_limit: Option<usize>,

    /// Commits a module, and shared commits a pair, need before coupling is reported [default: 5]
    #[arg(long, value_name = "N")]
    pub min_commits: Option<u32>,

    /// Folder depth taken as modules when no manifest names them
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub depth: usize,

    /// Do not follow renames: changes made before a file moved stay at its old path (as
    /// `git log --no-renames`)
    #[arg(long)]
    pub no_renames: bool,
}

#[derive(Debug, Args)]
pub struct QuestionsArgs {
    /// Print a commented answers file, ready to fill in and pass to `assess --answers`
    #[arg(long)]
    pub template: bool,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Topic id or alias, matched case-insensitively (see `msadvise topics`)
    #[arg(default_value = "microservices")]
    pub topic: String,

    /// Show only these sections, in full (repeatable, or comma-separated)
    #[arg(long = "section", short = 's', value_enum, value_delimiter = ',', value_name = "NAME")]
    pub sections: Vec<Section>,

    /// Show the whole page: every section in full, misconceptions and sources included
    #[arg(long, conflicts_with = "sections")]
    pub full: bool,
}

/// `--format` as typed: the formats every command writes, and `dot`, which only `boundaries` draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Readable text, wrapped to the terminal
    Text,
    /// Pretty-printed JSON with a `schema_version`
    Json,
    /// YAML with a `schema_version`
    Yaml,
    /// Markdown for a wiki page or a decision record
    Markdown,
    /// A Graphviz graph (`boundaries` only)
    Dot,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Readable text, wrapped to the terminal
    Text,
    /// Pretty-printed JSON with a `schema_version`
    Json,
    /// YAML with a `schema_version`
    Yaml,
    /// Markdown for a wiki page or a decision record
    Markdown,
}

impl Format {
    /// The name `--format` takes for it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Yaml => "yaml",
            Format::Markdown => "markdown",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set
    Auto,
    Always,
    Never,
}

/// The parts of a topic that `--section` can select.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum Section {
    Definition,
    Characteristics,
    Advantages,
    Disadvantages,
    Misconceptions,
    Concerns,
    WhenToUse,
    WhenNotToUse,
    Profile,
    Related,
    Sources,
}

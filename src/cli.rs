//! Command-line types (clap derive) and nothing else.

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  msadvise explain                      What microservices are, what they buy and cost
  msadvise explain soa --section definition
  msadvise topics                       Every topic, with a one-line summary
  msadvise search \"independently deployable\"
  msadvise compare monolith modular-monolith microservices
  msadvise glossary idempotency
  msadvise explain saga --format json   Machine-readable, for scripts
  msadvise assess                       The questionnaire, in a terminal
  msadvise assess --answers answers.yaml --format json";

#[derive(Debug, Parser)]
#[command(
    name = "msadvise",
    version,
    about = "An offline, cited advisor on microservice architecture and its alternatives.",
    after_help = EXAMPLES,
    arg_required_else_help = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Output format
    #[arg(long, global = true, value_enum, default_value_t = Format::Text, value_name = "FORMAT")]
    pub format: Format,

    /// Shorthand for `--format json`
    #[arg(long, global = true)]
    pub json: bool,

    /// When to use colour in text output (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Never send long text output through a pager ($MSADVISE_PAGER, $PAGER or `less -R`)
    #[arg(long, global = true)]
    pub no_pager: bool,

    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    pub fn effective_format(&self) -> Format {
        if self.json { Format::Json } else { self.format }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Explain a topic: definition, advantages, disadvantages, practical concerns, sources
    Explain(ExplainArgs),
    /// List every topic with its kind and a one-line summary
    Topics,
    /// Search every topic's text, best matches first, with the matching passage
    Search(SearchArgs),
    /// Compare architecture styles side by side over fixed dimensions
    Compare(CompareArgs),
    /// Define a term in one line, pointing to the topic that explains it (all terms without TERM)
    Glossary(GlossaryArgs),
    /// Assess whether a system suits microservices: a questionnaire, a verdict, and why
    Assess(AssessArgs),
    /// List the assessment's questions and choices, or print an answers template
    Questions(QuestionsArgs),
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
    /// Read answers from a YAML or JSON file (`-` for standard input)
    #[arg(long, short = 'a', value_name = "FILE")]
    pub answers: Option<String>,

    /// Answer a question on the command line, overriding the file (repeatable)
    #[arg(long = "set", value_name = "QUESTION=CHOICE")]
    pub sets: Vec<String>,

    /// Write the answers (including those given interactively) to FILE
    #[arg(long, value_name = "FILE")]
    pub save: Option<std::path::PathBuf>,

    /// Without a terminal, answer missing questions with "don't know" instead of failing
    #[arg(long)]
    pub allow_unknown: bool,
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

    /// Show only these sections (repeatable, or comma-separated)
    #[arg(long = "section", short = 's', value_enum, value_delimiter = ',', value_name = "NAME")]
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
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

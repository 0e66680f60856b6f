//! The one error type of the library, its exit statuses, and how it is shown.

use std::fmt;
use std::io;

/// Exit statuses, documented in the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Success, including output cut short by a closed pipe.
    Success = 0,
    /// Anything unexpected: I/O failures, a broken built-in knowledge file.
    Failure = 1,
    /// Bad usage or bad input: an unknown topic, an invalid file.
    Usage = 2,
    /// The report was printed, and it violates the policy of `--fail-on` or `--min-confidence`.
    Policy = 3,
    /// Stopped by Ctrl-C (128 + SIGINT), as shells report it.
    Interrupted = 130,
}

/// A problem found in an input file, with its location when one is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub message: String,
}

impl Diagnostic {
    pub fn new(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self { file: file.into(), line: None, column: None, message: message.into() }
    }

    pub fn at(mut self, line: u64, column: u64) -> Self {
        if line > 0 {
            self.line = Some(line);
            self.column = Some(column.max(1));
        }
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{}:{l}:{c}: {}", self.file, self.message),
            _ => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Usage(String),

    #[error("unknown topic `{query}`{}\n  hint: run `msadvise topics` to list every topic", did_you_mean(.suggestions))]
    UnknownTopic { query: String, suggestions: Vec<String> },

    #[error("{}", list_diagnostics(.0))]
    InvalidInput(Vec<Diagnostic>),

    #[error("the built-in knowledge is broken (a bug in this build):\n{}", list_diagnostics(.0))]
    InvalidBuiltin(Vec<Diagnostic>),

    #[error("{0}")]
    Interrupted(String),

    #[error("policy violated: {0}")]
    Policy(String),

    #[error("{context}: {source}")]
    Io { context: String, source: io::Error },

    #[error("cannot write output: {0}")]
    Output(#[from] io::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn exit(&self) -> Exit {
        match self {
            Error::Usage(_) | Error::UnknownTopic { .. } | Error::InvalidInput(_) => Exit::Usage,
            Error::InvalidBuiltin(_) | Error::Io { .. } | Error::Output(_) => Exit::Failure,
            Error::Interrupted(_) => Exit::Interrupted,
            Error::Policy(_) => Exit::Policy,
        }
    }

    /// A policy error comes after the whole report, which is still delivered.
    pub fn output_is_complete(&self) -> bool {
        matches!(self, Error::Policy(_))
    }

    /// Writing into a pipe whose reader has gone away is how `| head` ends; it is not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) | Error::Io { source: e, .. } if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

fn did_you_mean(suggestions: &[String]) -> String {
    match suggestions {
        [] => String::new(),
        [one] => format!("\n  did you mean `{one}`?"),
        many => {
            let quoted: Vec<String> = many.iter().map(|s| format!("`{s}`")).collect();
            format!("\n  did you mean one of {}?", quoted.join(", "))
        }
    }
}

fn list_diagnostics(diagnostics: &[Diagnostic]) -> String {
    if let [one] = diagnostics {
        return one.to_string();
    }
    let lines: Vec<String> = diagnostics.iter().map(|d| format!("  {d}")).collect();
    format!("{} problems found:\n{}", diagnostics.len(), lines.join("\n"))
}

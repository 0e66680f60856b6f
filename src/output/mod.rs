//! The one place that writes: format selection, colour, width, and the buffered stdout writer.

mod boundaries;
mod brief;
mod json;
mod listing;
mod manual;
mod markdown;
mod pager;
mod report;
mod scan;
mod style;
mod table;
mod text;
pub mod topic;

use std::io::{self, IsTerminal, Write};

use serde::Serialize;

pub use crate::cli::{ColorChoice, Format};
pub use style::Theme;
pub use text::{Doc, flat, wrap_into};

use crate::error::Result;

/// Version of every machine-readable document msadvise prints; bumped only on breaking changes.
pub const SCHEMA_VERSION: u32 = 1;

/// Width for text when stdout is not a terminal, so piped output does not depend on the window.
pub const PIPE_WIDTH: usize = 80;
const MIN_WIDTH: usize = 40;
const MAX_WIDTH: usize = 100;

pub struct Output {
    writer: Box<dyn Write>,
    pager: Pager,
    /// With `--output`: the file, and everything written so far (it is written whole at the end).
    file: Option<(std::path::PathBuf, Vec<u8>)>,
    pub format: Format,
    pub theme: Theme,
    pub width: usize,
    /// Set by a search that matched nothing: the command then exits with 1, as grep does.
    pub found_nothing: bool,
}

/// A pager is started at the first write, so an interactive quiz keeps the terminal until then.
enum Pager {
    Off,
    Pending(Vec<String>),
    Running(std::process::Child),
}

impl std::fmt::Debug for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Output").field("format", &self.format).field("width", &self.width).finish()
    }
}

impl Output {
    /// Standard output, buffered once, with colour and width decided from the terminal and environment.
    /// Text for a terminal goes through a pager unless `no_pager`.
    pub fn stdout(format: Format, color: ColorChoice, no_pager: bool) -> Self {
        let stdout = io::stdout();
        let is_terminal = stdout.is_terminal();
        let colour = format == Format::Text && colour_wanted(color, &stdout);
        let width = columns_from_env().unwrap_or(if is_terminal { terminal_width() } else { PIPE_WIDTH });
        let pager = match (format, is_terminal && !no_pager, pager::command()) {
            (Format::Text, true, Some(words)) => Pager::Pending(words),
            _ => Pager::Off,
        };
        Output {
            writer: Box::new(io::BufWriter::new(stdout.lock())),
            pager,
            file: None,
            format,
            theme: Theme::new(colour),
            width,
            found_nothing: false,
        }
    }

    /// A file written atomically by `finish`, never coloured, wrapped like piped text.
    pub fn file(path: std::path::PathBuf, format: Format) -> Self {
        let mut out = Output::to_writer(Box::new(io::sink()), format, false, PIPE_WIDTH);
        out.file = Some((path, Vec::new()));
        out
    }

    /// Any writer, for tests and for writing to files.
    pub fn to_writer(writer: Box<dyn Write>, format: Format, colour: bool, width: usize) -> Self {
        Output { writer, pager: Pager::Off, file: None, format, theme: Theme::new(colour), width, found_nothing: false }
    }

    pub fn write_str(&mut self, s: &str) -> Result<()> {
        // Text from a repository or a user may carry bidirectional controls that make a line read
        // differently from what it is; msadvise's own text never does. JSON keeps the same value.
        let s = match self.format {
            Format::Json => crate::sanitize::bidi(s, crate::sanitize::json_escape),
            Format::Yaml => std::borrow::Cow::Borrowed(s),
            Format::Text | Format::Markdown => crate::sanitize::bidi(s, crate::sanitize::visible),
        };
        let s = s.as_ref();
        if let Some((_, buffer)) = &mut self.file {
            buffer.extend_from_slice(s.as_bytes());
            return Ok(());
        }
        if let Pager::Pending(words) = &self.pager {
            self.pager = match pager::spawn(words) {
                Some((child, writer)) => {
                    self.writer = writer;
                    Pager::Running(child)
                }
                None => Pager::Off,
            };
        }
        self.writer.write_all(s.as_bytes())?;
        Ok(())
    }

    /// Serialise a machine-readable document in the selected machine format (JSON unless YAML).
    pub fn machine<T: Serialize>(&mut self, value: &T) -> Result<()> {
        let mut body = match self.format {
            Format::Yaml => serde_saphyr::to_string(value).map_err(|e| io::Error::other(e.to_string()))?,
            _ => json::to_string_pretty(value).map_err(io::Error::other)?,
        };
        if !body.ends_with('\n') {
            body.push('\n');
        }
        self.write_str(&body)
    }

    /// Flush everything and, with a pager, close its input and wait until the reader quits it.
    /// With `--output`, write the file only if the output is `complete`: never half a document.
    pub fn finish(mut self, complete: bool) -> Result<()> {
        if let Some((path, buffer)) = self.file.take() {
            return if complete { crate::fsutil::write_atomic(&path, &buffer) } else { Ok(()) };
        }
        let flushed = self.writer.flush();
        self.writer = Box::new(io::sink());
        if let Pager::Running(mut child) = std::mem::replace(&mut self.pager, Pager::Off) {
            let _ = child.wait();
        }
        flushed?;
        Ok(())
    }

    /// Refuse a machine format for a command whose output has one fixed form (roff, a shell
    /// script, a commented YAML file), rather than silently ignore it.
    pub fn text_only(&self, what: &str, instead: &str) -> Result<()> {
        match self.format {
            Format::Text => Ok(()),
            other => {
                let name = other.name();
                Err(crate::error::Error::Usage(format!(
                    "{what} has one output form, so `--format {name}` does not apply\n  hint: {instead}"
                )))
            }
        }
    }

    pub fn doc(&self) -> Doc<'_> {
        Doc::new(&self.theme, self.width)
    }
}

fn colour_wanted(choice: ColorChoice, stdout: &io::Stdout) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => anstream::AutoStream::choice(stdout) != anstream::ColorChoice::Never,
    }
}

/// The width of the terminal (80 columns when there is none), kept between 40 and 100 columns so
/// that lines stay readable; for text on stderr such as prompts.
pub fn terminal_width() -> usize {
    let columns = terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)).unwrap_or(PIPE_WIDTH);
    columns.clamp(MIN_WIDTH, MAX_WIDTH)
}

/// `COLUMNS`, when exported, wins over the terminal and the pipe default, as with `ls` and clap's
/// help: it lets a script or a test ask for a width.
fn columns_from_env() -> Option<usize> {
    let columns: usize = std::env::var("COLUMNS").ok()?.trim().parse().ok()?;
    (columns > 0).then(|| columns.clamp(MIN_WIDTH, MAX_WIDTH))
}

pub use boundaries::{boundaries_dot, boundaries_markdown, boundaries_text};
pub use listing::{compare_markdown, compare_text, glossary_markdown, glossary_text, search_markdown, search_text};
pub use manual::manual;
pub use report::{report_markdown, report_text};
pub use scan::{ScanProgress, scan_markdown, scan_text};
pub use table::{topics_list, topics_table};
pub use topic::{render_topic_markdown, render_topic_text};

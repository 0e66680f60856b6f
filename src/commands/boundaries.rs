//! `msadvise boundaries [PATH]`: modules, coupling, ownership and groups from git history.

use crate::boundaries::{self, Options};
use crate::cli::{BoundariesArgs, Format};
use crate::error::Result;
use crate::output::{self, Output};
use crate::pack::Knowledge;

pub fn run(args: &BoundariesArgs, k: &Knowledge, dot: bool, out: &mut Output) -> Result<()> {
    let thresholds = k.history()?;
    let options = Options {
        modules: args.modules.clone(),
        since: args.since.clone(),
        bulk_limit: args.bulk_limit,
        min_commits: args.min_commits,
        depth: args.depth,
        no_renames: args.no_renames,
    };
    let report = boundaries::analyse(&args.path, &args.path.display().to_string(), &options, &thresholds)?;
    if dot {
        return out.write_str(&output::boundaries_dot(&report));
    }
    match out.format {
        Format::Json | Format::Yaml => out.machine(&report),
        Format::Markdown => out.write_str(&output::boundaries_markdown(&report)),
        Format::Text => {
            let text = output::boundaries_text(&report, &out.theme, out.width);
            out.write_str(&text)
        }
    }
}

//! `msadvise explain [TOPIC]`: one topic, whole or by section.

use crate::cli::{ExplainArgs, Format};
use crate::error::{Error, Result};
use crate::output::topic::TopicPage;
use crate::output::{self, Output};
use crate::pack::Knowledge;

pub fn run(args: &ExplainArgs, k: &Knowledge, out: &mut Output) -> Result<()> {
    let catalog = k.catalog()?;
    let Some(topic) = catalog.find(&args.topic) else {
        return Err(Error::UnknownTopic { query: args.topic.clone(), suggestions: catalog.suggest(&args.topic) });
    };
    let related = topic.related.iter().filter_map(|id| catalog.find_entry(id)).collect();
    let brief = !args.full && args.sections.is_empty();
    let page = TopicPage { topic, sections: args.sections.clone(), brief, related };
    match out.format {
        Format::Json | Format::Yaml => out.machine(&page.document()),
        Format::Markdown => out.write_str(&output::render_topic_markdown(&page)),
        Format::Text => {
            let text = output::render_topic_text(&page, &out.theme, out.width);
            out.write_str(&text)
        }
    }
}

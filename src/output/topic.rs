//! How a topic reads: as wrapped terminal text, as Markdown, and as a JSON/YAML document.

use serde::Serialize;

use super::text::{Doc, flat, md_cell, paragraphs};
use super::{SCHEMA_VERSION, Theme};
use crate::cli::Section;
use crate::knowledge::index::Entry;
use crate::knowledge::{Advantage, Concern, ConcernId, Item, Kind, Misconception, Profile, Source, Topic};
use crate::text::Str;

/// A topic as one command shows it: the sections asked for and the related topics resolved.
#[derive(Debug)]
pub struct TopicPage<'a> {
    pub topic: &'a Topic,
    /// Empty means every section.
    pub sections: Vec<Section>,
    /// In text, the one-screen form (`explain` without `--full` or `--section`).
    pub brief: bool,
    pub related: Vec<&'a Entry>,
}

impl TopicPage<'_> {
    pub fn shows(&self, s: Section) -> bool {
        self.sections.is_empty() || self.sections.contains(&s)
    }

    fn pick<T>(&self, s: Section, value: T) -> Option<T> {
        self.shows(s).then_some(value)
    }
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct RelatedRef<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
}

/// The machine-readable form of a topic page; its field names are the JSON contract.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct TopicDocument<'a> {
    pub schema_version: u32,
    pub id: &'a str,
    pub title: &'a str,
    pub kind: Kind,
    pub aliases: &'a [Str],
    pub summary: &'a str,
    pub addresses: &'a [ConcernId],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub definition: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub characteristics: Option<&'a [Item]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advantages: Option<&'a [Advantage]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disadvantages: Option<&'a [Item]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub misconceptions: Option<&'a [Misconception]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub concerns: Option<&'a [Concern]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when_to_use: Option<&'a [Str]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when_not_to_use: Option<&'a [Str]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<Option<&'a Profile>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<Vec<RelatedRef<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources: Option<&'a [Source]>,
}

impl<'a> TopicPage<'a> {
    pub fn document(&self) -> TopicDocument<'a> {
        let t = self.topic;
        let related =
            self.related.iter().map(|r| RelatedRef { id: &r.id, title: &r.title, summary: &r.summary }).collect();
        TopicDocument {
            schema_version: SCHEMA_VERSION,
            id: &t.id,
            title: &t.title,
            kind: t.kind,
            aliases: &t.aliases,
            summary: &t.summary,
            addresses: &t.addresses,
            definition: self.pick(Section::Definition, t.definition.as_str()),
            characteristics: self.pick(Section::Characteristics, t.characteristics.as_slice()),
            advantages: self.pick(Section::Advantages, t.advantages.as_slice()),
            disadvantages: self.pick(Section::Disadvantages, t.disadvantages.as_slice()),
            misconceptions: self.pick(Section::Misconceptions, t.misconceptions.as_slice()),
            concerns: self.pick(Section::Concerns, t.concerns.as_slice()),
            when_to_use: self.pick(Section::WhenToUse, t.when_to_use.as_slice()),
            when_not_to_use: self.pick(Section::WhenNotToUse, t.when_not_to_use.as_slice()),
            profile: self.pick(Section::Profile, t.profile.as_ref()),
            related: self.pick(Section::Related, related),
            sources: self.pick(Section::Sources, t.sources.as_slice()),
        }
    }
}

fn cites(keys: &[Str]) -> String {
    if keys.is_empty() { String::new() } else { format!(" [{}]", keys.join(", ")) }
}

/// Terminal text: headings, numbered items with their citations, wrapped to `width`.
pub fn render_topic_text(page: &TopicPage<'_>, theme: &Theme, width: usize) -> String {
    let t = page.topic;
    let mut d = Doc::new(theme, width);
    if page.brief {
        super::brief::render(&mut d, page);
        return d.finish();
    }
    header(&mut d, t);
    if page.shows(Section::Definition) {
        d.heading("Definition");
        d.para(&t.definition, 2);
    }
    text_items(&mut d, page.shows(Section::Characteristics), "Characteristics", &t.characteristics);
    if page.shows(Section::Advantages) && !t.advantages.is_empty() {
        d.heading("Advantages");
        for (i, a) in t.advantages.iter().enumerate() {
            numbered(&mut d, i, &a.title, &a.sources, &a.detail);
            d.hanging(5, "", &theme.dim("Holds only when:"));
            for p in &a.preconditions {
                d.hanging(7, "-", p);
            }
        }
    }
    text_items(&mut d, page.shows(Section::Disadvantages), "Disadvantages", &t.disadvantages);
    if page.shows(Section::Misconceptions) && !t.misconceptions.is_empty() {
        d.heading("Common misconceptions");
        for (i, m) in t.misconceptions.iter().enumerate() {
            let claim = format!("{} \u{201c}{}\u{201d}", theme.warning("Claim:"), m.claim);
            d.hanging(2, &format!("{}.", i + 1), &claim);
            d.hanging(5, "", &format!("{} {}{}", theme.good("In fact:"), m.reality, theme.dim(&cites(&m.sources))));
            d.blank();
        }
    }
    if page.shows(Section::Concerns) && !t.concerns.is_empty() {
        d.heading("Practical concerns");
        for (i, c) in t.concerns.iter().enumerate() {
            numbered(&mut d, i, &c.title, &c.sources, &c.detail);
            for p in &c.practices {
                d.hanging(7, "-", p);
            }
            if !c.topics.is_empty() {
                d.hanging(5, "", &theme.dim(&format!("Read: {}", c.topics.join(", "))));
            }
            d.blank();
        }
    }
    text_list(&mut d, page.shows(Section::WhenToUse), "When to use", &t.when_to_use);
    text_list(&mut d, page.shows(Section::WhenNotToUse), "When not to use", &t.when_not_to_use);
    if let (true, Some(p)) = (page.shows(Section::Profile), &t.profile) {
        d.heading("At a glance");
        for row in p.rows() {
            d.hanging(2, &format!("{}:", row.label), row.value);
        }
    }
    if page.shows(Section::Sources) {
        d.heading("Sources");
        for s in &t.sources {
            d.hanging(2, &format!("[{}]", s.key), &source_line(s));
        }
    }
    if page.shows(Section::Related) && !page.related.is_empty() {
        d.heading("See also");
        for r in &page.related {
            d.hanging(2, "-", &format!("{}: {}", theme.strong(&r.id), r.summary));
        }
    }
    d.finish()
}

/// Title, kind and aliases, summary, and the concerns the topic helps with.
pub(super) fn header(d: &mut Doc<'_>, t: &Topic) {
    d.para(&d.theme.title(&t.title), 0);
    let mut meta = t.kind.label().to_string();
    if !t.aliases.is_empty() {
        meta.push_str(&format!(" · also: {}", t.aliases.join(", ")));
    }
    d.para(&d.theme.dim(&meta), 0);
    d.blank();
    d.para(&t.summary, 0);
    if !t.addresses.is_empty() {
        let labels: Vec<&str> = t.addresses.iter().map(|c| c.label()).collect();
        d.blank();
        d.para(&format!("Helps with the practical concerns of: {}.", labels.join(", ")), 0);
    }
}

fn numbered(d: &mut Doc<'_>, i: usize, title: &str, sources: &[Str], detail: &str) {
    let head = format!("{}{}", d.theme.strong(title), d.theme.dim(&cites(sources)));
    d.hanging(2, &format!("{}.", i + 1), &head);
    d.para(detail, 5);
}

fn text_items(d: &mut Doc<'_>, show: bool, heading: &str, items: &[Item]) {
    if !show || items.is_empty() {
        return;
    }
    d.heading(heading);
    for (i, item) in items.iter().enumerate() {
        numbered(d, i, &item.title, &item.sources, &item.detail);
        d.blank();
    }
}

pub(super) fn text_list(d: &mut Doc<'_>, show: bool, heading: &str, items: &[Str]) {
    if !show || items.is_empty() {
        return;
    }
    d.heading(heading);
    for item in items {
        d.hanging(2, "-", item);
    }
}

fn source_line(s: &Source) -> String {
    let year = s.year.map(|y| format!(" ({y})")).unwrap_or_default();
    format!("{}{year}. {}. {}", s.author, s.title, s.url)
}

/// Markdown that pastes cleanly into a wiki page or a decision record.
pub fn render_topic_markdown(page: &TopicPage<'_>) -> String {
    let t = page.topic;
    let mut m = String::new();
    m.push_str(&format!("# {}\n\n", t.title));
    let mut meta = format!("*{}*", t.kind.label());
    if !t.aliases.is_empty() {
        meta.push_str(&format!(" · also known as: {}", t.aliases.join(", ")));
    }
    m.push_str(&format!("{meta}\n\n> {}\n", t.summary));
    if !t.addresses.is_empty() {
        let labels: Vec<&str> = t.addresses.iter().map(|c| c.label()).collect();
        m.push_str(&format!("\nHelps with the practical concerns of: {}.\n", labels.join(", ")));
    }
    if page.shows(Section::Definition) {
        m.push_str(&format!("\n## Definition\n\n{}\n", md_paragraphs(&t.definition)));
    }
    md_items(&mut m, page.shows(Section::Characteristics), "Characteristics", &t.characteristics);
    if page.shows(Section::Advantages) && !t.advantages.is_empty() {
        m.push_str("\n## Advantages\n\n");
        for (i, a) in t.advantages.iter().enumerate() {
            m.push_str(&format!("{}. **{}**{}: {}\n", i + 1, a.title, cites(&a.sources), flat(&a.detail)));
            m.push_str("   Holds only when:\n");
            for p in &a.preconditions {
                m.push_str(&format!("   - {}\n", flat(p)));
            }
        }
    }
    md_items(&mut m, page.shows(Section::Disadvantages), "Disadvantages", &t.disadvantages);
    if page.shows(Section::Misconceptions) && !t.misconceptions.is_empty() {
        m.push_str("\n## Common misconceptions\n\n| Claim | In fact |\n|---|---|\n");
        for x in &t.misconceptions {
            m.push_str(&format!("| {} | {}{} |\n", md_cell(&x.claim), md_cell(&x.reality), cites(&x.sources)));
        }
    }
    if page.shows(Section::Concerns) && !t.concerns.is_empty() {
        m.push_str("\n## Practical concerns\n");
        for c in &t.concerns {
            m.push_str(&format!("\n### {}{}\n\n{}\n\n", c.title, cites(&c.sources), flat(&c.detail)));
            for p in &c.practices {
                m.push_str(&format!("- {}\n", flat(p)));
            }
            if !c.topics.is_empty() {
                m.push_str(&format!(
                    "\nRead: {}\n",
                    c.topics.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ")
                ));
            }
        }
    }
    md_list(&mut m, page.shows(Section::WhenToUse), "When to use", &t.when_to_use);
    md_list(&mut m, page.shows(Section::WhenNotToUse), "When not to use", &t.when_not_to_use);
    if let (true, Some(p)) = (page.shows(Section::Profile), &t.profile) {
        m.push_str("\n## At a glance\n\n| Dimension | |\n|---|---|\n");
        for row in p.rows() {
            m.push_str(&format!("| {} | {} |\n", row.label, md_cell(row.value)));
        }
    }
    if page.shows(Section::Related) && !page.related.is_empty() {
        m.push_str("\n## See also\n\n");
        for r in &page.related {
            m.push_str(&format!("- **{}** (`{}`): {}\n", r.title, r.id, flat(&r.summary)));
        }
    }
    if page.shows(Section::Sources) {
        m.push_str("\n## Sources\n\n");
        for s in &t.sources {
            let year = s.year.map(|y| format!(" ({y})")).unwrap_or_default();
            m.push_str(&format!("- **[{}]** {}{year}. *{}*. <{}>\n", s.key, s.author, s.title, s.url));
        }
    }
    m
}

fn md_items(m: &mut String, show: bool, heading: &str, items: &[Item]) {
    if !show || items.is_empty() {
        return;
    }
    m.push_str(&format!("\n## {heading}\n\n"));
    for (i, item) in items.iter().enumerate() {
        m.push_str(&format!("{}. **{}**{}: {}\n", i + 1, item.title, cites(&item.sources), flat(&item.detail)));
    }
}

fn md_list(m: &mut String, show: bool, heading: &str, items: &[Str]) {
    if !show || items.is_empty() {
        return;
    }
    m.push_str(&format!("\n## {heading}\n\n"));
    for item in items {
        m.push_str(&format!("- {}\n", flat(item)));
    }
}

fn md_paragraphs(s: &str) -> String {
    paragraphs(s).collect::<Vec<_>>().join("\n\n")
}

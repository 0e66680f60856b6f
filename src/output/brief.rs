//! The one-screen form of a topic: what it is, what it buys and costs, when to use it.

use super::table::truncate;
use super::text::{Doc, display_width, paragraphs};

/// Fewest columns worth a cut summary in "See also"; with less, the id alone.
const MIN_SUMMARY: usize = 16;
use super::topic::{TopicPage, header, text_list};

/// The definition's first paragraph; the advantages, each with the first condition it holds under
/// and how many more there are; the disadvantages and the concerns by title; when to use it and
/// not; see also, one line each; and how to see the rest. Citations are left to the whole page,
/// which lists the sources they point to.
pub(super) fn render(d: &mut Doc<'_>, page: &TopicPage<'_>) {
    let t = page.topic;
    let theme = d.theme;
    header(d, t);
    d.heading("Definition");
    let mut paragraphs = paragraphs(&t.definition);
    if let Some(first) = paragraphs.next() {
        d.para(&first, 2);
    }
    if !t.advantages.is_empty() {
        d.heading("Advantages, and when they hold");
        for a in &t.advantages {
            d.hanging(2, "+", &theme.strong(&a.title));
            if let Some((first, more)) = a.preconditions.split_first() {
                let more = match more.len() {
                    0 => String::new(),
                    1 => " (and 1 more condition)".to_string(),
                    n => format!(" (and {n} more conditions)"),
                };
                let text = format!("{} {}{more}", theme.dim("holds only when:"), first.trim_end_matches('.'));
                d.hanging(4, "", &text);
            }
        }
    }
    one_per_line(d, "Disadvantages", t.disadvantages.iter().map(|x| x.title.as_str()));
    one_per_line(d, "Practical concerns", t.concerns.iter().map(|x| x.title.as_str()));
    text_list(d, true, "When to use", &t.when_to_use);
    text_list(d, true, "When not to use", &t.when_not_to_use);
    if !page.related.is_empty() {
        d.heading("See also");
        for r in &page.related {
            let room = d.width().saturating_sub(6 + display_width(&r.id));
            match room {
                0..MIN_SUMMARY => d.line(&format!("  - {}", theme.strong(&r.id))),
                _ => d.line(&format!("  - {}: {}", theme.strong(&r.id), truncate(&r.summary, room))),
            }
        }
    }
    d.blank();
    d.para(&theme.dim(&format!("The whole page adds {}:", rest_hint(page))), 0);
    d.hanging(2, "", &format!("msadvise explain {} --full", t.id));
    d.para(&theme.dim("One part in full: --section NAME (see --help)."), 0);
}

fn one_per_line<'a>(d: &mut Doc<'_>, heading: &str, titles: impl ExactSizeIterator<Item = &'a str>) {
    if titles.len() == 0 {
        return;
    }
    d.heading(heading);
    for title in titles {
        d.hanging(2, "-", title);
    }
}

/// What the short page leaves out, and the commands that show it.
fn rest_hint(page: &TopicPage<'_>) -> String {
    let t = page.topic;
    let mut left_out = Vec::new();
    let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    if !t.characteristics.is_empty() {
        left_out.push(count(t.characteristics.len(), "characteristic", "characteristics"));
    }
    if !t.misconceptions.is_empty() {
        left_out.push(count(t.misconceptions.len(), "misconception", "misconceptions"));
    }
    left_out.push("the details and citations of each point".to_string());
    if t.profile.is_some() {
        left_out.push("a profile".to_string());
    }
    if !t.sources.is_empty() {
        left_out.push(count(t.sources.len(), "source", "sources"));
    }
    let (last, others) = left_out.split_last().map_or(("", &[][..]), |(l, o)| (l.as_str(), o));
    if others.is_empty() { last.to_string() } else { format!("{} and {last}", others.join(", ")) }
}

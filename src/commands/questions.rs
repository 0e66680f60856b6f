//! `msadvise questions`: the questionnaire itself, or an answers template to fill in.

use serde::Serialize;

use crate::assess::{self, Questionnaire, model::Condition};
use crate::cli::{Format, QuestionsArgs};
use crate::error::Result;
use crate::output::{Output, SCHEMA_VERSION};
use crate::pack::Knowledge;

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct QuestionList<'a> {
    schema_version: u32,
    title: &'a str,
    dimensions: &'a [assess::model::Dimension],
    questions: Vec<QuestionEntry<'a>>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct QuestionEntry<'a> {
    id: &'a str,
    dimension: &'a str,
    prompt: &'a str,
    help: &'a str,
    topics: &'a [crate::assess::model::Str],
    multiple: bool,
    asked_if: Option<String>,
    choices: Vec<ChoiceEntry<'a>>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ChoiceEntry<'a> {
    id: &'a str,
    label: &'a str,
    /// `null` for "don't know", which every question accepts and which is not scored.
    score: Option<f64>,
}

pub fn run(args: &QuestionsArgs, k: &Knowledge, out: &mut Output) -> Result<()> {
    let q = k.questionnaire()?;
    if args.template {
        out.text_only(
            "`msadvise questions --template`",
            "drop --format to get the YAML template, or drop --template for the questions as JSON or YAML",
        )?;
        return out.write_str(&template(&q));
    }
    match out.format {
        Format::Json | Format::Yaml => out.machine(&list(&q)),
        Format::Markdown => out.write_str(&markdown(&q)),
        Format::Text => {
            let text = text(&q, out);
            out.write_str(&text)
        }
    }
}

fn list(q: &Questionnaire) -> QuestionList<'_> {
    let questions = q
        .questions
        .iter()
        .map(|x| QuestionEntry {
            id: &x.id,
            dimension: &q.dimensions[x.dimension].id,
            prompt: &x.prompt,
            help: &x.help,
            topics: &x.topics,
            multiple: x.multiple,
            asked_if: x.ask_if.as_ref().map(|c| describe(q, c)),
            choices: x
                .choices
                .iter()
                .map(|c| ChoiceEntry { id: &c.id, label: &c.label, score: Some(c.score) })
                .chain(std::iter::once(ChoiceEntry { id: assess::model::UNKNOWN, label: "Don't know", score: None }))
                .collect(),
        })
        .collect();
    QuestionList { schema_version: SCHEMA_VERSION, title: &q.title, dimensions: &q.dimensions, questions }
}

/// A condition in words, e.g. `teams is two_or_three or four_to_eight`.
pub fn describe(q: &Questionnaire, c: &Condition) -> String {
    match c {
        Condition::Is { question, choices } => {
            let qq = &q.questions[*question];
            let names: Vec<&str> = choices.iter().map(|&i| qq.choices[i].id.as_str()).collect();
            format!("{} is {}", qq.id, names.join(" or "))
        }
        Condition::All(cs) => cs.iter().map(|c| describe(q, c)).collect::<Vec<_>>().join(" and "),
        Condition::Any(cs) => format!("({})", cs.iter().map(|c| describe(q, c)).collect::<Vec<_>>().join(" or ")),
        Condition::Not(c) => format!("not ({})", describe(q, c)),
    }
}

fn text(q: &Questionnaire, out: &Output) -> String {
    let mut d = out.doc();
    d.para(&out.theme.title(&q.title), 0);
    for (di, dim) in q.dimensions.iter().enumerate() {
        d.heading(&dim.title);
        for x in q.questions.iter().filter(|x| x.dimension == di) {
            d.hanging(2, &format!("{} ·", out.theme.strong(&x.id)), &x.prompt);
            if let Some(c) = &x.ask_if {
                d.hanging(4, "", &out.theme.dim(&format!("asked only if {}", describe(q, c))));
            }
            if x.multiple {
                d.hanging(4, "", &out.theme.dim("takes several choices"));
            }
            for c in &x.choices {
                d.hanging(6, &format!("{:<18}", c.id), &c.label);
            }
            d.hanging(6, &format!("{:<18}", assess::model::UNKNOWN), "Don't know");
        }
    }
    d.blank();
    d.para(&out.theme.dim("Answer them in a file with `msadvise questions --template`, or run `msadvise assess`."), 0);
    d.finish()
}

fn markdown(q: &Questionnaire) -> String {
    let mut m = format!("# {}\n", q.title);
    for (di, dim) in q.dimensions.iter().enumerate() {
        m.push_str(&format!("\n## {}\n\n{}\n\n| Question | Choices |\n|---|---|\n", dim.title, dim.summary));
        for x in q.questions.iter().filter(|x| x.dimension == di) {
            let choices: Vec<String> = x.choices.iter().map(|c| format!("`{}` {}", c.id, c.label)).collect();
            m.push_str(&format!(
                "| `{}`: {} | {} |\n",
                x.id,
                x.prompt.replace('|', "\\|"),
                choices.join("<br>").replace('|', "\\|")
            ));
        }
    }
    m
}

/// A commented answers file: every question answered `unknown`, with its choices listed beside it.
fn template(q: &Questionnaire) -> String {
    let mut t = format!(
        "# msadvise answers for: {}\n# Replace each `unknown` with one of the choices listed above it, then run:\n#   msadvise assess --answers THIS_FILE\nschema_version: {}\nanswers:\n",
        q.title,
        assess::answers::SCHEMA_VERSION
    );
    for (di, dim) in q.dimensions.iter().enumerate() {
        t.push_str(&format!("\n  # ---- {}\n", dim.title));
        for x in q.questions.iter().filter(|x| x.dimension == di) {
            t.push_str(&format!("\n  # {}\n", x.prompt));
            if let Some(c) = &x.ask_if {
                t.push_str(&format!("  # (only asked if {})\n", describe(q, c)));
            }
            for c in &x.choices {
                t.push_str(&format!("  #   {:<22} {}\n", c.id, c.label));
            }
            let value = if x.multiple { "[unknown]" } else { "unknown" };
            t.push_str(&format!("  {}: {value}\n", x.id));
        }
    }
    t.push_str("\n# Optional remarks kept in the report, by question id:\n# notes:\n#   teams: \"two product teams and a platform team\"\n");
    t
}

//! The text that ends each command's help: examples, and for `assess` its keys and exit statuses.
//! The manual page shows the same text, so it is written once, here.

pub const TOP: &str = "\
Examples:
  msadvise explain                      What microservices are, what they buy and cost
  msadvise explain soa --section definition
  msadvise topics                       Every topic, one line each, grouped by kind
  msadvise search \"independently deployable\"
  msadvise compare monolith modular-monolith microservices
  msadvise glossary idempotency
  msadvise explain saga --format json   Machine-readable, for scripts
  msadvise assess                       The questionnaire, in a terminal
  msadvise assess --answers answers.yaml --format json";

pub const EXPLAIN: &str = "\
Examples:
  msadvise explain                      Microservices, on one screen
  msadvise explain saga --full          The whole page: misconceptions, sources
  msadvise explain soa -s definition,when-to-use
  msadvise explain circuit-breaker --format json";

pub const TOPICS: &str = "\
Examples:
  msadvise topics                       One line per topic, grouped by kind
  msadvise topics --long                Each topic's kind and whole summary
  msadvise topics --format json         Ids, titles, kinds, aliases, summaries";

pub const SEARCH: &str = "\
Examples:
  msadvise search \"retry storm\"         Words standing together rank higher
  msadvise search circiut breakr        A typo per word is tolerated
  msadvise search saga -n 3 --format json

Exit status: 0 when something matched, 1 when nothing did (as grep), 2 on bad usage.";

pub const COMPARE: &str = "\
Examples:
  msadvise compare monolith microservices
  msadvise compare monolith modular-monolith microservices --format markdown";

pub const GLOSSARY: &str = "\
Examples:
  msadvise glossary                     Every term
  msadvise glossary idempotency         One term, and the topic that explains it
  msadvise glossary consisten           Terms and definitions that contain it";

pub const ASSESS: &str = "\
Keys in the questionnaire (on a terminal):
  Up/Down move, Enter choose, Space toggle (questions that take several choices),
  Esc back to the previous question, \"(?) Why this question matters\" at the end of a list.
  Ctrl-C stops and keeps the answers so far in msadvise-answers.partial.yaml (or the
  --save file), then prints the command that resumes from them.

Exit status:
  0    the report was printed
  2    bad usage or input: an invalid answers file, or missing answers without a terminal
  3    --fail-on or --min-confidence rejected the result (the report is printed first)
  130  stopped with Ctrl-C (143 with SIGTERM); the answers so far are kept

Examples:
  msadvise assess                                   The questionnaire, in a terminal
  msadvise assess --save answers.yaml               The same, keeping the answers
  msadvise assess --answers answers.yaml --set teams=one --format json
  msadvise assess --detect .                        Scan this repository first
  msadvise assess -a alice.yaml -a bob.yaml         A team's answers, combined
  msadvise assess -a answers.yaml --fail-on not-ready --min-confidence medium";

pub const QUESTIONS: &str = "\
Examples:
  msadvise questions                    Every question and its choices
  msadvise questions --template > answers.yaml
  msadvise questions --format json";

pub const SCHEMA: &str = "\
Examples:
  msadvise schema assessment > assessment.schema.json
  msadvise schema answers               What `assess --answers` reads";

pub const KNOWLEDGE: &str = "\
Examples:
  msadvise knowledge export my-pack     The built-in pack, as a starting point
  msadvise knowledge validate my-pack   Every problem, with file:line:column
  msadvise --knowledge my-pack topics   Use it (or set MSADVISE_KNOWLEDGE)";

pub const VALIDATE: &str = "\
Examples:
  msadvise knowledge validate my-pack";

pub const EXPORT: &str = "\
Examples:
  msadvise knowledge export my-pack";

pub const COMPLETIONS: &str = "\
Examples:
  msadvise completions bash > ~/.local/share/bash-completion/completions/msadvise
  msadvise completions zsh > ~/.zfunc/_msadvise      With fpath+=(~/.zfunc) in ~/.zshrc
  msadvise completions fish > ~/.config/fish/completions/msadvise.fish";

pub const MAN: &str = "\
Examples:
  mkdir -p ~/.local/share/man/man1
  msadvise man > ~/.local/share/man/man1/msadvise.1   Then: man msadvise
  msadvise man | man -l -                             Read it without installing";

//! People, not addresses: commits by bots are left out, and one person's identities (after
//! `.mailmap`, which git applies) are merged by address, GitHub no-reply login and full name.

use std::collections::HashMap;

/// How a row of `BOTS` matches an author.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Match {
    /// The name or the address's local part, lower-cased, is exactly this.
    Name,
    /// The name or the address, lower-cased, contains this.
    Contains,
}

/// Authors that are programs. One row per bot; each row has a test below.
const BOTS: &[(Match, &str)] = &[
    (Match::Contains, "[bot]"),
    (Match::Contains, "dependabot"),
    (Match::Contains, "renovate"),
    (Match::Contains, "greenkeeper"),
    (Match::Contains, "snyk-bot"),
    (Match::Contains, "pre-commit-ci"),
    (Match::Contains, "semantic-release-bot"),
    (Match::Contains, "allcontributors"),
    (Match::Contains, "imgbot"),
    (Match::Contains, "mergify"),
    (Match::Contains, "codecov"),
    (Match::Contains, "gitter-badger"),
    (Match::Contains, "deepsource-autofix"),
    (Match::Contains, "weblate"),
    (Match::Contains, "crowdin"),
    (Match::Contains, "transifex"),
    (Match::Name, "github-actions"),
    (Match::Name, "github action"),
    (Match::Name, "actions-user"),
    (Match::Name, "gitlab-bot"),
    (Match::Name, "azure pipelines"),
    (Match::Name, "jenkins"),
    (Match::Name, "travis ci"),
    (Match::Name, "ci bot"),
    (Match::Name, "bot"),
];

/// Names too common to say two addresses are one person.
const GENERIC_NAMES: &[&str] =
    &["root", "admin", "administrator", "user", "ubuntu", "unknown", "developer", "dev", "test", "git", "your name"];

/// Whether the author (name and address, as git printed them after `.mailmap`) is a bot.
pub(crate) fn is_bot(name: &str, email: &str) -> bool {
    let (name, email) = (name.trim().to_lowercase(), email.trim().to_lowercase());
    let local = email.split('@').next().unwrap_or("");
    let local = local.split_once('+').map_or(local, |(_, login)| login);
    BOTS.iter().any(|(how, pattern)| match how {
        Match::Name => name == *pattern || local == *pattern,
        Match::Contains => name.contains(pattern) || email.contains(pattern),
    })
}

/// The keys that identify a person: any two identities sharing a key are one person.
fn keys(name: &str, email: &str) -> Vec<String> {
    let email = email.trim().to_lowercase();
    let mut keys = Vec::with_capacity(3);
    if let Some(local) = email.strip_suffix("@users.noreply.github.com") {
        let login = local.split_once('+').map_or(local, |(_, login)| login);
        keys.push(format!("github:{login}"));
    } else if email.contains('@') {
        keys.push(format!("email:{email}"));
    }
    let name: String = name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    if !name.is_empty() && !GENERIC_NAMES.contains(&name.as_str()) {
        keys.push(format!("name:{name}"));
    }
    if keys.is_empty() {
        keys.push(format!("raw:{email}"));
    }
    keys
}

/// Distinct people seen so far, merged as identities arrive (union-find over keys).
#[derive(Debug, Default)]
pub(crate) struct People {
    by_identity: HashMap<(String, String), usize>,
    by_key: HashMap<String, usize>,
    parent: Vec<usize>,
    names: Vec<String>,
}

impl People {
    /// The id of the person behind (name, email); ids can later be merged, so read them back
    /// through `person`. Bots are the caller's concern (`is_bot`).
    pub(crate) fn id(&mut self, name: &str, email: &str) -> usize {
        if let Some(id) = self.by_identity.get(&(name.to_owned(), email.to_owned())) {
            return *id;
        }
        let id = self.parent.len();
        self.parent.push(id);
        self.names.push(if name.trim().is_empty() { email.to_owned() } else { name.trim().to_owned() });
        for key in keys(name, email) {
            match self.by_key.get(&key) {
                Some(&other) => self.union(other, id),
                None => {
                    self.by_key.insert(key, id);
                }
            }
        }
        self.by_identity.insert((name.to_owned(), email.to_owned()), id);
        id
    }

    /// The person an id now stands for (the oldest id of its merged identities).
    pub(crate) fn person(&self, mut id: usize) -> usize {
        while self.parent[id] != id {
            id = self.parent[id];
        }
        id
    }

    /// The name shown for a person: the first name seen for it.
    pub(crate) fn name(&self, id: usize) -> &str {
        &self.names[self.person(id)]
    }

    /// How many distinct people the given ids stand for.
    pub(crate) fn count(&self, ids: impl IntoIterator<Item = usize>) -> usize {
        let mut seen: Vec<usize> = ids.into_iter().map(|i| self.person(i)).collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.person(a), self.person(b));
        if ra != rb {
            let (keep, merge) = (ra.min(rb), ra.max(rb));
            self.parent[merge] = keep;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One author per row of `BOTS`, in the same order.
    const BOT_EXAMPLES: &[(&str, &str)] = &[
        ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com"),
        ("dependabot-preview", "support@dependabot.com"),
        ("Renovate Bot", "bot@renovateapp.com"),
        ("greenkeeper", "support@greenkeeper.io"),
        ("Snyk bot", "snyk-bot@snyk.io"),
        ("pre-commit-ci", "66853113+pre-commit-ci@users.noreply.github.com"),
        ("semantic-release-bot", "semantic-release-bot@martynus.net"),
        ("allcontributors", "46447321+allcontributors@users.noreply.github.com"),
        ("ImgBotApp", "ImgBotHelp@gmail.com"),
        ("Mergify", "noreply@mergify.io"),
        ("Codecov", "codecov@example.org"),
        ("The Gitter Badger", "gitter-badger@gitter.im"),
        ("deepsource-autofix", "62050782+deepsource-autofix@users.noreply.github.com"),
        ("Weblate", "noreply@weblate.org"),
        ("Crowdin Bot", "support+bot@crowdin.com"),
        ("Transifex", "tx@transifex.example"),
        ("github-actions", "github-actions@github.com"),
        ("GitHub Action", "action@github.com"),
        ("actions-user", "actions@example.com"),
        ("gitlab-bot", "gitlab@example.com"),
        ("Azure Pipelines", "azuredevops@microsoft.com"),
        ("Jenkins", "jenkins@ci.example.com"),
        ("Travis CI", "travis@travis-ci.org"),
        ("CI Bot", "ci@example.com"),
        ("bot", "deploy@example.com"),
    ];

    #[test]
    fn every_bot_row_matches_its_example() {
        assert_eq!(BOT_EXAMPLES.len(), BOTS.len(), "one example per row of BOTS");
        for (row, (name, email)) in BOTS.iter().zip(BOT_EXAMPLES) {
            let (name_l, email_l) = (name.to_lowercase(), email.to_lowercase());
            let local = email_l.split('@').next().unwrap_or("");
            let hit = match row.0 {
                Match::Name => name_l == row.1 || local == row.1,
                Match::Contains => name_l.contains(row.1) || email_l.contains(row.1),
            };
            assert!(hit, "row {row:?} does not match {name} <{email}>");
            assert!(is_bot(name, email));
        }
    }

    #[test]
    fn people_are_not_bots() {
        for (name, email) in [
            ("Jane Doe", "jane@example.com"),
            ("Bob Botham", "bob@example.com"),
            ("Abbot Kinney", "abbot@example.com"),
            ("Ana", "12345+ana@users.noreply.github.com"),
        ] {
            assert!(!is_bot(name, email), "{name} <{email}>");
        }
    }

    #[test]
    fn identities_merge_by_address_login_and_name() {
        let mut p = People::default();
        let a = p.id("Jane Doe", "jane@work.example");
        let b = p.id("jane doe", "jane@home.example"); // same name
        let c = p.id("Jane D.", "jane@home.example"); // same address as b
        let d = p.id("jd", "123+janed@users.noreply.github.com");
        let e = p.id("Jane D", "janed@users.noreply.github.com"); // same login as d
        let f = p.id("Bob", "bob@work.example");
        assert_eq!(p.count([a, b, c]), 1);
        assert_eq!(p.count([d, e]), 1);
        assert_eq!(p.count([a, b, c, d, e, f]), 3);
        assert_eq!(p.name(c), "Jane Doe");
    }

    #[test]
    fn generic_names_do_not_merge_people() {
        let mut p = People::default();
        let a = p.id("root", "alice@example.com");
        let b = p.id("root", "bob@example.com");
        assert_eq!(p.count([a, b]), 2);
    }
}

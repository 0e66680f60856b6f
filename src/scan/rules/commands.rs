//! Commands that run tests or deploy, as CI files and scripts spell them.

/// A program and the arguments that make it do something: `mvn` with `verify` runs tests.
#[derive(Debug, Clone, Copy)]
pub struct Command {
    /// The program's file name (`./mvnw` and `/usr/bin/mvn` compare by it).
    pub program: &'static str,
    /// Any of these among the later words (`test` also matches `test:unit`); none: the program alone.
    pub args: &'static [&'static str],
    /// Text that turns the command off (`-DskipTests`).
    pub unless: &'static [&'static str],
}

const fn run(program: &'static str, args: &'static [&'static str], unless: &'static [&'static str]) -> Command {
    Command { program, args, unless }
}

const MAVEN_SKIP: &[&str] = &["-DskipTests", "-Dmaven.test.skip=true", "-DskipTests=true"];
const GRADLE_SKIP: &[&str] = &["-x test", "-xtest", "--exclude-task test"];
const MAVEN_PHASES: &[&str] = &["test", "verify", "package", "install", "deploy"];

/// Test runners, and build commands that run the tests by default.
pub const TEST_RUNNERS: &[Command] = &[
    run("mvn", MAVEN_PHASES, MAVEN_SKIP),
    run("mvnw", MAVEN_PHASES, MAVEN_SKIP),
    run("gradle", &["build", "check", "test"], GRADLE_SKIP),
    run("gradlew", &["build", "check", "test"], GRADLE_SKIP),
    run("cargo", &["test", "nextest"], &[]),
    run("go", &["test"], &[]),
    run("gotestsum", &[], &[]),
    run("ginkgo", &[], &[]),
    run("dotnet", &["test", "vstest"], &[]),
    run("pytest", &[], &[]),
    run("unittest", &[], &[]),
    run("tox", &[], &[]),
    run("nox", &[], &[]),
    run("npm", &["test", "t", "cit"], &[]),
    run("yarn", &["test"], &[]),
    run("pnpm", &["test"], &[]),
    run("bun", &["test"], &[]),
    run("deno", &["test"], &[]),
    run("jest", &[], &[]),
    run("vitest", &[], &[]),
    run("mocha", &[], &[]),
    run("karma", &[], &[]),
    run("cypress", &["run"], &[]),
    run("playwright", &["test"], &[]),
    run("rspec", &[], &[]),
    run("rails", &["test", "spec"], &[]),
    run("rake", &["test", "spec"], &[]),
    run("phpunit", &[], &[]),
    run("pest", &[], &[]),
    run("mix", &["test"], &[]),
    run("sbt", &["test"], &[]),
    run("lein", &["test"], &[]),
    run("bazel", &["test"], &[]),
    run("swift", &["test"], &[]),
    run("flutter", &["test"], &[]),
    run("ctest", &[], &[]),
    run("make", &["test", "tests", "check"], &[]),
    run("just", &["test"], &[]),
    run("skaffold", &["test"], &[]),
];

/// CI steps that run tests without a command line: Azure Pipelines tasks, GitHub Actions.
pub const TEST_STEPS: &[&str] = &["VSTest@", "Maven@", "Gradle@"];

/// Commands that change a lasting environment.
pub const DEPLOY_COMMANDS: &[Command] = &[
    run("kubectl", &["apply", "create", "replace", "rollout", "set"], &["--dry-run"]),
    run("helm", &["upgrade", "install"], &["--dry-run", "template"]),
    run("helmfile", &["apply", "sync"], &[]),
    run("terraform", &["apply"], &[]),
    run("tofu", &["apply"], &[]),
    run("pulumi", &["up"], &["preview"]),
    run("gcloud", &["deploy", "releases"], &[]),
    run("az", &["webapp", "containerapp", "functionapp", "aks"], &["list", "show"]),
    run("aws", &["update-service", "create-deployment", "update-function-code"], &[]),
    run("sam", &["deploy"], &[]),
    run("cdk", &["deploy"], &[]),
    run("azd", &["deploy", "up"], &[]),
    run("serverless", &["deploy"], &[]),
    run("sls", &["deploy"], &[]),
    run("flyctl", &["deploy"], &[]),
    run("fly", &["deploy"], &[]),
    run("heroku", &["container:release", "releases"], &[]),
    run("kamal", &["deploy"], &[]),
    run("cap", &["deploy"], &[]),
    run("skaffold", &["run", "deploy"], &[]),
    run("argocd", &["sync"], &[]),
    run("eb", &["deploy"], &[]),
    run("vercel", &["--prod"], &[]),
    run("netlify", &["deploy"], &[]),
];

/// CI steps that deploy without a command line: GitHub Actions and Azure Pipelines tasks.
pub const DEPLOY_STEPS: &[&str] = &[
    "azure/webapps-deploy",
    "azure/k8s-deploy",
    "azure/functions-action",
    "azure/static-web-apps-deploy",
    "azure/container-apps-deploy-action",
    "aws-actions/amazon-ecs-deploy-task-definition",
    "google-github-actions/deploy-cloudrun",
    "google-github-actions/deploy-appengine",
    "superfly/flyctl-actions",
    "akhileshns/heroku-deploy",
    "AzureWebApp@",
    "AzureRmWebAppDeployment@",
    "AzureFunctionApp@",
    "KubernetesManifest@",
    "HelmDeploy@",
];

/// Clusters made inside the job: what is deployed into them is under test, not released.
pub const THROWAWAY_CLUSTERS: &[Command] = &[
    run("kind", &["create"], &[]),
    run("k3d", &["create"], &[]),
    run("minikube", &["start"], &[]),
    run("ctlptl", &["create"], &[]),
];

/// GitHub Actions that make a throwaway cluster.
pub const THROWAWAY_STEPS: &[&str] =
    &["helm/kind-action", "container-tools/kind-action", "AbsaOSS/k3d-action", "medyagh/setup-minikube"];

/// Travis CI's default `script:` per `language:` when the file gives none: these run tests.
pub const TRAVIS_DEFAULTS: &[(&str, &str)] = &[
    ("java", "mvn test"),
    ("node_js", "npm test"),
    ("ruby", "rake"),
    ("go", "go test"),
    ("rust", "cargo test"),
    ("scala", "sbt test"),
    ("clojure", "lein test"),
    ("elixir", "mix test"),
    ("php", "phpunit"),
];

/// Which of `commands` a shell line runs, if any: the line is cut at `&&`, `||`, `;` and `|`, and
/// a piece that starts with `echo` or `printf` only prints.
pub fn find<'a>(line: &str, commands: &'a [Command]) -> Option<&'a Command> {
    for piece in line.split("&&").flat_map(|p| p.split("||")).flat_map(|p| p.split([';', '|'])) {
        let words: Vec<&str> = piece
            .split_whitespace()
            .map(|w| w.trim_matches(|c| matches!(c, '"' | '\'' | '`' | '(' | ')' | '[' | ']' | ',')))
            .filter(|w| !w.is_empty())
            .collect();
        if words.first().is_some_and(|w| matches!(*w, "echo" | "printf" | "#")) {
            continue;
        }
        for (i, word) in words.iter().enumerate() {
            let program = word.rsplit('/').next().unwrap_or(word);
            let program = program.strip_suffix(".cmd").or_else(|| program.strip_suffix(".bat")).unwrap_or(program);
            let Some(command) = commands.iter().find(|c| c.program == program) else { continue };
            let rest = &words[i + 1..];
            let has_arg = command.args.is_empty()
                || rest.iter().any(|w| {
                    command.args.iter().any(|a| w == a || w.strip_prefix(a).is_some_and(|r| r.starts_with(':')))
                });
            if has_arg && !command.unless.iter().any(|u| piece.contains(u)) {
                return Some(command);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(c: &Command) -> String {
        format!("{} {}", c.program, c.args.first().copied().unwrap_or(""))
    }

    #[test]
    fn every_test_runner_row_is_found_and_turned_off_by_its_unless() {
        for c in TEST_RUNNERS {
            assert!(find(&example(c), TEST_RUNNERS).is_some(), "{}", c.program);
            assert!(find(&format!("echo {}", example(c)), TEST_RUNNERS).is_none(), "{}", c.program);
            for u in c.unless {
                assert!(find(&format!("{} {u}", example(c)), TEST_RUNNERS).is_none(), "{} {u}", c.program);
            }
        }
    }

    #[test]
    fn every_deploy_and_cluster_row_is_found() {
        for c in DEPLOY_COMMANDS {
            assert!(find(&format!("./bin/{}", example(c)), DEPLOY_COMMANDS).is_some(), "{}", c.program);
        }
        for c in THROWAWAY_CLUSTERS {
            assert!(find(&example(c), THROWAWAY_CLUSTERS).is_some(), "{}", c.program);
        }
    }

    #[test]
    fn build_commands_run_tests_unless_told_not_to() {
        assert!(find("./mvnw -B verify", TEST_RUNNERS).is_some());
        assert!(find("mvn clean install -pl cart -am", TEST_RUNNERS).is_some());
        assert!(find("mvn package -DskipTests", TEST_RUNNERS).is_none());
        assert!(find("./gradlew build -x test", TEST_RUNNERS).is_none());
        assert!(find("npm run test:unit", TEST_RUNNERS).is_some());
        assert!(find("npm run build", TEST_RUNNERS).is_none());
        assert!(find("docker-compose build", TEST_RUNNERS).is_none());
        assert!(find("bundle exec rspec spec/models", TEST_RUNNERS).is_some());
        assert!(find("cd api && go test ./...", TEST_RUNNERS).is_some());
        assert!(find("echo testing done", TEST_RUNNERS).is_none());
        assert!(find("helm template chart | kubectl apply --dry-run=client -f -", DEPLOY_COMMANDS).is_none());
    }

    #[test]
    fn step_tables_have_no_blank_rows() {
        let rows = TEST_STEPS.iter().chain(DEPLOY_STEPS).chain(THROWAWAY_STEPS);
        for row in rows {
            assert!(!row.trim().is_empty());
        }
        for (language, script) in TRAVIS_DEFAULTS {
            let program = script.split_whitespace().next().unwrap_or("");
            assert!(TEST_RUNNERS.iter().any(|c| c.program == program), "{language}");
        }
    }
}

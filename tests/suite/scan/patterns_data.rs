//! Databases named in every common form, and observability from active configuration only.

use super::fixture;

fn shared(files: &[(&str, &str)]) -> Option<String> {
    let (_d, r) = fixture(files);
    r.answer("shared_database").map(|a| a.choice.clone())
}

const DOCKERFILE: &str = "FROM mcr.microsoft.com/dotnet/aspnet:8.0\n";

#[test]
fn key_value_connection_strings_show_a_shared_database() {
    let settings = r#"{"ConnectionStrings":{"Ordering":"Host=db;Port=5432;Database=ordering;Username=app"}}"#;
    let files = [
        ("Ordering.Api/Dockerfile", DOCKERFILE),
        ("Ordering.Api/appsettings.json", settings),
        ("Ordering.Worker/Dockerfile", DOCKERFILE),
        ("Ordering.Worker/appsettings.json", settings),
    ];
    assert_eq!(shared(&files).as_deref(), Some("shared_schema"));
}

#[test]
fn spring_settings_side_by_side_show_separate_databases() {
    let mongo = |host: &str| format!("spring:\n  data:\n    mongodb:\n      host: {host}\n      database: app\n");
    let files = [
        ("accounts/Dockerfile", "FROM eclipse-temurin:21\n"),
        ("accounts/src/main/resources/application.yml", &mongo("accounts-mongodb")),
        ("stats/Dockerfile", "FROM eclipse-temurin:21\n"),
        ("stats/src/main/resources/application.yml", &mongo("stats-mongodb")),
    ];
    assert_eq!(shared(&files).as_deref(), Some("separate"));
}

#[test]
fn kubernetes_env_and_config_maps_show_a_shared_database() {
    let config = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ledger-db-config\ndata:\n  SPRING_DATASOURCE_URL: jdbc:postgresql://ledger-db:5432/ledger\n";
    let workload = |name: &str| {
        format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: acme/{name}:1\n          envFrom:\n            - configMapRef:\n                name: ledger-db-config\n"
        )
    };
    let files = [
        ("k8s/config.yaml", config),
        ("k8s/writer.yaml", &workload("writer")),
        ("k8s/reader.yaml", &workload("reader")),
        ("writer/Dockerfile", "FROM eclipse-temurin:21\n"),
        ("reader/Dockerfile", "FROM eclipse-temurin:21\n"),
    ];
    assert_eq!(shared(&files.map(|(a, b)| (a, b))).as_deref(), Some("shared_schema"));
}

#[test]
fn instana_counts_as_tracing_and_jolokia_is_not_log_shipping() {
    let pom = "<project><artifactId>api</artifactId><dependencies><dependency><groupId>org.jolokia</groupId><artifactId>jolokia-core</artifactId></dependency><dependency><groupId>com.instana</groupId><artifactId>instana-java-sdk</artifactId></dependency></dependencies></project>";
    let (_d, r) = fixture(&[("pom.xml", pom)]);
    assert!(r.finding("observability.log_shipping").is_none());
    assert!(r.finding("observability.tracing_library").unwrap().summary.contains("instana"));
    assert!(r.answer("logs_tracing").is_none(), "tracing alone is not log aggregation");
}

#[test]
fn commented_or_switched_off_alerting_is_not_monitoring() {
    let values = "prometheusRule:\n  enabled: false\n  rules: []\n  # - alert: HighErrorRate\n  #   expr: rate(errors[5m]) > 1\n";
    let (_d, r) = fixture(&[("charts/api/values.yaml", values)]);
    assert!(r.answer("monitoring").is_none());
    assert!(r.finding("observability.alerting").is_none());
}

#[test]
fn logs_and_traces_are_separate_facts_and_templates_are_not_names() {
    let compose = "services:\n  api:\n    build: ./api\n  shipper:\n    image: fluent/fluent-bit:3\n  tracing:\n    image: jaegertracing/all-in-one\n";
    let template = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: agent\nspec:\n  template:\n    spec:\n      containers:\n        - image: \"{{ .Values.agent.image }}\"\n";
    let (_d, r) = fixture(&[
        ("docker-compose.yml", compose),
        ("api/Dockerfile", "FROM node:20\n"),
        ("charts/agent/templates/agent.yaml", template),
        ("api/package.json", r#"{"name":"api","dependencies":{"@sentry/node":"8"}}"#),
    ]);
    assert_eq!(r.answer("logs_tracing").unwrap().choice, "aggregated_and_traced");
    assert!(r.finding("observability.error_tracking").unwrap().summary.contains("@sentry/node"));
    let all: Vec<&str> = r.dimensions.iter().flat_map(|d| &d.findings).map(|f| f.summary.as_str()).collect();
    assert!(all.iter().all(|s| !s.contains("{{")), "{all:?}");
}

#[test]
fn databases_declared_in_an_orchestration_host_are_read() {
    let apphost = "var builder = DistributedApplication.CreateBuilder(args);\nvar sql = builder.AddSqlServer(\"sql\");\nvar orders = sql.AddDatabase(\"ordersdb\");\nbuilder.AddProject<Projects.Orders_Api>(\"orders-api\").WithReference(orders);\nbuilder.AddProject<Projects.Orders_Worker>(\"orders-worker\")\n    .WithReference(orders);\nbuilder.Build().Run();\n";
    let (_d, r) = fixture(&[
        (
            "src/AppHost/AppHost.csproj",
            "<Project Sdk=\"Microsoft.NET.Sdk\"><Sdk Name=\"Aspire.AppHost.Sdk\" /></Project>",
        ),
        ("src/AppHost/Program.cs", apphost),
        ("src/Orders.Api/Orders.Api.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\"></Project>"),
        ("src/Orders.Worker/Orders.Worker.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Worker\"></Project>"),
    ]);
    assert_eq!(r.deployable_names(), ["Orders.Api", "Orders.Worker"]);
    let shared = r.answer("shared_database").unwrap();
    assert_eq!(
        (shared.choice.as_str(), shared.evidence.as_slice()),
        ("shared_schema", ["src/AppHost/Program.cs".to_string()].as_slice())
    );
}

#[test]
fn rails_and_django_settings_name_their_databases() {
    let rails = "default: &default\n  adapter: postgresql\nproduction:\n  <<: *default\n  host: pg-main\n  database: shop_production\ndevelopment:\n  host: <%= ENV['DB_HOST'] %>\n  database: shop_development\n";
    let (_d, r) = fixture(&[
        ("Gemfile", "gem 'rails'\n"),
        ("config.ru", "run Rails.application\n"),
        ("config/database.yml", rails),
    ]);
    let named = r.finding("coupling.databases").unwrap();
    assert!(named.summary.contains("pg-main/shop_production"), "{}", named.summary);
    assert!(!named.summary.contains("<%"), "{}", named.summary);
    let django = "DATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.postgresql',\n        'NAME': 'orders',\n        'HOST': 'orders-db',\n    }\n}\n";
    let (_d, r) = fixture(&[
        ("manage.py", "import django\n"),
        ("pyproject.toml", "[project]\nname = \"orders\"\n"),
        ("orders/settings.py", django),
    ]);
    assert!(r.finding("coupling.databases").unwrap().summary.contains("orders-db/orders"));
}

//! What counts as a deployable: code from the repository that runs as a long-lived service,
//! worker or scheduled job; everything else is excluded with a reason.

use super::fixture;

const SPRING_POM: &str = "<project><artifactId>shop</artifactId><build><plugins><plugin><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build></project>";

fn deployment(name: &str, image: &str) -> String {
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: main\n          image: {image}\n"
    )
}

#[test]
fn the_database_of_a_single_application_is_not_a_deployable() {
    let (_d, r) = fixture(&[
        ("pom.xml", SPRING_POM),
        ("src/main/java/shop/App.java", "class App {}\n"),
        ("Dockerfile", "FROM eclipse-temurin:21\nCOPY target/shop.jar /app.jar\n"),
        ("k8s/shop.yaml", &deployment("shop", "acme/shop:1")),
        ("k8s/postgres.yaml", &deployment("postgres", "postgres:16")),
    ]);
    assert_eq!(r.deployable_names().len(), 1, "{:?}", r.deployable_names());
    assert_eq!(r.excluded("postgres").unwrap().category, "datastore");
    assert!(!r.deployables.iter().any(|d| matches!(d.name.as_str(), "." | "src" | "kubernetes" | "k8s")));
}

#[test]
fn images_used_as_is_and_services_without_a_build_are_excluded() {
    let compose = "services:\n  api:\n    build: ./api\n  cache:\n    image: redis:7\n  queue:\n    image: rabbitmq:3-management\n  kibana:\n    image: docker.elastic.co/kibana/kibana:8.0.0\n  metrics:\n    image: prom/prometheus\n  dashboards:\n    image: grafana/grafana\n  partner:\n    image: partner/stub-server:2\n";
    let (_d, r) = fixture(&[
        ("docker-compose.yml", compose),
        ("api/Dockerfile", "FROM node:20\n"),
        ("api/package.json", r#"{"name":"api","scripts":{"start":"node ."}}"#),
        ("api/index.js", "require('http');\n"),
    ]);
    assert_eq!(r.deployable_names(), ["api"]);
    let category = |n: &str| r.excluded(n).map(|e| e.category.as_str());
    assert_eq!(category("cache"), Some("datastore"));
    assert_eq!(category("queue"), Some("broker"));
    assert_eq!(category("kibana"), Some("observability"));
    assert_eq!(category("metrics"), Some("observability"));
    assert_eq!(category("partner"), Some("external_image"));
}

#[test]
fn tooling_dev_containers_variants_and_mobile_builds_are_excluded() {
    let (_d, r) = fixture(&[
        ("orders/Dockerfile", "FROM golang:1.22\n"),
        ("orders/Dockerfile.debug", "FROM golang:1.22\nRUN go install dlv\n"),
        ("orders/main.go", "package main\n"),
        ("genproto/Dockerfile", "FROM golang:1.22\nRUN go install protoc-gen-go\n"),
        ("tools/lint/Dockerfile", "FROM alpine\n"),
        ("android/Dockerfile", "FROM gradle:8\n"),
        (".devcontainer/Dockerfile", "FROM mcr.microsoft.com/devcontainers/go\n"),
        ("db/Dockerfile", "FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\n"),
    ]);
    assert_eq!(r.deployable_names(), ["orders"]);
    let category = |n: &str| r.excluded.iter().find(|e| e.path == n).map(|e| e.category.as_str());
    assert_eq!(category("genproto"), Some("tooling"));
    assert_eq!(category("tools/lint"), Some("tooling"));
    assert_eq!(category("android"), Some("client_app"));
    assert_eq!(category("db"), Some("datastore"));
    assert!(r.excluded.iter().any(|e| e.category == "variant" && e.evidence == ["orders/Dockerfile.debug"]));
}

#[test]
fn one_service_seen_in_a_nested_dockerfile_and_a_workload_is_one_unit_named_after_it() {
    let (_d, r) = fixture(&[
        ("src/cartservice/src/Dockerfile", "FROM mcr.microsoft.com/dotnet/sdk:8.0\n"),
        ("src/cartservice/src/cartservice.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\"></Project>"),
        ("src/cartservice/src/Program.cs", "class P {}\n"),
        ("kubernetes/cartservice.yaml", &deployment("cartservice", "gcr.io/acme/cartservice:v1")),
    ]);
    assert_eq!(r.deployable_names(), ["cartservice"]);
    assert_eq!(r.deployables[0].kinds, ["dockerfile", "kubernetes"]);
    assert_eq!(r.deployables[0].language.as_deref(), Some("C#"));
}

#[test]
fn a_generic_helm_chart_is_not_a_unit_of_its_own() {
    let template = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include \"backend.fullname\" . }}\nspec:\n  template:\n    spec:\n      containers:\n        - image: \"{{ .Values.image.repository }}:{{ .Values.image.tag }}\"\n";
    let (_d, r) = fixture(&[
        ("orders/Dockerfile", "FROM python:3.12\n"),
        ("orders/app.py", "print(1)\n"),
        ("charts/backend/Chart.yaml", "name: backend\n"),
        ("charts/backend/templates/deployment.yaml", template),
    ]);
    assert_eq!(r.deployable_names(), ["orders"]);
    assert_eq!(r.excluded("backend").unwrap().category, "template");
}

#[test]
fn dotnet_workers_count_but_clients_and_orchestration_hosts_do_not() {
    let (_d, r) = fixture(&[
        ("src/Api/Api.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\"></Project>"),
        ("src/Worker/Worker.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Worker\"></Project>"),
        (
            "src/Desktop/Desktop.csproj",
            "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>WinExe</OutputType><UseWPF>true</UseWPF></PropertyGroup></Project>",
        ),
        (
            "src/Mobile/Mobile.csproj",
            "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType><UseMaui>true</UseMaui></PropertyGroup></Project>",
        ),
        (
            "src/AppHost/AppHost.csproj",
            "<Project Sdk=\"Microsoft.NET.Sdk\"><Sdk Name=\"Aspire.AppHost.Sdk\" /><PropertyGroup><OutputType>Exe</OutputType><IsAspireHost>true</IsAspireHost></PropertyGroup></Project>",
        ),
    ]);
    assert_eq!(r.deployable_names(), ["Api", "Worker"]);
    assert_eq!(r.excluded("Mobile").unwrap().category, "client_app");
    assert_eq!(r.excluded("AppHost").unwrap().category, "orchestration_host");
}

#[test]
fn a_shared_generic_dockerfile_takes_each_services_language_from_its_manifest() {
    let compose = "services:\n  billing:\n    build:\n      context: ./billing\n      dockerfile: ../docker/Dockerfile.jvm\n  ledger:\n    build:\n      context: ./ledger\n      dockerfile: ../docker/Dockerfile.jvm\n";
    let (_d, r) = fixture(&[
        ("docker-compose.yml", compose),
        ("docker/Dockerfile.jvm", "FROM eclipse-temurin:21\nARG JAR\nCOPY ${JAR} /app.jar\n"),
        ("billing/pom.xml", SPRING_POM),
        ("billing/src/main/java/B.java", "class B {}\n"),
        ("ledger/pom.xml", SPRING_POM),
        ("ledger/src/main/java/L.java", "class L {}\n"),
    ]);
    assert_eq!(r.deployable_names(), ["billing", "ledger"]);
    assert!(r.deployables.iter().all(|d| d.language.as_deref() == Some("Java")), "{:?}", r.deployables);
    assert_eq!(r.excluded.iter().map(|e| e.category.as_str()).collect::<Vec<_>>(), ["shared_dockerfile"]);
}

#[test]
fn compose_kubernetes_and_skaffold_merge_by_build_context_and_image() {
    let compose = "services:\n  payments:\n    build:\n      context: .\n      dockerfile: services/payments/Dockerfile\n    image: acme/payments\n";
    let skaffold = "apiVersion: skaffold/v4beta1\nkind: Config\nbuild:\n  artifacts:\n  - image: ledger\n    context: services/ledger\n    jib: {}\n";
    let (_d, r) = fixture(&[
        ("docker-compose.yml", compose),
        ("skaffold.yaml", skaffold),
        ("services/payments/Dockerfile", "FROM golang:1.22\n"),
        ("services/payments/main.go", "package main\n"),
        ("services/ledger/pom.xml", SPRING_POM),
        ("services/ledger/src/L.java", "class L {}\n"),
        ("deploy/payments.yaml", &deployment("payments-v2", "registry.example/acme/payments:2.0")),
        ("deploy/ledger.yaml", &deployment("ledger", "registry.example/ledger:1")),
    ]);
    assert_eq!(r.deployable_names(), ["ledger", "payments"]);
    assert_eq!(r.deployables[1].kinds, ["compose", "dockerfile", "kubernetes"]);
    assert_eq!(r.deployables[0].kinds, ["kubernetes", "skaffold"]);
}

#[test]
fn workloads_run_programs_built_here_or_else_images_built_elsewhere() {
    let (_d, r) = fixture(&[
        ("orders/pom.xml", SPRING_POM),
        ("orders/src/main/java/O.java", "class O {}\n"),
        ("web/Dockerfile", "FROM node:20\n"),
        ("web/index.js", "1;\n"),
        ("k8s/orders.yaml", &deployment("orders", "registry.example/shop/orders:3")),
        ("k8s/legacy.yaml", &deployment("legacy-billing", "vendor/billing-suite:9")),
        (
            "k8s/report.yaml",
            &deployment("nightly-report", "registry.example/shop/web:3").replace("Deployment", "CronJob"),
        ),
    ]);
    assert_eq!(r.deployable_names(), ["orders", "web"]);
    let orders = &r.deployables[0];
    assert!(orders.built_here && orders.kinds.contains(&"kubernetes".to_string()), "{orders:?}");
    assert_eq!(r.excluded("legacy-billing").unwrap().category, "external_image");
}

#[test]
fn a_root_dockerfile_is_named_after_its_module_never_a_dot() {
    let (_d, r) = fixture(&[
        ("go.mod", "module code.example.org/forge\n\ngo 1.22\n"),
        ("main.go", "package main\n"),
        ("Dockerfile", "FROM golang:1.22\n"),
        ("Dockerfile.rootless", "FROM golang:1.22\n"),
    ]);
    assert_eq!(r.deployable_names(), ["forge"]);
    assert_eq!(r.excluded[0].category, "variant");
}

//! Images used as they are: what kind of backing service or tool an image name says it runs.

/// What a candidate deployable is when it is not the system's own long-lived code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    Datastore,
    Broker,
    Observability,
    Proxy,
    Tooling,
    DevEnvironment,
    ClientApp,
    OrchestrationHost,
}

impl Category {
    /// The id used in JSON (`excluded[].category`).
    pub fn id(self) -> &'static str {
        match self {
            Category::Datastore => "datastore",
            Category::Broker => "broker",
            Category::Observability => "observability",
            Category::Proxy => "proxy",
            Category::Tooling => "tooling",
            Category::DevEnvironment => "dev_environment",
            Category::ClientApp => "client_app",
            Category::OrchestrationHost => "orchestration_host",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Category::Datastore => "a datastore",
            Category::Broker => "a message broker",
            Category::Observability => "an observability tool",
            Category::Proxy => "a proxy or gateway product",
            Category::Tooling => "a tool, not a service",
            Category::DevEnvironment => "a development environment",
            Category::ClientApp => "a client application",
            Category::OrchestrationHost => "an orchestration host for local runs",
        }
    }
}

use Category::*;

/// (pattern, category). A pattern without `/` is compared with the start of the image's last path
/// segment (`postgres` matches `postgres:16` and `bitnami/postgresql`); one with `/` is looked for
/// anywhere in the repository path (`mssql/server` matches `mcr.microsoft.com/mssql/server`).
/// The first matching row wins, so narrower names come first.
pub const IMAGES: &[(&str, Category)] = &[
    ("kafka-ui", Tooling),
    ("kafdrop", Tooling),
    ("mongo-express", Tooling),
    ("postgres", Datastore),
    ("postgis", Datastore),
    ("mysql", Datastore),
    ("mariadb", Datastore),
    ("mongo", Datastore),
    ("redis", Datastore),
    ("valkey", Datastore),
    ("memcached", Datastore),
    ("cassandra", Datastore),
    ("scylla", Datastore),
    ("couchdb", Datastore),
    ("couchbase", Datastore),
    ("cockroach", Datastore),
    ("neo4j", Datastore),
    ("elasticsearch", Datastore),
    ("opensearch", Datastore),
    ("influxdb", Datastore),
    ("clickhouse", Datastore),
    ("etcd", Datastore),
    ("minio", Datastore),
    ("azurite", Datastore),
    ("cosmosdb", Datastore),
    ("dynamodb", Datastore),
    ("mssql/server", Datastore),
    ("azure-sql-edge", Datastore),
    ("sqlserver", Datastore),
    ("mssql", Datastore),
    ("oracle", Datastore),
    ("rabbitmq", Broker),
    ("kafka", Broker),
    ("cp-kafka", Broker),
    ("zookeeper", Broker),
    ("nats", Broker),
    ("pulsar", Broker),
    ("activemq", Broker),
    ("artemis", Broker),
    ("redpanda", Broker),
    ("mosquitto", Broker),
    ("debezium/connect", Broker),
    ("kibana", Observability),
    ("grafana", Observability),
    ("prometheus", Observability),
    ("alertmanager", Observability),
    ("blackbox-exporter", Observability),
    ("node-exporter", Observability),
    ("loki", Observability),
    ("tempo", Observability),
    ("jaeger", Observability),
    ("all-in-one", Observability),
    ("zipkin", Observability),
    ("otel", Observability),
    ("opentelemetry", Observability),
    ("fluent", Observability),
    ("vector", Observability),
    ("logstash", Observability),
    ("filebeat", Observability),
    ("promtail", Observability),
    ("datalust/seq", Observability),
    ("datadog/agent", Observability),
    ("instana/agent", Observability),
    ("nginx", Proxy),
    ("traefik", Proxy),
    ("haproxy", Proxy),
    ("envoy", Proxy),
    ("caddy", Proxy),
    ("kong", Proxy),
    ("istio", Proxy),
    ("linkerd", Proxy),
    ("keycloak", Tooling),
    ("localstack", Tooling),
    ("consul", Tooling),
    ("vault", Tooling),
    ("mailhog", Tooling),
    ("mailpit", Tooling),
    ("maildev", Tooling),
    ("adminer", Tooling),
    ("pgadmin", Tooling),
    ("phpmyadmin", Tooling),
    ("swagger-ui", Tooling),
    ("wiremock", Tooling),
    ("selenium", Tooling),
    ("busybox", Tooling),
    ("curl", Tooling),
    ("devcontainers/", DevEnvironment),
    ("vscode/devcontainers", DevEnvironment),
];

/// The repository part of an image reference, lower case: registry variables (`${REGISTRY-}`),
/// tag and digest removed.
pub fn repository(image: &str) -> String {
    let mut s = image.trim().to_ascii_lowercase();
    while let Some(start) = s.find("${") {
        let Some(len) = s[start..].find('}') else { break };
        s.replace_range(start..start + len + 1, "");
    }
    let s = s.split('@').next().unwrap_or(&s).to_string();
    // A `:` after the last `/` starts the tag; one before it belongs to a registry port.
    match (s.rfind(':'), s.rfind('/')) {
        (Some(colon), Some(slash)) if colon > slash => s[..colon].to_string(),
        (Some(colon), None) => s[..colon].to_string(),
        _ => s,
    }
}

/// The last path segment of an image's repository (`acme/orders:1` gives `orders`).
pub fn last_segment(image: &str) -> String {
    let repo = repository(image);
    repo.rsplit('/').next().unwrap_or(&repo).to_string()
}

/// What an image used as is runs, when the table knows its name.
pub fn category(image: &str) -> Option<Category> {
    let repo = repository(image);
    let last = repo.rsplit('/').next().unwrap_or(&repo);
    let owner_last = repo.rsplit('/').nth(1).unwrap_or("");
    IMAGES
        .iter()
        .find(|(pattern, _)| {
            if pattern.contains('/') {
                repo.contains(pattern)
            } else {
                last.starts_with(pattern) || owner_last == *pattern
            }
        })
        .map(|(_, c)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_matches_an_image_it_names() {
        for (pattern, category_) in IMAGES {
            let image = if pattern.contains('/') {
                format!("registry.example/{pattern}:1")
            } else {
                format!("library/{pattern}:1.2")
            };
            assert_eq!(category(&image), Some(*category_), "{pattern}");
        }
    }

    #[test]
    fn own_images_are_not_infrastructure() {
        for image in ["acme/orders:1", "${DOCKER_REGISTRY-}catalogapi", "ghcr.io/acme/yas-cart:latest", "gateway"] {
            assert_eq!(category(image), None, "{image}");
        }
    }

    #[test]
    fn repositories_lose_tags_variables_and_digests() {
        assert_eq!(repository("${DOCKER_REGISTRY-}catalogapi"), "catalogapi");
        assert_eq!(repository("localhost:5000/acme/orders:2@sha256:ab"), "localhost:5000/acme/orders");
        assert_eq!(last_segment("Acme/Orders:1"), "orders");
    }
}

//! Observability vendors, libraries and shippers, and what each shows: tracing, metrics, log
//! aggregation or error tracking.

/// What a library, agent or image does for observability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Signal {
    /// Distributed tracing (spans across services).
    Tracing,
    /// Metrics a monitoring system scrapes or receives.
    Metrics,
    /// Logs shipped to a central store.
    Logs,
    /// Errors reported to a tracker.
    Errors,
    /// An APM agent: tracing and metrics.
    Apm,
}

/// (token, vendor, signal). A token is compared with whole words of a dependency or image name
/// (split on anything but letters and digits), so `loki` is not found in `jolokia`; a token with
/// a separator in it is looked for as a substring.
pub const VENDORS: &[(&str, &str, Signal)] = &[
    ("opentelemetry", "OpenTelemetry", Signal::Tracing),
    ("otel", "OpenTelemetry", Signal::Tracing),
    ("jaeger", "Jaeger", Signal::Tracing),
    ("zipkin", "Zipkin", Signal::Tracing),
    ("tempo", "Grafana Tempo", Signal::Tracing),
    ("sleuth", "Spring Cloud Sleuth", Signal::Tracing),
    ("opencensus", "OpenCensus", Signal::Tracing),
    ("skywalking", "Apache SkyWalking", Signal::Apm),
    ("xray", "AWS X-Ray", Signal::Tracing),
    ("honeycomb", "Honeycomb", Signal::Tracing),
    ("libhoney", "Honeycomb", Signal::Tracing),
    ("beeline", "Honeycomb", Signal::Tracing),
    ("lightstep", "Lightstep", Signal::Tracing),
    ("instana", "Instana", Signal::Apm),
    ("datadog", "Datadog", Signal::Apm),
    ("ddtrace", "Datadog", Signal::Apm),
    ("dd-trace", "Datadog", Signal::Apm),
    ("newrelic", "New Relic", Signal::Apm),
    ("dynatrace", "Dynatrace", Signal::Apm),
    ("oneagent", "Dynatrace", Signal::Apm),
    ("elastic-apm", "Elastic APM", Signal::Apm),
    ("elasticapm", "Elastic APM", Signal::Apm),
    ("apm-agent", "Elastic APM", Signal::Apm),
    ("appdynamics", "AppDynamics", Signal::Apm),
    ("applicationinsights", "Application Insights", Signal::Apm),
    ("prometheus", "Prometheus", Signal::Metrics),
    ("prom-client", "Prometheus", Signal::Metrics),
    ("micrometer-registry", "Micrometer", Signal::Metrics),
    ("statsd", "StatsD", Signal::Metrics),
    ("sentry", "Sentry", Signal::Errors),
    ("bugsnag", "Bugsnag", Signal::Errors),
    ("rollbar", "Rollbar", Signal::Errors),
    ("honeybadger", "Honeybadger", Signal::Errors),
    ("fluentd", "Fluentd", Signal::Logs),
    ("fluent-bit", "Fluent Bit", Signal::Logs),
    ("fluent-logger", "Fluentd", Signal::Logs),
    ("fluentbit", "Fluent Bit", Signal::Logs),
    ("vector", "Vector", Signal::Logs),
    ("filebeat", "Filebeat", Signal::Logs),
    ("promtail", "Promtail", Signal::Logs),
    ("logstash", "Logstash", Signal::Logs),
    ("loki", "Grafana Loki", Signal::Logs),
    ("loki4j", "Grafana Loki", Signal::Logs),
    ("gelf", "GELF", Signal::Logs),
    ("graylog", "Graylog", Signal::Logs),
    ("seq", "Seq", Signal::Logs),
    ("splunk", "Splunk", Signal::Logs),
    ("papertrail", "Papertrail", Signal::Logs),
    ("loggly", "Loggly", Signal::Logs),
];

/// Library ecosystems where a token names a log shipper only as a package of its own; in others
/// (`vector`, `seq`) the word is too common.
const COMMON_WORDS: &[&str] = &["vector", "seq", "tempo", "otel"];

/// The vendor and signal a dependency or image name shows. `library` is false for images, where
/// common words (`vector`, `seq`) are trusted only as the image's whole last name.
pub fn find(name: &str, library: bool) -> Option<(&'static str, Signal)> {
    let lower = name.to_ascii_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let last = lower.rsplit('/').next().unwrap_or(&lower);
    let last = last.split(':').next().unwrap_or(last);
    VENDORS
        .iter()
        .find(|(token, _, _)| {
            if COMMON_WORDS.contains(token) {
                // `Serilog.Sinks.Seq`, `timberio/vector`, `grafana/tempo`, `otel/...`.
                if library {
                    words.last() == Some(token) && words.len() > 1
                } else {
                    last == *token || lower.starts_with(&format!("{token}/"))
                }
            } else if token.contains(|c: char| !c.is_ascii_alphanumeric()) {
                lower.contains(token)
            } else if library {
                words.contains(token)
            } else {
                // Image owners run words together: `jaegertracing/all-in-one`.
                words.iter().any(|w| w.starts_with(token))
            }
        })
        .map(|(_, vendor, signal)| (*vendor, *signal))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vendor_row_is_found_in_a_library_and_an_image_name() {
        for (token, vendor, signal) in VENDORS {
            let library = format!("acme.{token}");
            let found = find(&library, true);
            assert_eq!(found, Some((*vendor, *signal)), "library {library}");
            let image = format!("registry.example/{token}:1");
            assert_eq!(find(&image, false).map(|f| f.1), Some(*signal), "image {image}");
        }
    }

    #[test]
    fn words_are_whole() {
        assert_eq!(find("org.jolokia:jolokia-core", true), None);
        assert_eq!(find("vectorize", true), None);
        assert_eq!(find("serilog.sinks.seq", true), Some(("Seq", Signal::Logs)));
        assert_eq!(find("datalust/seq:latest", false), Some(("Seq", Signal::Logs)));
        assert_eq!(find("io.sentry:sentry-spring-boot-starter", true), Some(("Sentry", Signal::Errors)));
        assert_eq!(find("instana/agent", false), Some(("Instana", Signal::Apm)));
        assert_eq!(find("jaegertracing/all-in-one", false), Some(("Jaeger", Signal::Tracing)));
    }
}

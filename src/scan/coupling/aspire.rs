//! Databases an orchestration host declares (.NET Aspire AppHost): `AddDatabase("name")` assigned
//! to a variable, and the projects that take it with `WithReference(variable)`.

use std::collections::BTreeMap;

/// (database, project name) pairs; the database is `apphost/<name>`.
pub fn references(text: &str) -> Vec<(String, String)> {
    let mut databases: BTreeMap<String, String> = BTreeMap::new();
    let mut out = Vec::new();
    for statement in text.split(';').map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")) {
        let variable = statement.strip_prefix("var ").and_then(|s| s.split_whitespace().next()).map(str::to_string);
        if let (Some(variable), Some(name)) = (&variable, call_argument(&statement, ".AddDatabase(")) {
            databases.insert(variable.clone(), format!("apphost/{}", name.to_ascii_lowercase()));
        }
        let Some(project) = project_name(&statement) else { continue };
        let mut rest = statement.as_str();
        while let Some(at) = rest.find(".WithReference(") {
            rest = &rest[at + ".WithReference(".len()..];
            let reference = rest.split([')', ',']).next().unwrap_or("").trim();
            if let Some(db) = databases.get(reference) {
                out.push((db.clone(), project.clone()));
            }
        }
    }
    out
}

/// The first string argument of `call` in `statement`.
fn call_argument(statement: &str, call: &str) -> Option<String> {
    let rest = &statement[statement.find(call)? + call.len()..];
    let quoted = rest.trim_start().strip_prefix('"')?;
    Some(quoted.split('"').next()?.to_string())
}

/// `AddProject<Projects.Catalog_API>("catalog-api")` gives `catalog-api`.
fn project_name(statement: &str) -> Option<String> {
    let at = statement.find("AddProject<")?;
    let rest = &statement[at..];
    let close = rest.find(">(")?;
    call_argument(&rest[close..], ">(")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projects_referencing_one_database() {
        let text = r#"var builder = DistributedApplication.CreateBuilder(args);
var postgres = builder.AddPostgres("postgres");
var catalogDb = postgres.AddDatabase("catalogdb");
var cache = builder.AddRedis("cache");
builder.AddProject<Projects.Catalog_Api>("catalog-api")
    .WithReference(catalogDb)
    .WithReference(cache);
var admin = builder.AddProject<Projects.Admin>("admin").WithReference(catalogDb, "db");
"#;
        assert_eq!(
            references(text),
            [
                ("apphost/catalogdb".to_string(), "catalog-api".to_string()),
                ("apphost/catalogdb".to_string(), "admin".to_string())
            ]
        );
    }
}

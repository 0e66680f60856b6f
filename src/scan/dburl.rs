//! Which database a connection string (URL, JDBC, `key=value`), settings or a set of environment
//! variables point at, as `host/database` (credentials and ports dropped, lower case), so two
//! services can be compared.

/// Also found inside `jdbc:` URLs, which wrap them.
const SCHEMES: &[&str] =
    &["postgresql://", "postgres://", "mysql://", "mariadb://", "mongodb+srv://", "mongodb://", "sqlserver://"];

const HOST_KEYS: &[&str] = &["DB_HOST", "DATABASE_HOST", "POSTGRES_HOST", "PGHOST", "MYSQL_HOST", "DB_SERVER"];
const NAME_KEYS: &[&str] = &["DB_NAME", "DATABASE_NAME", "POSTGRES_DB", "PGDATABASE", "MYSQL_DATABASE", "DB_DATABASE"];

/// Keys of `key=value;...` connection strings (ADO.NET, Npgsql, libpq) that name the server and
/// the database.
const PAIR_HOSTS: &[&str] = &["server", "host", "data source", "datasource", "address", "addr", "hostname"];
const PAIR_NAMES: &[&str] = &["database", "initial catalog", "dbname"];

/// Every database named in `text`: URLs (also inside `jdbc:`) and `key=value` connection strings.
pub fn in_text(text: &str) -> Vec<String> {
    let mut out = urls(text);
    out.extend(text.lines().filter_map(connection_string));
    out.sort();
    out.dedup();
    out
}

/// A `Host=db;Database=orders` (or `host=db dbname=orders`) connection string on one line.
fn connection_string(line: &str) -> Option<String> {
    let lower = line.to_ascii_lowercase();
    if !PAIR_NAMES.iter().any(|k| lower.contains(&format!("{k}="))) {
        return None;
    }
    let separator = if line.contains(';') { ';' } else { ' ' };
    let mut host = None;
    let mut name = None;
    for piece in line.split(separator) {
        let Some((key, value)) = piece.rsplit_once('=') else { continue };
        // `ConnectionStrings__Db=Server=x` and `"Db": "Server=x`: the key is the last word.
        let key = key.rsplit(['=', '"', '\'', '`', ':', '(']).next().unwrap_or(key).trim().to_ascii_lowercase();
        let value = value.trim().trim_matches(['"', '\'', '`', ',', ')']).trim();
        if value.is_empty() || value.contains("${") || value.contains("{{") {
            continue;
        }
        if PAIR_HOSTS.contains(&key.as_str()) {
            host.get_or_insert(host_only(value));
        } else if PAIR_NAMES.contains(&key.as_str()) {
            name.get_or_insert(value.to_ascii_lowercase());
        }
    }
    Some(format!("{}/{}", host?, name?))
}

/// A server without protocol prefix and port: `tcp:db,1433` and `db:5432` give `db`.
fn host_only(value: &str) -> String {
    // Read from JSON text, a backslash is still escaped: `(localdb)\\mssqllocaldb`.
    let value = value.replace("\\\\", "\\");
    let value = value.strip_prefix("tcp:").unwrap_or(&value);
    let value = value.split(',').next().unwrap_or(value);
    let value = if value.starts_with('(') { value } else { value.split(':').next().unwrap_or(value) };
    value.to_ascii_lowercase()
}

/// Databases named by a host and a database setting side by side (`spring.data.mongodb.host` and
/// `.database`; Rails' `database.yml`; Django's `DATABASES`): `(parent path, key, value)` triples.
pub fn from_settings(pairs: &[(String, String)]) -> Vec<String> {
    let mut by_parent: std::collections::BTreeMap<&str, (Option<String>, Option<String>)> = Default::default();
    for (path, value) in pairs {
        let (parent, key) = path.rsplit_once('.').unwrap_or(("", path));
        let key = key.to_ascii_lowercase();
        let value = value.trim();
        if value.is_empty() || ["${", "{{", "<%"].iter().any(|t| value.contains(t)) {
            continue;
        }
        let entry = by_parent.entry(parent).or_default();
        let parent_lower = parent.to_ascii_lowercase();
        let names_db = matches!(key.as_str(), "database" | "dbname" | "db_name")
            || (key == "name" && (parent_lower.ends_with("database") || parent_lower.ends_with("default")));
        if matches!(key.as_str(), "host" | "hostname" | "server") {
            entry.0.get_or_insert(host_only(value));
        } else if names_db {
            entry.1.get_or_insert(value.to_ascii_lowercase());
        }
    }
    let mut out: Vec<String> =
        by_parent.into_values().filter_map(|(host, name)| Some(format!("{}/{}", host?, name?))).collect();
    out.sort();
    out.dedup();
    out
}

fn urls(text: &str) -> Vec<String> {
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    for prefix in SCHEMES {
        let mut from = 0;
        while let Some(at) = lower[from..].find(prefix) {
            let start = from + at + prefix.len();
            if let Some(db) = parse(&text[start..]) {
                out.push(db);
            }
            from = start;
        }
    }
    out
}

/// Databases named by environment variables: URLs in any value, or a host and a name variable.
pub fn from_env(env: &[(String, String)]) -> Vec<String> {
    let mut out: Vec<String> = env.iter().flat_map(|(_, v)| in_text(v)).collect();
    let get = |keys: &[&str]| {
        env.iter()
            .find(|(k, v)| keys.contains(&k.to_ascii_uppercase().as_str()) && !v.is_empty())
            .map(|(_, v)| v.clone())
    };
    if let (Some(host), Some(name)) = (get(HOST_KEYS), get(NAME_KEYS))
        && !host.contains("${")
        && !name.contains("${")
    {
        out.push(format!("{}/{}", host_only(&host), name.to_ascii_lowercase()));
    }
    out.sort();
    out.dedup();
    out
}

/// `[user[:password]@]host[:port][,host2...]/database[?options]` after the scheme.
fn parse(rest: &str) -> Option<String> {
    let end =
        rest.find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | ',' | ';' | ')')).unwrap_or(rest.len());
    let url = &rest[..end];
    let (authority, path) = url.split_once('/')?;
    let host_port = authority.rsplit('@').next().unwrap_or(authority);
    let host = host_port.split(':').next().unwrap_or(host_port).to_ascii_lowercase();
    let database = path.split(['?', '/', '#']).next().unwrap_or("");
    if host.is_empty() || database.is_empty() || database.contains("${") || host.contains("${") {
        return None;
    }
    Some(format!("{host}/{}", database.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_lose_credentials_and_ports() {
        assert_eq!(in_text("DATABASE_URL=postgres://app:secret@db:5432/shop?sslmode=off"), ["db/shop"]);
        assert_eq!(in_text("url: jdbc:postgresql://DB.internal:5432/orders"), ["db.internal/orders"]);
        assert!(in_text("redis://cache:6379/0").is_empty());
        assert!(in_text("postgres://db:5432/").is_empty());
    }

    #[test]
    fn key_value_connection_strings() {
        assert_eq!(in_text("Host=db;Port=5432;Database=Ordering;Username=app"), ["db/ordering"]);
        assert_eq!(in_text("- ConnectionStrings__Db=Server=sql,1433;Database=Orders;User Id=sa"), ["sql/orders"]);
        assert_eq!(in_text("\"Catalog\": \"Data Source=tcp:db;Initial Catalog=Catalog;\""), ["db/catalog"]);
        assert_eq!(in_text("PG_DSN: host=postgres user=app dbname=shop sslmode=disable"), ["postgres/shop"]);
        assert!(in_text("Data Source=app.db").is_empty());
    }

    #[test]
    fn settings_side_by_side() {
        let pairs = |p: &[(&str, &str)]| p.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>();
        let spring =
            pairs(&[("spring.data.mongodb.host", "account-mongodb"), ("spring.data.mongodb.database", "bank")]);
        assert_eq!(from_settings(&spring), ["account-mongodb/bank"]);
        let django = pairs(&[("DATABASES.default.NAME", "shop"), ("DATABASES.default.HOST", "db")]);
        assert_eq!(from_settings(&django), ["db/shop"]);
        let app = pairs(&[("spring.application.name", "orders"), ("server.port", "80")]);
        assert!(from_settings(&app).is_empty());
    }

    #[test]
    fn host_and_name_variables() {
        let env = vec![("DB_HOST".to_string(), "db".to_string()), ("DB_NAME".to_string(), "shop".to_string())];
        assert_eq!(from_env(&env), ["db/shop"]);
    }
}

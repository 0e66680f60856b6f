//! Which database a connection string or a set of environment variables points at, as
//! `host/database` (credentials and ports dropped), so two services can be compared.

/// Also found inside `jdbc:` URLs, which wrap them.
const SCHEMES: &[&str] =
    &["postgresql://", "postgres://", "mysql://", "mariadb://", "mongodb+srv://", "mongodb://", "sqlserver://"];

const HOST_KEYS: &[&str] = &["DB_HOST", "DATABASE_HOST", "POSTGRES_HOST", "PGHOST", "MYSQL_HOST", "DB_SERVER"];
const NAME_KEYS: &[&str] = &["DB_NAME", "DATABASE_NAME", "POSTGRES_DB", "PGDATABASE", "MYSQL_DATABASE", "DB_DATABASE"];

/// Every database URL in `text`.
pub fn in_text(text: &str) -> Vec<String> {
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
    out.sort();
    out.dedup();
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
    if let (Some(host), Some(name)) = (get(HOST_KEYS), get(NAME_KEYS)) {
        out.push(format!("{}/{name}", host.to_ascii_lowercase()));
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
    if host.is_empty() || database.is_empty() || database.contains("${") {
        return None;
    }
    Some(format!("{host}/{database}"))
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
    fn host_and_name_variables() {
        let env = vec![("DB_HOST".to_string(), "db".to_string()), ("DB_NAME".to_string(), "shop".to_string())];
        assert_eq!(from_env(&env), ["db/shop"]);
    }
}

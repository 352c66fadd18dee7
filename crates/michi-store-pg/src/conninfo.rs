//! Where the database is and how to reach it, as PostgreSQL users write it: a connection string
//! (`host=… dbname=… user=…`) or a URL, with what libpq adds and the Rust client does not read —
//! a service file (`service=name`, so the details and the password live in a file the user
//! controls, not in Michi), the password file (`~/.pgpass`, used only when only its owner may read
//! it, as libpq does), and TLS: tried whenever the server offers it (`sslmode=prefer`, the
//! default), required (`require`), or required with the server's certificate checked against
//! `sslrootcert` or the system's roots (`verify-ca`, and `verify-full` which checks the host name
//! too). Michi never writes a password anywhere.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use postgres::config::SslMode;
use postgres_native_tls::MakeTlsConnector;

use crate::error::PgError;

/// A database to connect to: the client's settings and the TLS it uses.
#[derive(Clone)]
pub struct Target {
    pub config: postgres::Config,
    tls: MakeTlsConnector,
}

impl Target {
    pub fn connect(&self) -> Result<postgres::Client, postgres::Error> {
        self.config.connect(self.tls.clone())
    }
}

fn bad(detail: impl Into<String>) -> PgError {
    PgError::Settings(detail.into())
}

/// Splits a `key=value key='quoted value'` connection string (libpq's syntax).
fn pairs(text: &str) -> Result<Vec<(String, String)>, PgError> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            return Ok(out);
        }
        let mut key = String::new();
        while let Some(&c) = chars.peek() {
            if c == '=' || c.is_whitespace() {
                break;
            }
            key.push(c);
            chars.next();
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.next() != Some('=') {
            return Err(bad(format!("{key:?} has no value in the connection string (write {key}=…)")));
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let mut value = String::new();
        if chars.peek() == Some(&'\'') {
            chars.next();
            loop {
                match chars.next() {
                    Some('\\') => value.extend(chars.next()),
                    Some('\'') => break,
                    Some(c) => value.push(c),
                    None => return Err(bad(format!("the value of {key} has no closing quote"))),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                value.push(c);
                chars.next();
            }
        }
        out.push((key, value));
    }
}

fn quoted(value: &str) -> String {
    format!("'{}'", value.replace('\\', "\\\\").replace('\'', "\\'"))
}

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME").map(PathBuf::from)
}

/// The service files libpq reads, the user's first.
fn service_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    match std::env::var_os("PGSERVICEFILE") {
        Some(f) => files.push(PathBuf::from(f)),
        None => files.extend(home().map(|h| h.join(".pg_service.conf"))),
    }
    match std::env::var_os("PGSYSCONFDIR") {
        Some(d) => files.push(PathBuf::from(d).join("pg_service.conf")),
        None => files.push(PathBuf::from("/etc/postgresql-common/pg_service.conf")),
    }
    files
}

/// The settings of service `name` in an INI-style service file.
fn read_service(file: &Path, name: &str) -> Option<Vec<(String, String)>> {
    let text = std::fs::read_to_string(file).ok()?;
    let mut inside = false;
    let mut found = None;
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            inside = section.trim() == name;
            if inside {
                found = Some(Vec::new());
            }
            continue;
        }
        if inside && let Some((k, v)) = line.split_once('=') {
            found.get_or_insert_with(Vec::new).push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    found
}

/// The password for these details in a password file (`host:port:database:user:password`, `*`
/// for any, `\:` and `\\` escaped), as libpq reads it.
pub(crate) fn pgpass_lookup(text: &str, host: &str, port: &str, db: &str, user: &str) -> Option<String> {
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => field.extend(chars.next()),
                ':' if fields.len() < 4 => fields.push(std::mem::take(&mut field)),
                c => field.push(c),
            }
        }
        fields.push(field);
        if fields.len() != 5 {
            continue;
        }
        let fits = |pattern: &str, value: &str| pattern == "*" || pattern == value;
        if fits(&fields[0], host) && fits(&fields[1], port) && fits(&fields[2], db) && fits(&fields[3], user) {
            return Some(fields[4].clone());
        }
    }
    None
}

/// The password file's password, if the file exists and only its owner may read it.
fn pgpass(host: &str, port: &str, db: &str, user: &str, passfile: Option<&str>) -> Option<String> {
    let file = passfile
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("PGPASSFILE").map(PathBuf::from))
        .or_else(|| home().map(|h| h.join(".pgpass")))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).ok()?.permissions().mode();
        if mode & 0o077 != 0 {
            eprintln!("michi: {} is readable by others; it is ignored (chmod 0600 it)", file.display());
            return None;
        }
    }
    pgpass_lookup(&std::fs::read_to_string(file).ok()?, host, port, db, user)
}

/// The connection string or URL without its password (what may be remembered on the machine).
pub fn without_password(url: &str) -> String {
    let url = url.trim();
    if let Some((scheme, rest)) = url.split_once("://") {
        let (authority, tail) = match rest.find(['/', '?']) {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        let authority = match authority.rsplit_once('@') {
            Some((user, host)) => format!("{}@{host}", user.split(':').next().unwrap_or("")),
            None => authority.to_string(),
        };
        let tail = match tail.split_once('?') {
            Some((path, query)) => {
                let kept: Vec<&str> = query.split('&').filter(|p| !p.starts_with("password=")).collect();
                if kept.is_empty() { path.to_string() } else { format!("{path}?{}", kept.join("&")) }
            }
            None => tail.to_string(),
        };
        return format!("{scheme}://{authority}{tail}");
    }
    match pairs(url) {
        Ok(pairs) => pairs
            .iter()
            .filter(|(k, _)| k != "password")
            .map(|(k, v)| {
                if v.is_empty() || v.contains([' ', '\\', '\'']) {
                    format!("{k}={}", quoted(v))
                } else {
                    format!("{k}={v}")
                }
            })
            .collect::<Vec<_>>()
            .join(" "),
        Err(_) => String::new(),
    }
}

/// Reads a connection string or URL into a [`Target`], with Michi's defaults: a short connect
/// timeout (an unreachable server is told at once), TCP keepalives, the application's name.
pub fn target(url: &str) -> Result<Target, PgError> {
    let url = url.trim();
    let is_url = url.starts_with("postgres://") || url.starts_with("postgresql://");
    let mut settings: BTreeMap<String, String> = BTreeMap::new();
    if !is_url {
        let given = pairs(url)?;
        if let Some((_, service)) = given.iter().find(|(k, _)| k == "service") {
            let found = service_files()
                .iter()
                .find_map(|f| read_service(f, service))
                .ok_or_else(|| bad(format!("no service named {service} in {:?}", service_files())))?;
            settings.extend(found);
        }
        settings.extend(given.into_iter().filter(|(k, _)| k != "service"));
    }
    // What the Rust client does not read, Michi does.
    let sslmode = settings.remove("sslmode").unwrap_or_else(|| "prefer".to_string());
    let rootcert = settings.remove("sslrootcert");
    let passfile = settings.remove("passfile");
    for ignored in ["sslcert", "sslkey", "sslcrl", "sslcompression", "gssencmode", "requiressl"] {
        settings.remove(ignored);
    }
    let mut config: postgres::Config = if is_url {
        url.parse().map_err(PgError::Connect)?
    } else {
        let text: Vec<String> = settings.iter().map(|(k, v)| format!("{k}={}", quoted(v))).collect();
        text.join(" ").parse().map_err(PgError::Connect)?
    };
    if config.get_password().is_none() {
        let host = match config.get_hosts().first() {
            Some(postgres::config::Host::Tcp(h)) => h.clone(),
            _ => "localhost".to_string(),
        };
        let port = config.get_ports().first().copied().unwrap_or(5432).to_string();
        let user = config.get_user().map(str::to_string).or_else(|| std::env::var("USER").ok()).unwrap_or_default();
        let db = config.get_dbname().map(str::to_string).unwrap_or_else(|| user.clone());
        if let Some(password) = pgpass(&host, &port, &db, &user, passfile.as_deref()) {
            config.password(password);
        }
    }
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(std::time::Duration::from_secs(3));
    }
    config.keepalives(true).keepalives_idle(std::time::Duration::from_secs(10));
    if config.get_application_name().is_none() {
        config.application_name("michi");
    }
    let mut tls = native_tls::TlsConnector::builder();
    let (mode, verify, hostname) = match sslmode.as_str() {
        "disable" => (SslMode::Disable, false, false),
        "allow" | "prefer" => (SslMode::Prefer, false, false),
        "require" => (SslMode::Require, false, false),
        "verify-ca" => (SslMode::Require, true, false),
        "verify-full" => (SslMode::Require, true, true),
        other => {
            return Err(bad(format!("sslmode {other} is not one of disable, prefer, require, verify-ca, verify-full")));
        }
    };
    config.ssl_mode(mode);
    // As libpq: `prefer` and `require` encrypt without checking who answers; `verify-*` check.
    tls.danger_accept_invalid_certs(!verify).danger_accept_invalid_hostnames(!hostname);
    let rootcert = rootcert.map(PathBuf::from).or_else(|| {
        let default = home()?.join(".postgresql/root.crt");
        (verify && default.is_file()).then_some(default)
    });
    if let Some(file) = rootcert {
        let pem = std::fs::read(&file).map_err(|e| bad(format!("cannot read sslrootcert {}: {e}", file.display())))?;
        let cert = native_tls::Certificate::from_pem(&pem)
            .map_err(|e| bad(format!("sslrootcert {} is not a PEM certificate: {e}", file.display())))?;
        tls.add_root_certificate(cert);
    }
    let connector = tls.build().map_err(|e| bad(format!("TLS: {e}")))?;
    Ok(Target { config, tls: MakeTlsConnector::new(connector) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connection_strings_split_as_libpq_splits_them() {
        let p = pairs("host=db port = 5433 user='a \\'b\\' c' dbname=ミチ").unwrap();
        assert_eq!(
            p,
            [("host", "db"), ("port", "5433"), ("user", "a 'b' c"), ("dbname", "ミチ")]
                .map(|(k, v)| (k.to_string(), v.to_string()))
        );
        assert!(pairs("host").is_err());
        assert!(pairs("user='x").is_err(), "a quote left open");
    }

    #[test]
    fn a_remembered_connection_has_no_password() {
        assert_eq!(without_password("host=db password='s e' user=sato"), "host=db user=sato");
        assert_eq!(without_password("host=db user='a b'"), "host=db user='a b'");
        assert_eq!(
            without_password("postgresql://sato:secret@db:5432/michi?sslmode=require&password=x"),
            "postgresql://sato@db:5432/michi?sslmode=require"
        );
        assert_eq!(without_password("postgres://db/michi"), "postgres://db/michi");
    }

    #[test]
    fn the_password_file_matches_with_wildcards_and_escapes() {
        let text = "# comment\nother:5432:*:sato:no\ndb.example.com:*:michi:sato:p\\:w\\\\d\n*:*:*:*:fallback\n";
        assert_eq!(pgpass_lookup(text, "db.example.com", "5433", "michi", "sato").as_deref(), Some("p:w\\d"));
        assert_eq!(pgpass_lookup(text, "x", "1", "y", "z").as_deref(), Some("fallback"));
        assert_eq!(pgpass_lookup("a:b:c:d:e\n", "x", "b", "c", "d"), None);
    }

    #[test]
    fn a_service_gives_the_details_and_the_string_overrides_them() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pg_service.conf");
        std::fs::write(&file, "[other]\nhost=no\n\n[team]\nhost=db.example.com\nport=6543\ndbname=michi\nuser=sato\n")
            .unwrap();
        assert_eq!(read_service(&file, "team").unwrap().len(), 4);
        assert!(read_service(&file, "missing").is_none());
        // SAFETY: tests in this module are the only ones reading PGSERVICEFILE.
        unsafe { std::env::set_var("PGSERVICEFILE", &file) };
        let t = target("service=team user=suzuki sslmode=disable").unwrap();
        assert_eq!(t.config.get_user(), Some("suzuki"));
        assert_eq!(t.config.get_dbname(), Some("michi"));
        assert_eq!(t.config.get_ports(), [6543]);
        assert!(matches!(target("service=nothing"), Err(PgError::Settings(_))));
        assert!(matches!(target("host=x sslmode=sometimes"), Err(PgError::Settings(_))));
    }
}

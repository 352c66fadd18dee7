//! The team store's schema on a real PostgreSQL server the test starts itself: migrations apply
//! once (also when several clients migrate at the same time), a newer schema is refused untouched.

use michi_store_pg::testing::Cluster;
use michi_store_pg::{PgError, SCHEMA_VERSION, connect, migrate, schema_version};

#[test]
fn migrations_apply_once_even_from_several_clients_at_once() {
    let cluster = Cluster::start();
    let url = cluster.database("team");
    let mut first = connect(&url).unwrap();
    assert_eq!(schema_version(&mut first).unwrap(), 0);
    // Four clients migrate at the same moment: each migration is applied by exactly one.
    let found: Vec<i32> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let url = url.clone();
                s.spawn(move || migrate(&mut connect(&url).unwrap()).unwrap())
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(found.iter().filter(|v| **v == 0).count(), 1, "one client found an empty database: {found:?}");
    assert!(found.iter().all(|v| *v == 0 || *v == SCHEMA_VERSION));
    assert_eq!(schema_version(&mut first).unwrap(), SCHEMA_VERSION);
    let applied: i64 = first.query_one("SELECT count(*) FROM michi_migrations", &[]).unwrap().get(0);
    assert_eq!(applied, i64::from(SCHEMA_VERSION));
    for table in ["workspaces", "versions", "elements", "relations", "views", "placements", "history"] {
        let exists: bool = first.query_one("SELECT to_regclass($1) IS NOT NULL", &[&table]).unwrap().get(0);
        assert!(exists, "{table}");
    }
    // Again: nothing to do.
    assert_eq!(migrate(&mut first).unwrap(), SCHEMA_VERSION);
}

#[test]
fn a_database_from_a_newer_build_is_refused_untouched() {
    let cluster = Cluster::start();
    let url = cluster.database("newer");
    let mut client = connect(&url).unwrap();
    migrate(&mut client).unwrap();
    client
        .execute("INSERT INTO michi_migrations (version, name) VALUES ($1, 'future')", &[&(SCHEMA_VERSION + 1)])
        .unwrap();
    let e = migrate(&mut client).unwrap_err();
    assert!(
        matches!(e, PgError::Newer { found, supported } if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION)
    );
    assert!(e.to_string().contains("update Michi"), "{e}");
    assert_eq!(schema_version(&mut client).unwrap(), SCHEMA_VERSION + 1);
}

#[test]
fn a_server_that_is_down_is_told_at_once() {
    let cluster = Cluster::start();
    let url = cluster.database("gone");
    cluster.kill();
    let started = std::time::Instant::now();
    let Err(e) = connect(&url) else { panic!("connected to a stopped server") };
    assert!(matches!(e, PgError::Connect(_)), "{e}");
    assert!(e.to_string().starts_with("cannot reach the database"), "{e}");
    // Refused, not waited for: the port is closed (bounded by connect_timeout in any case).
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

/// Whether this connection is encrypted, as the server sees it.
fn encrypted(client: &mut postgres::Client) -> bool {
    client.query_one("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", &[]).unwrap().get(0)
}

/// TLS is used whenever the server offers it; required, it refuses a server without; verified, it
/// refuses a certificate it was not told to trust.
#[test]
fn the_connection_uses_tls_when_the_server_offers_it() {
    let plain = Cluster::start();
    let url = plain.database("plain");
    assert!(!encrypted(&mut connect(&url).unwrap()), "a server without TLS: a plain connection");
    let Err(e) = connect(&format!("{url} sslmode=require")) else { panic!("TLS required of a server without") };
    assert!(matches!(e, PgError::Connect(_)), "{e:?}");

    let tls = Cluster::start_tls();
    let url = tls.database("tls");
    assert!(encrypted(&mut connect(&url).unwrap()), "offered, it is used without being asked");
    let root = tls.certificate();
    let verified = format!("{url} sslmode=verify-ca sslrootcert={}", root.display());
    assert!(encrypted(&mut connect(&verified).unwrap()));
    // Another certificate than the server's: refused.
    let other = Cluster::start_tls();
    let wrong = format!("{url} sslmode=verify-ca sslrootcert={}", other.certificate().display());
    assert!(connect(&wrong).is_err(), "a server whose certificate is not trusted is refused");
}

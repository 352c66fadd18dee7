//! A PostgreSQL cluster of its own for the end-to-end tests (`tests/e2e/specs/20-team.e2e.ts`):
//! starts one (see `michi_store_pg::testing::Cluster`), creates database `team`, prints its
//! connection string on a line, then obeys lines on stdin — `kill` (stop it at once), `restart` —
//! and stops it when stdin closes.

use std::io::BufRead;

use michi_store_pg::testing::Cluster;

fn main() {
    let cluster = Cluster::start();
    println!("{}", cluster.database("team"));
    for line in std::io::stdin().lock().lines() {
        match line.as_deref().map(str::trim) {
            Ok("kill") => cluster.kill(),
            Ok("restart") => cluster.restart(),
            Ok(other) => eprintln!("pg-cluster: unknown command {other:?}"),
            Err(_) => break,
        }
        println!("ok");
    }
}

//! A PostgreSQL cluster of its own for a test: Debian's server binaries
//! (`/usr/lib/postgresql/<version>/bin`), a temporary data folder, a free port on 127.0.0.1 and the
//! socket in that folder; stopped and removed when dropped. Nothing else needs to be running.
//! As root (CI), the server runs as the `postgres` system user, since PostgreSQL refuses root.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Cluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
    as_postgres: bool,
    /// The server offers TLS with a certificate of its own (see [`Cluster::start_tls`]).
    tls: bool,
}

/// The newest installed server's binaries.
fn server_bin() -> PathBuf {
    let root = Path::new("/usr/lib/postgresql");
    let mut versions: Vec<u32> = std::fs::read_dir(root)
        .unwrap_or_else(|e| panic!("PostgreSQL is not installed ({}: {e}); scripts/lib.sh installs it", root.display()))
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .collect();
    versions.sort();
    let newest = versions.last().expect("a PostgreSQL server version under /usr/lib/postgresql");
    root.join(newest.to_string()).join("bin")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port on 127.0.0.1").port()
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| o.stdout.starts_with(b"0\n")).unwrap_or(false)
}

impl Cluster {
    /// Initialises and starts a cluster whose superuser `michi` connects without a password from
    /// 127.0.0.1 (the tests' own cluster; never a real server's settings).
    pub fn start() -> Cluster {
        Cluster::start_with(false)
    }

    /// [`Cluster::start`] with TLS offered, under a self-signed certificate for `localhost`
    /// ([`Cluster::certificate`]) made with the `openssl` command.
    pub fn start_tls() -> Cluster {
        Cluster::start_with(true)
    }

    /// The server's certificate (PEM), to verify it with.
    pub fn certificate(&self) -> PathBuf {
        self.dir.path().join("server.crt")
    }

    fn start_with(tls: bool) -> Cluster {
        let dir = tempfile::Builder::new().prefix("michi-pg-").tempdir().expect("a temporary folder");
        let as_postgres = is_root();
        if as_postgres {
            let status = Command::new("chown").arg("postgres:postgres").arg(dir.path()).status().expect("chown");
            assert!(status.success(), "cannot give {} to the postgres user", dir.path().display());
        }
        let cluster = Cluster { bin: server_bin(), port: free_port(), as_postgres, dir, tls };
        let data = cluster.data();
        cluster.run(
            "initdb",
            &["-D", &data, "-A", "trust", "-U", "michi", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"],
        );
        if tls {
            let (key, crt) = (cluster.dir.path().join("server.key"), cluster.certificate());
            let status = Command::new("openssl")
                .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost"])
                .arg("-keyout")
                .arg(&key)
                .arg("-out")
                .arg(&crt)
                .output()
                .expect("openssl makes a certificate");
            assert!(status.status.success(), "openssl: {}", String::from_utf8_lossy(&status.stderr));
            if as_postgres {
                let status =
                    Command::new("chown").arg("postgres:postgres").arg(&key).arg(&crt).status().expect("chown");
                assert!(status.success());
            }
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).expect("chmod the key");
        }
        cluster.restart();
        cluster
    }

    /// Starts the server (again, after [`Cluster::kill`]) on the same port and data.
    pub fn restart(&self) {
        let mut options = format!(
            "-c listen_addresses=127.0.0.1 -c port={} -c unix_socket_directories={} -c fsync=on",
            self.port,
            self.dir.path().display()
        );
        if self.tls {
            let dir = self.dir.path().display();
            options.push_str(&format!(" -c ssl=on -c ssl_cert_file={dir}/server.crt -c ssl_key_file={dir}/server.key"));
        }
        let log = self.dir.path().join("server.log").display().to_string();
        self.run("pg_ctl", &["-D", &self.data(), "-o", &options, "-l", &log, "-w", "-t", "30", "start"]);
    }

    fn data(&self) -> String {
        self.dir.path().join("data").display().to_string()
    }

    fn run(&self, program: &str, args: &[&str]) {
        let exe = self.bin.join(program);
        let output = if self.as_postgres {
            Command::new("runuser").arg("-u").arg("postgres").arg("--").arg(&exe).args(args).output()
        } else {
            Command::new(&exe).args(args).output()
        }
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", exe.display()));
        assert!(
            output.status.success(),
            "{program} failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// A connection string for database `db` as the superuser.
    pub fn url(&self, db: &str) -> String {
        format!("host=127.0.0.1 port={} user=michi dbname={db} connect_timeout=10", self.port)
    }

    /// Creates database `name` and returns its connection string.
    pub fn database(&self, name: &str) -> String {
        let mut client =
            postgres::Client::connect(&self.url("postgres"), postgres::NoTls).expect("the cluster answers");
        client.batch_execute(&format!("CREATE DATABASE \"{name}\"")).expect("a new database");
        self.url(name)
    }

    /// Stops the server at once (as a crash or a pulled cable would) — for fault tests.
    pub fn kill(&self) {
        self.run("pg_ctl", &["-D", &self.data(), "-m", "immediate", "-w", "stop"]);
    }
}

/// Puts `ws` into the database at `url` as a team workspace named `name` (one version, 現状, no
/// history).
pub fn push_workspace(url: &str, name: &str, ws: &michi_core::Workspace) {
    let mut archive = michi_core::archive::rows_of(ws, 1);
    archive.versions.push(michi_core::archive::ArchivedVersion {
        id: 1,
        name: "現状".into(),
        forked_from: None,
        created: "2026-12-01T00:00:00.000Z".into(),
        history_cursor: 0,
    });
    crate::db::push(&mut crate::db::connect(url).expect("the cluster answers"), name, &archive).expect("pushed");
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let exe = self.bin.join("pg_ctl");
        let data = self.data();
        let args = ["-D", data.as_str(), "-m", "immediate", "-w", "stop"];
        // Already stopped is fine; the folder goes with the TempDir.
        let _ = if self.as_postgres {
            Command::new("runuser").arg("-u").arg("postgres").arg("--").arg(&exe).args(args).output()
        } else {
            Command::new(&exe).args(args).output()
        };
    }
}

//! The big hostile inputs — up to 20 MB each, too big to keep in git — written into a folder, each
//! with the `michi` command that reads it and what that must give. `tests/hostile.rs` checks what
//! each gives under a 1 GB address-space limit; `benches/hostile.rs` times each against the same
//! file read by Python's standard parser for its format.

use std::ffi::{OsStr, OsString};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// What `michi` must give for an input.
pub enum Outcome {
    /// Read (exit 0 or 1), its output holding this text when given.
    Read(Option<&'static str>),
    /// Refused (exit 2), its error saying this.
    Refused(&'static str),
}

pub struct BigInput {
    pub name: &'static str,
    /// The `michi` arguments that read the file.
    pub args: Vec<OsString>,
    pub outcome: Outcome,
    /// The same file read by Python's standard library: the parser for its format (the bench's
    /// peer; the test does not run it).
    #[cfg_attr(test, allow(dead_code))]
    pub peer: Vec<OsString>,
}

impl BigInput {
    /// What is wrong with `out` as `michi`'s answer to this input, if anything: it must end by
    /// itself (exit 0, 1 for findings, 2 refused), not killed, aborted or panicking, and give the
    /// outcome expected.
    pub fn wrong(&self, out: &Output) -> Option<String> {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let code = out.status.code();
        if !matches!(code, Some(0..=2)) {
            return Some(format!("exit {:?} (killed or aborted?): {stderr}", out.status));
        }
        if stderr.contains("panicked") || stderr.contains("memory allocation") {
            return Some(stderr.into_owned());
        }
        match self.outcome {
            Outcome::Refused(what) if code != Some(2) || !stderr.contains(what) => {
                Some(format!("not refused with {what}: exit {code:?}: {stderr}"))
            }
            Outcome::Read(_) if code == Some(2) => Some(format!("refused: {stderr}")),
            Outcome::Read(Some(text)) if !String::from_utf8_lossy(&out.stdout).contains(text) => {
                Some(format!("no {text} in its output"))
            }
            _ => None,
        }
    }
}

/// Runs `cmd` with `resource` (`libc::RLIMIT_AS`, `RLIMIT_FSIZE`…) limited to `bytes`, SIGXFSZ
/// ignored so that a write past a file-size limit fails with EFBIG, as on a full disk.
pub fn limited(cmd: &mut Command, resource: libc::__rlimit_resource_t, bytes: u64) -> &mut Command {
    // SAFETY: signal and setrlimit are async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            if libc::setrlimit(resource, &libc::rlimit { rlim_cur: bytes, rlim_max: bytes }) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd
}

/// `michi ARGS` with its address space limited to 1 GB.
pub fn michi_limited(args: &[OsString]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_michi"));
    limited(cmd.args(args), libc::RLIMIT_AS, 1 << 30);
    cmd
}

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(rel)
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let bytes = bytes.as_ref();
    assert!(bytes.len() <= 20 << 20, "{name}: {} bytes", bytes.len());
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn michi(args: &[&OsStr]) {
    let out = Command::new(env!("CARGO_BIN_EXE_michi")).args(args).output().unwrap();
    assert!(out.status.success(), "michi {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn os(args: &[&OsStr]) -> Vec<OsString> {
    args.iter().map(|a| a.to_os_string()).collect()
}

fn python(script: &str, file: &Path) -> Vec<OsString> {
    os(&["python3".as_ref(), "-c".as_ref(), script.as_ref(), file.as_os_str()])
}

const XML: &str = "import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])";
const CSV: &str = "import csv, sys; csv.field_size_limit(sys.maxsize); \
                   print(sum(1 for _ in csv.reader(open(sys.argv[1], newline='', encoding='utf-8'))))";
const JSON: &str = "import json, sys; json.load(open(sys.argv[1], encoding='utf-8'))";
const SQLITE: &str = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); \
                      [c.execute(f'SELECT * FROM {t}').fetchall() for (t,) in \
                       c.execute(\"SELECT name FROM sqlite_master WHERE type = 'table'\").fetchall()]";

const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">"#;

/// Writes every big input into `dir`.
pub fn write_all(dir: &Path) -> Vec<BigInput> {
    let mut all = Vec::new();
    let mut bpmn = |name: &'static str, xml: String, outcome: Outcome| {
        let file = write(dir, name, xml);
        let args = os(&["lint".as_ref(), file.as_os_str()]);
        all.push(BigInput { name, peer: python(XML, &file), args, outcome });
    };
    // One attribute of 19 MB.
    let name = "長".repeat((19 << 20) / 3);
    bpmn(
        "huge-attribute.bpmn",
        format!("{HEAD}<process id=\"p\"><task id=\"t\" name=\"{name}\"/></process></definitions>"),
        Outcome::Read(None),
    );
    // 200,000 attributes on one element.
    let mut many = format!("{HEAD}<process id=\"p\"><task id=\"t\"");
    for i in 0..200_000 {
        many.push_str(&format!(" a{i}=\"{i}\""));
    }
    many.push_str("/></process></definitions>");
    bpmn("many-attributes.bpmn", many, Outcome::Refused("has more than 100 attributes"));
    // At that limit: 29,000 elements of 100 attributes each (the parser's duplicate check is
    // quadratic in an element's attributes); and 5,000 tasks of 100, the most attributes the
    // model's elements may have in all.
    let attributes = |name: &str, n: usize| {
        let mut xml = format!("{HEAD}<process id=\"p\">");
        for t in 0..n {
            xml.push_str(&format!("<{name} id=\"t{t}\""));
            for i in 0..99 {
                xml.push_str(&format!(" a{i}=\"\""));
            }
            xml.push_str("/>");
        }
        xml.push_str("</process></definitions>");
        xml
    };
    bpmn("attributes-at-limit.bpmn", attributes("x", 29_000), Outcome::Read(None));
    bpmn("task-attributes-at-limit.bpmn", attributes("task", 4_999), Outcome::Read(None));
    bpmn("task-attributes.bpmn", attributes("task", 29_000), Outcome::Refused("attributes in all"));
    // 62 namespaces declared on the root besides BPMN's, and elements declaring one more each
    // (each element's namespaces are its parent's and its own): 99,930 of them (the most, 64 in
    // scope and 100,000 declared), and 1,100,000.
    let namespaces = |n: usize| {
        let mut xml = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL""#,
        );
        for i in 0..62 {
            xml.push_str(&format!(" xmlns:n{i}=\"urn:{i}\""));
        }
        xml.push_str("><process id=\"p\">");
        for i in 0..n {
            xml.push_str(&format!("<x xmlns:z=\"u{}\"/>", i % 10));
        }
        xml.push_str("</process></definitions>");
        xml
    };
    bpmn("namespaces-at-limit.bpmn", namespaces(99_930), Outcome::Read(None));
    bpmn("namespaces.bpmn", namespaces(1_100_000), Outcome::Refused("declares more than 100000 XML namespaces"));
    // Sub-processes nested 100,000 deep.
    let depth = 100_000;
    let mut deep = format!("{HEAD}<process id=\"p\">");
    for i in 0..depth {
        deep.push_str(&format!("<subProcess id=\"s{i}\">"));
    }
    deep.push_str(&"</subProcess>".repeat(depth));
    deep.push_str("</process></definitions>");
    bpmn("deep.bpmn", deep, Outcome::Refused("levels deep, deeper than the 256"));
    // 300,000 tasks and flows: past the 100,000 elements Michi imports.
    let mut wide = format!("{HEAD}<process id=\"p\">");
    for i in 0..150_000 {
        wide.push_str(&format!(
            "<task id=\"t{i}\"/><sequenceFlow id=\"f{i}\" sourceRef=\"t{i}\" targetRef=\"t{}\"/>",
            i + 1
        ));
    }
    wide.push_str("</process></definitions>");
    bpmn("wide.bpmn", wide, Outcome::Refused("more than 100000 BPMN elements"));

    // CSV files given to `michi health` with the sample workspace.
    let sample = dir.join("sample.michi");
    michi(&["new".as_ref(), "--sample".as_ref(), sample.as_os_str()]);
    let mut csv = |name: &'static str, text: String, outcome: Outcome| {
        let file = write(dir, name, text);
        let args = os(&["health".as_ref(), "--accounts".as_ref(), file.as_os_str(), sample.as_os_str()]);
        all.push(BigInput { name, peer: python(CSV, &file), args, outcome });
    };
    // A million columns.
    let mut columns = (0..1_000_000).map(|i| format!("c{i}")).collect::<Vec<_>>().join(",");
    columns.push_str("\n1,2,3\n");
    csv("wide.csv", columns, Outcome::Refused("more than 1000 columns"));
    // A cell of 19 MB.
    csv(
        "cell.csv",
        format!("account,nps\nA,\"{}\"\n", "x".repeat(19 << 20)),
        Outcome::Refused("more than 1000000 characters in one cell"),
    );
    // A million accounts, and 200,000 (the most one snapshot holds).
    let accounts = |n: usize| {
        let mut rows = String::from("account id,nps\n");
        for i in 0..n {
            rows.push_str(&format!("a{i},{}\n", i % 10));
        }
        rows
    };
    csv("rows.csv", accounts(1_000_000), Outcome::Refused("more than 200000 accounts"));
    csv("accounts-at-limit.csv", accounts(200_000), Outcome::Read(None));
    // Ten million cells: 10,000 accounts with 999 values each.
    let mut cells = String::from("account id");
    for c in 0..999 {
        cells.push_str(&format!(",v{c}"));
    }
    cells.push('\n');
    for i in 0..10_000 {
        cells.push_str(&format!("a{i}"));
        cells.push_str(&",1".repeat(999));
        cells.push('\n');
    }
    csv("cells.csv", cells, Outcome::Read(None));

    // Diagnosis settings of 20 MB: refused before they are read.
    let model = repo("tests/data/bpmn/miwg/A.1.0.bpmn");
    let file = write(dir, "settings.json", format!("{{}}{}", " ".repeat((20 << 20) - 2)));
    all.push(BigInput {
        name: "settings.json",
        args: os(&["lint".as_ref(), "--config".as_ref(), file.as_os_str(), model.as_os_str()]),
        outcome: Outcome::Refused("is larger than 1 MB, the most Michi reads as diagnosis settings"),
        peer: python(JSON, &file),
    });

    // Workspace files: crafted rows, a huge value, and a real model.
    let mut workspace = |name: &'static str, file: PathBuf, outcome: Outcome| {
        let size = std::fs::metadata(&file).unwrap().len();
        assert!((10 << 20..=20 << 20).contains(&size), "{name}: {size} bytes");
        let args = os(&["lint".as_ref(), file.as_os_str()]);
        all.push(BigInput { name, peer: python(SQLITE, &file), args, outcome });
    };
    let crafted = |name: &str, sql: &str| {
        let file = dir.join(name);
        michi(&["new".as_ref(), file.as_os_str()]);
        let conn = rusqlite::Connection::open(&file).unwrap();
        conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
        conn.execute_batch(sql).unwrap();
        drop(conn);
        file
    };
    // 200,000 relations between elements that do not exist.
    let file = crafted(
        "rows.michi",
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)
         INSERT INTO relations (version, kind, from_id, to_id, rank) SELECT 1, 'flow', 'element-' || i, 'x', '' FROM n",
    );
    workspace("rows.michi", file, Outcome::Refused("is damaged and cannot be read"));
    // One element whose data is 19 MB of zeros.
    let file = crafted(
        "value.michi",
        "INSERT INTO elements (version, id, kind, data) VALUES (1, 'e', 'task', zeroblob(19 * 1024 * 1024))",
    );
    workspace("value.michi", file, Outcome::Refused("is damaged and cannot be read"));
    // A real model: MIWG B.2.0 tiled 70 times (about 13,700 elements), imported.
    let tiled = dir.join("tiled.bpmn");
    let status = Command::new("python3")
        .arg(repo("scripts/tile_bpmn.py"))
        .arg(repo("tests/data/bpmn/miwg/B.2.0.bpmn"))
        .arg("70")
        .arg(&tiled)
        .status()
        .unwrap();
    assert!(status.success());
    let file = dir.join("real.michi");
    michi(&["import".as_ref(), tiled.as_os_str(), "-o".as_ref(), file.as_os_str()]);
    workspace("real.michi", file, Outcome::Read(Some("label-required")));
    all
}

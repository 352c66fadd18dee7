//! `michi workshop`: the headless host prints its URL and PIN, takes a participant's note over a
//! real socket, saves it as it arrives, and stops on Ctrl+C (SIGINT) with the file intact.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

#[test]
fn the_headless_host_takes_notes_and_stops_on_ctrl_c() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ws.michi");
    let f = file.to_str().unwrap();
    assert!(Command::new(env!("CARGO_BIN_EXE_michi")).args(["new", f, "--sample"]).status().unwrap().success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_michi"))
        .args(["workshop", f, "--bind", "127.0.0.1:0", "--name", "導入ワークショップ"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = lines.next().unwrap().unwrap();
    let pin = lines.next().unwrap().unwrap();
    let addr = url.strip_prefix("url: http://").unwrap().trim_end_matches('/').to_string();
    let pin = pin.strip_prefix("pin: ").unwrap().to_string();
    assert_eq!(pin.len(), 6, "{pin}");

    // Join over HTTP, then a note over the socket.
    let mut s = TcpStream::connect(&addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let body = json!({"pin": pin, "name": "佐藤"}).to_string();
    write!(s, "POST /api/join HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len()).unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    let joined: Value = serde_json::from_str(answer.split_once("\r\n\r\n").unwrap().1).unwrap();
    let token = joined["token"].as_str().unwrap();
    let (mut ws, _) = tungstenite::connect(format!("ws://{addr}/api/socket?token={token}")).unwrap();
    let first: Value = serde_json::from_str(ws.read().unwrap().to_text().unwrap()).unwrap();
    assert_eq!(first["type"], "full");
    assert_eq!(first["board"]["name"], "導入ワークショップ");
    let note = json!({"id": 1, "action": {"type": "note", "client": "cli-1", "text": "朝礼で使い方を共有したい"}});
    ws.send(tungstenite::Message::Text(note.to_string().into())).unwrap();
    loop {
        let v: Value = serde_json::from_str(ws.read().unwrap().to_text().unwrap()).unwrap();
        if v["type"] == "ack" {
            break;
        }
        assert_ne!(v["type"], "refused", "{v}");
    }

    // Ctrl+C.
    assert!(Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap().success());
    let status = child.wait().unwrap();
    assert!(!status.success() || status.code() == Some(0));
    let snapshot = michi_store::Store::read(&file).unwrap();
    assert!(
        snapshot
            .workspace
            .elements_of_kind(michi_core::ElementKind::StickyNote)
            .any(|e| e.data.label() == "朝礼で使い方を共有したい"),
        "the note was saved as it arrived"
    );

    // The record of the room, from the file.
    let out =
        Command::new(env!("CARGO_BIN_EXE_michi")).args(["derive", "workshop", f, "--lang", "ja"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("ワークショップの記録：導入ワークショップ"), "{md}");
    assert!(md.contains("朝礼で使い方を共有したい（佐藤）"), "the note is in the parking lot section: {md}");
    assert!(md.contains("## 診断"), "{md}");
}

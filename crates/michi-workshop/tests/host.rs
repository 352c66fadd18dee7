//! The workshop host on loopback, with real sockets and a real `.michi` file: joining with the
//! PIN, notes reaching the other participants, a connection cut and a note sent again (stored
//! once), private mode and the lock, and every kind of misbehaviour refused with nothing stored
//! while the host goes on serving. Bounded: every wait has a timeout.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use michi_app::workshop::{Control, Host};
use michi_app::{Language, Session};
use michi_core::element::ElementData;
use michi_core::{ElementKind, ViewKind};
use serde_json::{Value, json};
use tokio::net::TcpStream as AsyncTcp;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

type Socket = WebSocketStream<MaybeTlsStream<AsyncTcp>>;

const WAIT: Duration = Duration::from_secs(10);

struct Room {
    _dir: tempfile::TempDir,
    file: std::path::PathBuf,
    session: Arc<Mutex<Session>>,
    running: Option<michi_workshop::Running>,
    stage: String,
}

fn room() -> Room {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ws.michi");
    let mut session = Session::create(&file, true, false).unwrap();
    let view = session.workspace().views().find(|v| matches!(v.kind, ViewKind::JourneyMap { .. })).unwrap().id.clone();
    let host = Host::start(&mut session, None, "導入ワークショップ", Some(view)).unwrap();
    let session = Arc::new(Mutex::new(session));
    let running =
        michi_workshop::start(session.clone(), host, "127.0.0.1:0".parse().unwrap(), Language::Ja, None).unwrap();
    let stage = {
        let s = session.lock().unwrap();
        running.host.board(&s, None).unwrap().places[0].id.to_string()
    };
    Room { _dir: dir, file, session, running: Some(running), stage }
}

impl Room {
    fn addr(&self) -> SocketAddr {
        self.running.as_ref().unwrap().addr
    }
    fn pin(&self) -> String {
        self.running.as_ref().unwrap().host.pin().to_string()
    }
    fn host(&self) -> &Host {
        &self.running.as_ref().unwrap().host
    }
    /// The notes in the workspace now, as (author, text).
    fn notes(&self) -> Vec<(String, String)> {
        let s = self.session.lock().unwrap();
        let mut all: Vec<(String, String)> = s
            .workspace()
            .elements_of_kind(ElementKind::StickyNote)
            .map(|e| match &e.data {
                ElementData::StickyNote(n) => (n.author.clone(), n.text.clone()),
                _ => unreachable!(),
            })
            .collect();
        all.sort();
        all
    }
}

/// A plain HTTP/1.1 request; answers (status, body).
fn http(addr: SocketAddr, method: &str, path: &str, body: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    let text = String::from_utf8_lossy(&out).to_string();
    let status = text.split(' ').nth(1).unwrap_or("0").parse().unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

fn join(addr: SocketAddr, pin: &str, name: &str) -> (u16, Value) {
    let (status, body) = http(addr, "POST", "/api/join", &json!({"pin": pin, "name": name}).to_string());
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

async fn connect(addr: SocketAddr, token: &str) -> Result<Socket, tokio_tungstenite::tungstenite::Error> {
    let (ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/api/socket?token={token}")).await?;
    Ok(ws)
}

/// The next message of `kind` (skipping others), within the wait.
async fn next(ws: &mut Socket, kind: &str) -> Value {
    tokio::time::timeout(WAIT, async {
        loop {
            match ws.next().await {
                Some(Ok(Message::Text(t))) => {
                    let v: Value = serde_json::from_str(t.as_str()).unwrap();
                    if v["type"] == kind {
                        return v;
                    }
                }
                Some(Ok(_)) => {}
                other => panic!("the socket ended waiting for {kind}: {other:?}"),
            }
        }
    })
    .await
    .unwrap_or_else(|_| panic!("no {kind} within {WAIT:?}"))
}

/// Sends an action; answers the ack or refusal for it.
async fn act(ws: &mut Socket, id: u64, action: Value) -> Value {
    ws.send(Message::Text(json!({"id": id, "action": action}).to_string().into())).await.unwrap();
    tokio::time::timeout(WAIT, async {
        loop {
            let Some(Ok(Message::Text(t))) = ws.next().await else { panic!("the socket ended") };
            let v: Value = serde_json::from_str(t.as_str()).unwrap();
            if (v["type"] == "ack" || v["type"] == "refused") && v["id"] == id {
                return v;
            }
        }
    })
    .await
    .expect("an answer")
}

fn note(client: &str, text: &str, on: Option<&str>) -> Value {
    json!({"type": "note", "client": client, "text": text, "on": on})
}

/// Waits until a patch or full board of `ws` shows note `id`.
async fn sees(ws: &mut Socket, id: &str) -> Value {
    tokio::time::timeout(WAIT, async {
        loop {
            let Some(Ok(Message::Text(t))) = ws.next().await else { panic!("the socket ended") };
            let v: Value = serde_json::from_str(t.as_str()).unwrap();
            let notes = if v["type"] == "full" { &v["board"]["notes"] } else { &v["notes"] };
            if let Some(n) = notes.as_array().and_then(|a| a.iter().find(|n| n["id"] == id)) {
                return n.clone();
            }
        }
    })
    .await
    .unwrap_or_else(|_| panic!("{id} never arrived"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn participants_join_with_the_pin_and_see_each_others_notes() {
    let room = room();
    let addr = room.addr();
    let (status, _) = join(addr, "000000x", "佐藤");
    assert_eq!(status, 401, "a wrong PIN is refused");
    let (status, a) = join(addr, &room.pin(), "佐藤");
    assert_eq!(status, 200, "{a}");
    let (_, b) = join(addr, &room.pin(), "佐藤");
    assert_eq!(b["name"], "佐藤 (2)", "names are unique in the room");
    // The facilitator's panel: who joined, the PIN, the URL as a QR code.
    let panel = room.running.as_ref().unwrap().panel().unwrap();
    assert_eq!(panel.status.room.participants, ["佐藤", "佐藤 (2)"]);
    assert_eq!(panel.status.pin, room.pin());
    assert!(panel.qr.contains("<svg"));
    let panel = room.running.as_ref().unwrap().control(Control::Lock { locked: false }).unwrap();
    assert!(!panel.status.room.locked);
    let mut wa = connect(addr, a["token"].as_str().unwrap()).await.unwrap();
    let mut wb = connect(addr, b["token"].as_str().unwrap()).await.unwrap();
    let full = next(&mut wa, "full").await;
    assert_eq!(full["me"], "佐藤");
    assert_eq!(full["board"]["name"], "導入ワークショップ");
    next(&mut wb, "full").await;
    let ack = act(&mut wa, 1, note("n-1", "権限の設定が分からない", Some(&room.stage))).await;
    assert_eq!(ack["type"], "ack", "{ack}");
    let seen = sees(&mut wb, "sticky-n-1").await;
    assert_eq!(seen["text"], "権限の設定が分からない");
    assert_eq!(seen["author"], "佐藤");
    assert_eq!(seen["on"], room.stage.as_str());
    // The picture of the view, with the token only.
    let (status, svg) = http(addr, "GET", &format!("/api/picture.svg?token={}", a["token"].as_str().unwrap()), "");
    assert_eq!(status, 200);
    assert!(svg.contains("<svg"), "{}", &svg[..svg.len().min(200)]);
    // Durable, with its author in the history: the file opened afresh has it, and undo would take
    // back 佐藤's step.
    let Room { running, session, file, _dir, .. } = room;
    running.unwrap().stop();
    drop(session);
    let store = michi_store::Store::open(&file).unwrap();
    assert!(
        store.workspace().elements_of_kind(ElementKind::StickyNote).any(|e| e.data.label() == "権限の設定が分からない")
    );
    assert_eq!(store.undo_author().unwrap().as_deref(), Some("佐藤"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_note_sent_again_after_a_cut_connection_is_stored_once() {
    let room = room();
    let addr = room.addr();
    let (_, a) = join(addr, &room.pin(), "田中");
    let token = a["token"].as_str().unwrap();
    let mut ws = connect(addr, token).await.unwrap();
    next(&mut ws, "full").await;
    // Sent, then the connection drops before the answer is read.
    ws.send(Message::Text(json!({"id": 1, "action": note("cut-1", "請求書の確認が遅い", None)}).to_string().into()))
        .await
        .unwrap();
    drop(ws);
    // Back: the page sends every note not acknowledged again, with the same client id.
    let mut ws = connect(addr, token).await.unwrap();
    next(&mut ws, "full").await;
    let ack = act(&mut ws, 1, note("cut-1", "請求書の確認が遅い", None)).await;
    assert_eq!(ack["type"], "ack");
    let ack = act(&mut ws, 2, note("cut-2", "二枚目", None)).await;
    assert_eq!(ack["type"], "ack");
    assert_eq!(
        room.notes(),
        vec![("田中".into(), "二枚目".into()), ("田中".into(), "請求書の確認が遅い".into())],
        "each note once"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn private_notes_reach_their_author_only_and_the_lock_stops_additions() {
    let room = room();
    let addr = room.addr();
    let (_, a) = join(addr, &room.pin(), "鈴木");
    let (_, b) = join(addr, &room.pin(), "高橋");
    let mut wa = connect(addr, a["token"].as_str().unwrap()).await.unwrap();
    let mut wb = connect(addr, b["token"].as_str().unwrap()).await.unwrap();
    next(&mut wa, "full").await;
    next(&mut wb, "full").await;
    {
        let s = room.session.lock().unwrap();
        room.host().control(&s, Control::Private { private: true }).unwrap();
    }
    act(&mut wa, 1, note("p-1", "本当は使っていない", None)).await;
    let mine = sees(&mut wa, "sticky-p-1").await;
    assert_eq!(mine["text"], "本当は使っていない");
    let theirs = sees(&mut wb, "sticky-p-1").await;
    assert_eq!(theirs["text"], "", "hidden from the others: {theirs}");
    assert_eq!(theirs["masked"], true);
    // "Bring everyone to me": every participant gets the facilitator's place.
    {
        let s = room.session.lock().unwrap();
        let stage = michi_core::ElementId::new(room.stage.clone()).unwrap();
        room.host().control(&s, Control::Follow { view: None, focus: Some(stage) }).unwrap();
    }
    for ws in [&mut wa, &mut wb] {
        let follow = tokio::time::timeout(WAIT, async {
            loop {
                let v = next(ws, "patch").await;
                if !v["room"].is_null() && v["room"]["follow"]["seq"] == 1 {
                    return v["room"]["follow"].clone();
                }
            }
        })
        .await
        .expect("the follow reaches everyone");
        assert_eq!(follow["focus"], room.stage.as_str());
    }
    // The timer of an agenda step: a step that is not on the agenda is refused.
    {
        let s = room.session.lock().unwrap();
        assert!(room.host().control(&s, Control::Step { step: Some(3) }).is_err());
    }
    {
        let s = room.session.lock().unwrap();
        room.host().control(&s, Control::Lock { locked: true }).unwrap();
    }
    let refused = act(&mut wb, 1, note("l-1", "ロック中", None)).await;
    assert_eq!((refused["type"].as_str(), refused["reason"].as_str()), (Some("refused"), Some("locked")));
    assert_eq!(room.notes().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn misbehaviour_is_refused_with_nothing_stored_and_the_host_serves_on() {
    let room = room();
    let addr = room.addr();
    // No token, a wrong token: no socket, no picture.
    assert!(connect(addr, "").await.is_err());
    assert!(connect(addr, "0123456789abcdef0123456789abcdef").await.is_err());
    assert_eq!(http(addr, "GET", "/api/picture.svg", "").0, 401);
    assert_eq!(http(addr, "GET", "/api/picture.svg?token=nope", "").0, 401);
    // Paths outside the session: nothing but the page is served.
    for path in ["/../Cargo.toml", "/api/../../etc/passwd", "/etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/api/edit"] {
        let (status, body) = http(addr, "GET", path, "");
        assert!(status == 404 || status == 400, "{path}: {status} {body}");
        assert!(!body.contains("root:"), "{path}");
    }
    // Wrong PINs from one address: after ten, even the right one waits.
    for _ in 0..10 {
        assert_eq!(join(addr, "999999x", "x").0, 401);
    }
    assert_eq!(join(addr, &room.pin(), "x").0, 429);
    room.host(); // the host is still there
    let joined = {
        // Another address is not held back (127.0.0.2 is loopback too).
        let mut s = TcpStream::connect_timeout(&addr, WAIT).unwrap();
        let _ = &mut s;
        drop(s);
        let (_, pin) = (0, room.pin());
        let host = room.host();
        host.join(&pin, "別の端末", "127.0.0.2".parse().unwrap()).unwrap()
    };
    let mut ws = connect(addr, &joined.token).await.unwrap();
    next(&mut ws, "full").await;
    // An oversized note is refused by name.
    let long = "長".repeat(501);
    let refused = act(&mut ws, 1, note("big-1", &long, None)).await;
    assert_eq!(refused["reason"], "tooLong", "{refused}");
    // Not an action; a bad client id.
    let refused = act(&mut ws, 2, json!({"type": "delete", "ids": ["stage-1"]})).await;
    assert_eq!(refused["code"], "invalidRequest");
    let refused = act(&mut ws, 3, note("../../x", "id", None)).await;
    assert_eq!(refused["type"], "refused");
    // A flood: 120 notes sent at once, without waiting for answers; past the burst they are refused
    // until the allowance refills; what was accepted is stored once.
    let flood = Instant::now();
    for i in 0..120u64 {
        let action = note(&format!("flood-{i}"), &format!("洪水 {i}"), None);
        ws.send(Message::Text(json!({"id": 100 + i, "action": action}).to_string().into())).await.unwrap();
    }
    let mut accepted: u32 = 0;
    let mut too_many = 0;
    let mut answered = 0;
    tokio::time::timeout(Duration::from_secs(60), async {
        while answered < 120 {
            let Some(Ok(Message::Text(t))) = ws.next().await else { panic!("the socket ended") };
            let answer: Value = serde_json::from_str(t.as_str()).unwrap();
            match answer["type"].as_str() {
                Some("ack") => accepted += 1,
                Some("refused") => {
                    assert_eq!(answer["reason"], "tooMany", "{answer}");
                    too_many += 1;
                }
                _ => continue,
            }
            answered += 1;
        }
    })
    .await
    .expect("every action answered");
    // Never more than the burst and what the allowance refilled meanwhile.
    let allowed = michi_app::workshop::BURST + flood.elapsed().as_secs_f64() * michi_app::workshop::PER_SECOND + 1.0;
    assert!(f64::from(accepted) <= allowed, "accepted {accepted}, allowed {allowed}");
    assert!(too_many > 0, "accepted {accepted} of 120 in {:?}", flood.elapsed());
    assert_eq!(room.notes().len(), accepted as usize);
    // A frame past the limit closes that socket only.
    let huge = "x".repeat(michi_workshop::MAX_MESSAGE + 1);
    let _ = ws.send(Message::Text(huge.into())).await;
    let closed = tokio::time::timeout(WAIT, async {
        loop {
            match ws.next().await {
                None | Some(Err(_)) | Some(Ok(Message::Close(_))) => return true,
                Some(Ok(_)) => {}
            }
        }
    })
    .await
    .unwrap_or(false);
    assert!(closed, "an oversized frame closes the socket");
    // The host still serves: a new participant joins and adds a note.
    let other = room.host().join(&room.pin(), "後から", "127.0.0.3".parse().unwrap()).unwrap();
    let mut ws = connect(addr, &other.token).await.unwrap();
    next(&mut ws, "full").await;
    assert_eq!(act(&mut ws, 1, note("after-1", "まだ動いている", None)).await["type"], "ack");
    assert_eq!(room.notes().len(), accepted as usize + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_participants_with_a_hundred_notes_each_are_all_stored_once() {
    const PEOPLE: usize = 30;
    const NOTES: usize = 100;
    let room = room();
    let addr = room.addr();
    let pin = room.pin();
    let mut tasks = Vec::new();
    let start = Instant::now();
    for p in 0..PEOPLE {
        let joined = room.host().join(&pin, &format!("参加者{p}"), format!("127.0.1.{p}").parse().unwrap()).unwrap();
        let stage = room.stage.clone();
        tasks.push(tokio::spawn(async move {
            let mut ws = connect(addr, &joined.token).await.unwrap();
            next(&mut ws, "full").await;
            for i in 0..NOTES {
                // Inside the allowance: ten a second.
                tokio::time::sleep(Duration::from_millis(105)).await;
                let on = if i % 2 == 0 { Some(stage.as_str()) } else { None };
                let answer = act(&mut ws, i as u64, note(&format!("p{p}-n{i}"), &format!("{p}の付箋{i}"), on)).await;
                assert_eq!(answer["type"], "ack", "{answer}");
            }
        }));
    }
    for t in tasks {
        tokio::time::timeout(Duration::from_secs(120), t).await.expect("bounded").unwrap();
    }
    let notes = room.notes();
    assert_eq!(notes.len(), PEOPLE * NOTES);
    let mut texts: Vec<&String> = notes.iter().map(|(_, t)| t).collect();
    texts.dedup();
    assert_eq!(texts.len(), PEOPLE * NOTES, "each note once");
    eprintln!("{} notes from {PEOPLE} participants in {:?}", PEOPLE * NOTES, start.elapsed());
}

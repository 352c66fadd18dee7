//! The workshop host under load, on loopback: 30 participants each send 100 notes (ten a second,
//! the host's allowance), every one watching the others'. `workshop_note_p95_ms` is the 95th
//! percentile, over every note and every other participant, of the time from a participant sending
//! a note to another participant receiving it (the host applied and saved it in between);
//! `workshop_edit_p95_ms`, its peer, is the same notes added straight through the application
//! layer (the edit and its commit, no network, no broadcast). Rounds of the two alternate; each
//! figure is the median of its rounds. A round that stores a note twice or loses one fails.
//!
//! Run by `npm run bench` (`cargo bench -p michi-workshop --bench notes`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use michi_app::workshop::{Action, Host};
use michi_app::{Language, Session};
use michi_core::{ElementKind, ViewKind};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

const PEOPLE: usize = 30;
const NOTES: usize = 100;
const ROUNDS: usize = 3;
const PACE: Duration = Duration::from_millis(105);

fn sample(dir: &std::path::Path, name: &str) -> (Session, michi_core::ViewId) {
    let file = dir.join(name);
    let session = Session::create(&file, true, true).unwrap();
    let view = session.workspace().views().find(|v| matches!(v.kind, ViewKind::JourneyMap { .. })).unwrap().id.clone();
    (session, view)
}

fn percentile(values: &mut [f64], p: f64) -> f64 {
    values.sort_by(f64::total_cmp);
    let i = ((values.len() as f64 - 1.0) * p).round() as usize;
    values[i]
}

/// One round over the network; answers every (note, receiver) latency in milliseconds.
fn network_round(dir: &std::path::Path, round: usize) -> Vec<f64> {
    let (mut session, view) = sample(dir, &format!("net-{round}.michi"));
    let host = Host::start(&mut session, None, "負荷試験", Some(view)).unwrap();
    let session = Arc::new(Mutex::new(session));
    let running =
        michi_workshop::start(session.clone(), host, "127.0.0.1:0".parse().unwrap(), Language::Ja, None).unwrap();
    let addr = running.addr;
    let pin = running.host.pin().to_string();
    let tokens: Vec<String> = (0..PEOPLE)
        .map(|p| running.host.join(&pin, &format!("p{p}"), format!("127.0.2.{p}").parse().unwrap()).unwrap().token)
        .collect();
    let sent: Arc<Mutex<HashMap<String, Instant>>> = Arc::new(Mutex::new(HashMap::new()));
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let latencies = rt.block_on(async {
        let mut tasks = Vec::new();
        for (p, token) in tokens.into_iter().enumerate() {
            let sent = sent.clone();
            tasks.push(tokio::spawn(async move {
                let (ws, _) =
                    tokio_tungstenite::connect_async(format!("ws://{addr}/api/socket?token={token}")).await.unwrap();
                let (mut tx, mut rx) = ws.split();
                let mine = format!("sticky-p{p}-");
                let mut seen = Vec::new();
                let reader = {
                    let sent = sent.clone();
                    tokio::spawn(async move {
                        let mut got = 0usize;
                        let mut counted = std::collections::HashSet::new();
                        let others = (PEOPLE - 1) * NOTES;
                        while got < others {
                            let Some(Ok(Message::Text(t))) = rx.next().await else { break };
                            let now = Instant::now();
                            let v: Value = serde_json::from_str(t.as_str()).unwrap();
                            // A connection that fell behind gets the whole board again.
                            let notes = match v["type"].as_str() {
                                Some("patch") => &v["notes"],
                                Some("full") => &v["board"]["notes"],
                                _ => continue,
                            };
                            for n in notes.as_array().into_iter().flatten() {
                                let id = n["id"].as_str().unwrap_or_default();
                                if id.starts_with(&mine) || !counted.insert(id.to_string()) {
                                    continue;
                                }
                                if let Some(at) = sent.lock().unwrap().get(id) {
                                    seen.push(now.duration_since(*at).as_secs_f64() * 1000.0);
                                    got += 1;
                                } else {
                                    counted.remove(id);
                                }
                            }
                        }
                        seen
                    })
                };
                let mut tick = tokio::time::interval(PACE);
                for i in 0..NOTES {
                    tick.tick().await;
                    let client = format!("p{p}-n{i}");
                    let action = json!({"type": "note", "client": client, "text": format!("付箋 {p}-{i}")});
                    sent.lock().unwrap().insert(format!("sticky-{client}"), Instant::now());
                    tx.send(Message::Text(json!({"id": i, "action": action}).to_string().into())).await.unwrap();
                }
                tokio::time::timeout(Duration::from_secs(60), reader).await.expect("every note arrives").unwrap()
            }));
        }
        let mut all = Vec::new();
        for t in tasks {
            all.extend(t.await.unwrap());
        }
        all
    });
    running.stop();
    let s = session.lock().unwrap();
    let stored = s.workspace().elements_of_kind(ElementKind::StickyNote).count();
    assert_eq!(stored, PEOPLE * NOTES, "every note stored exactly once");
    assert_eq!(latencies.len(), PEOPLE * NOTES * (PEOPLE - 1), "every note reached every other participant");
    latencies
}

/// The peer: the same notes through the application layer directly, one after another.
fn direct_round(dir: &std::path::Path, round: usize) -> Vec<f64> {
    let (mut session, view) = sample(dir, &format!("direct-{round}.michi"));
    let host = Host::start(&mut session, None, "負荷試験", Some(view)).unwrap();
    let pin = host.pin().to_string();
    let tokens: Vec<String> = (0..PEOPLE)
        .map(|p| host.join(&pin, &format!("p{p}"), format!("127.0.3.{p}").parse().unwrap()).unwrap().token)
        .collect();
    let mut times = Vec::new();
    for i in 0..NOTES {
        for (p, token) in tokens.iter().enumerate() {
            let action = Action::Note {
                client: format!("p{p}-n{i}"),
                text: format!("付箋 {p}-{i}"),
                on: None,
                row: None,
                perspective: None,
            };
            let start = Instant::now();
            // Within the allowance: the host refills it by the clock, so pace the participants.
            match host.act(&mut session, token, action.clone()) {
                Ok(()) => {}
                Err(e) if e.reason.as_deref() == Some("tooMany") => {
                    std::thread::sleep(PACE);
                    host.act(&mut session, token, action).unwrap();
                }
                Err(e) => panic!("{e}"),
            }
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
    }
    assert_eq!(session.workspace().elements_of_kind(ElementKind::StickyNote).count(), PEOPLE * NOTES);
    if std::env::var_os("BOARD_TIME").is_some() {
        let t = Instant::now();
        for _ in 0..20 {
            std::hint::black_box(host.board(&session, None).unwrap());
        }
        eprintln!("board of {} notes: {:.2} ms", PEOPLE * NOTES, t.elapsed().as_secs_f64() * 1000.0 / 20.0);
    }
    times
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench/workshop");
    std::fs::create_dir_all(&dir).unwrap();
    let (mut net, mut direct) = (Vec::new(), Vec::new());
    let (mut net50, mut direct50) = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let order = if round % 2 == 0 { [true, false] } else { [false, true] };
        for over_network in order {
            if over_network {
                let mut l = network_round(&dir, round);
                net50.push(percentile(&mut l, 0.5));
                net.push(percentile(&mut l, 0.95));
            } else {
                let mut l = direct_round(&dir, round);
                direct50.push(percentile(&mut l, 0.5));
                direct.push(percentile(&mut l, 0.95));
            }
        }
    }
    let median = |v: &mut Vec<f64>| percentile(v, 0.5);
    println!("workshop_notes: {}", PEOPLE * NOTES);
    println!("workshop_note_p50_ms: {:.1}", median(&mut net50));
    println!("workshop_note_p95_ms: {:.1}", median(&mut net));
    println!("workshop_edit_p50_ms: {:.1}", median(&mut direct50));
    println!("workshop_edit_p95_ms: {:.1}", median(&mut direct));
    let _ = std::fs::remove_dir_all(&dir);
}

//! The workshop host: participants on the LAN open `http://ADDR:PORT/` in a browser, join with the
//! session's PIN and a name, and work on the board over a WebSocket. Every action is a use case of
//! `michi_app::workshop::Host`, carried here and answered; this crate adds nothing to the model.
//!
//! The protocol (JSON):
//! - `POST /api/join {pin, name}` → `{token, name}`; a wrong PIN is 401, too many wrong PINs from one
//!   address 429.
//! - `GET /api/socket?token=T` (WebSocket). The host sends `{"type":"full", board, room, me}` on
//!   connecting (and after falling behind), then `{"type":"patch", notes, removed, placed,
//!   unplaced, board?, room?}` after every change; the participant sends `{"id": N, "action":
//!   {…}}` (see `michi_app::workshop::Action`) and gets `{"type":"ack", "id": N}` or `{"type":
//!   "refused", "id": N, "code", "reason", "message"}`.
//! - `GET /api/picture.svg?token=T` → the view worked on, drawn by `michi_app::outputs::svg`.
//! - `GET /` and `/assets/…` → the participant's page. Nothing else is served.
//!
//! Every request but the page and the join needs a participant's token. Messages over
//! [`MAX_MESSAGE`] bytes close the socket; the host keeps serving everyone else.

use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, DefaultBodyLimit, Query, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use futures_util::{SinkExt, StreamExt};
use michi_app::workshop::{Action, Host, Room};
use michi_app::{AppError, ErrorCode, Language, Session};
use michi_core::ElementId;
use michi_core::derive::workshop::{Board, BoardNote};
use serde::Deserialize;
use serde_json::{Value, json};
use tokio::sync::{broadcast, oneshot, watch};

mod assets {
    include!(concat!(env!("OUT_DIR"), "/assets.rs"));
}

/// The largest message a participant may send (a note is at most 500 characters).
pub const MAX_MESSAGE: usize = 16 * 1024;

/// Where the open workspace is: the host locks it for each action and each read.
pub trait Workspace: Send + Sync + 'static {
    fn with(&self, f: &mut dyn FnMut(&mut Session)) -> Result<(), AppError>;
}

impl Workspace for Mutex<Session> {
    fn with(&self, f: &mut dyn FnMut(&mut Session)) -> Result<(), AppError> {
        f(&mut self.lock().unwrap_or_else(|e| e.into_inner()));
        Ok(())
    }
}

fn with<T>(ws: &dyn Workspace, f: impl FnOnce(&mut Session) -> Result<T, AppError>) -> Result<T, AppError> {
    let mut f = Some(f);
    let mut out = None;
    ws.with(&mut |s| out = Some((f.take().expect("called once"))(s)))?;
    out.unwrap_or_else(|| Err(AppError::new(ErrorCode::NoWorkspace, "no workspace is open")))
}

/// A running host; dropping it (or [`Running::stop`]) stops it.
pub struct Running {
    pub addr: SocketAddr,
    pub host: Arc<Host>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    workspace: Arc<dyn Workspace>,
}

/// What the facilitator's panel shows: where participants join, the room and the board.
#[derive(Clone, Debug, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Panel {
    pub url: String,
    /// The URL as a QR code (an SVG document).
    pub qr: String,
    pub status: michi_app::workshop::HostStatus,
    /// The board as the projector shows it (private notes masked).
    pub board: Board,
}

impl Running {
    /// The facilitator's panel now.
    pub fn panel(&self) -> Result<Panel, AppError> {
        let url = self.url();
        let qr = qr_svg(&url)?;
        with(self.workspace.as_ref(), |s| {
            Ok(Panel {
                url: url.clone(),
                qr: qr.clone(),
                status: self.host.status(s),
                board: self.host.board(s, None)?,
            })
        })
    }

    /// A facilitator's control (lock, private mode, timer, follow, view), answered with the panel.
    pub fn control(&self, control: michi_app::workshop::Control) -> Result<Panel, AppError> {
        with(self.workspace.as_ref(), |s| self.host.control(s, control).map(|_| ()))?;
        self.panel()
    }

    /// The address participants open.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Stops serving: every participant is disconnected and nothing listens any more.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        let _ = self.workspace.with(&mut |s| s.set_listener(None));
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// One change for every connection: what moved on the board since the last one.
#[derive(Clone, Debug, Default)]
struct Change {
    /// Notes added or changed, as everyone sees them (private ones masked).
    notes: Vec<BoardNote>,
    removed: Vec<ElementId>,
    placed: Vec<BoardNote>,
    unplaced: Vec<ElementId>,
    /// The texts of private notes in `notes`, for their authors only: id → (author, text).
    private: HashMap<ElementId, (String, String)>,
    /// The board without its notes, when it changed.
    board: Option<Value>,
    /// Each voter's dots per vote, when the board changed.
    dots: HashMap<String, HashMap<ElementId, Vec<ElementId>>>,
    room: Option<Room>,
    /// The workspace's revision: the picture of the view is drawn again when it moves.
    revision: u64,
    /// The message itself, when it is the same for everyone (nothing private, no votes in it):
    /// serialised once, sent to every connection as is.
    same: Option<axum::extract::ws::Utf8Bytes>,
}

struct Shared {
    host: Arc<Host>,
    workspace: Arc<dyn Workspace>,
    changes: broadcast::Sender<Arc<Change>>,
    language: Language,
    activity: Option<Activity>,
}

/// Called after a participant joined or made a change (the desktop redraws its workshop panel).
pub type Activity = Arc<dyn Fn() + Send + Sync>;

impl Shared {
    fn active(&self) {
        if let Some(f) = &self.activity {
            f();
        }
    }
}

/// Starts serving `host` on `bind` (`127.0.0.1:0` picks a free port). Returns once listening.
/// `activity` is called after each participant's join and change.
pub fn start(
    workspace: Arc<dyn Workspace>,
    host: Host,
    bind: SocketAddr,
    language: Language,
    activity: Option<Activity>,
) -> Result<Running, AppError> {
    let host = Arc::new(host);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .thread_name("michi-workshop")
        .build()
        .map_err(|e| AppError::new(ErrorCode::Io, format!("cannot start the workshop host: {e}")))?;
    // Bound here, so that a refused address is the caller's error (and callable from inside another
    // runtime, as the desktop's commands are).
    let listener = std::net::TcpListener::bind(bind)
        .and_then(|l| l.set_nonblocking(true).map(|()| l))
        .map_err(|e| AppError::new(ErrorCode::Io, format!("cannot listen on {bind}: {e}")))?;
    let addr = listener.local_addr().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let (wake, woken) = watch::channel(0u64);
    workspace.with(&mut |s| {
        let wake = wake.clone();
        s.set_listener(Some(Box::new(move || {
            wake.send_modify(|n| *n += 1);
        })));
    })?;
    let (changes, _) = broadcast::channel(1024);
    let shared = Arc::new(Shared { host: host.clone(), workspace: workspace.clone(), changes, language, activity });
    let app = Router::new()
        .route("/api/join", post(join))
        .route("/api/socket", get(socket))
        .route("/api/picture.svg", get(picture))
        .fallback(get(page))
        .layer(DefaultBodyLimit::max(4096))
        .with_state(shared.clone());
    let (stop, stopped) = oneshot::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("michi-workshop".into())
        .spawn(move || {
            runtime.block_on(async move {
                let Ok(listener) = tokio::net::TcpListener::from_std(listener) else { return };
                tokio::spawn(broadcaster(shared, woken));
                let _ = axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
                    .with_graceful_shutdown(async {
                        let _ = stopped.await;
                    })
                    .await;
            });
            runtime.shutdown_timeout(Duration::from_secs(1));
        })
        .map_err(|e| AppError::new(ErrorCode::Io, format!("cannot start the workshop host: {e}")))?;
    Ok(Running { addr, host, stop: Some(stop), thread: Some(thread), workspace })
}

/// The machine's IPv4 addresses participants could reach (loopback last), for the facilitator to
/// pick one.
pub fn addresses() -> Vec<IpAddr> {
    let mut all: Vec<IpAddr> =
        if_addrs::get_if_addrs().unwrap_or_default().into_iter().map(|i| i.ip()).filter(IpAddr::is_ipv4).collect();
    all.sort_by_key(|ip| (ip.is_loopback(), *ip));
    all.dedup();
    all
}

/// The join URL as a QR code (SVG), for the projector.
pub fn qr_svg(url: &str) -> Result<String, AppError> {
    let code =
        qrcode::QrCode::new(url.as_bytes()).map_err(|e| AppError::invalid(format!("no QR code for {url}: {e}")))?;
    Ok(code.render::<qrcode::render::svg::Color>().min_dimensions(200, 200).quiet_zone(true).build())
}

fn error_response(e: &AppError) -> Response {
    let status = match e.code {
        ErrorCode::Unauthorized => StatusCode::UNAUTHORIZED,
        ErrorCode::Refused if e.reason.as_deref() == Some("tooMany") => StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::NotFound | ErrorCode::UnknownView => StatusCode::NOT_FOUND,
        _ => StatusCode::BAD_REQUEST,
    };
    (status, axum::Json(json!({"code": e.code, "reason": e.reason, "message": e.message}))).into_response()
}

#[derive(Deserialize)]
struct JoinRequest {
    pin: String,
    name: String,
}

async fn join(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    body: axum::body::Bytes,
) -> Response {
    let Ok(req) = serde_json::from_slice::<JoinRequest>(&body) else {
        return error_response(&AppError::invalid("a join is {\"pin\": …, \"name\": …}"));
    };
    match shared.host.join(&req.pin, &req.name, from.ip()) {
        Ok(joined) => {
            shared.active();
            axum::Json(joined).into_response()
        }
        Err(e) => error_response(&e),
    }
}

#[derive(Deserialize)]
struct TokenQuery {
    token: Option<String>,
}

fn participant(shared: &Shared, q: &TokenQuery) -> Result<michi_app::workshop::Participant, AppError> {
    shared.host.participant(q.token.as_deref().unwrap_or(""))
}

async fn picture(State(shared): State<Arc<Shared>>, Query(q): Query<TokenQuery>) -> Response {
    if let Err(e) = participant(&shared, &q) {
        return error_response(&e);
    }
    let host = shared.host.clone();
    let language = shared.language;
    let drawn = tokio::task::spawn_blocking(move || {
        with(shared.workspace.as_ref(), |s| {
            let view = host.board(s, None)?.view.ok_or_else(|| AppError::not_found("no view is being worked on"))?;
            michi_app::outputs::svg(s.workspace(), &view.id, language)
        })
    })
    .await
    .unwrap_or_else(|e| Err(AppError::new(ErrorCode::Io, e.to_string())));
    match drawn {
        Ok(svg) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static("image/svg+xml")),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
                (
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'"),
                ),
                (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
            ],
            svg,
        )
            .into_response(),
        Err(e) => error_response(&e),
    }
}

async fn page(uri: Uri) -> Response {
    let path = match uri.path() {
        "/" => "/index.html",
        p => p,
    };
    let security = [
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; \
                 script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
            ),
        ),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")),
    ];
    let Some((_, bytes)) = assets::ASSETS.iter().find(|(p, _)| *p == path) else {
        if assets::ASSETS.is_empty() && path == "/index.html" {
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                security,
                "The participant's page is not built: run `npm run build:ui`, then build Michi again.",
            )
                .into_response();
        }
        return (StatusCode::NOT_FOUND, security, "not found").into_response();
    };
    let kind = match path.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    };
    let mut response = (security, *bytes).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    response
}

async fn socket(State(shared): State<Arc<Shared>>, Query(q): Query<TokenQuery>, upgrade: WebSocketUpgrade) -> Response {
    let token = q.token.clone().unwrap_or_default();
    let who = match participant(&shared, &q) {
        Ok(p) => p,
        Err(e) => return error_response(&e),
    };
    upgrade
        .max_message_size(MAX_MESSAGE)
        .max_frame_size(MAX_MESSAGE)
        .on_upgrade(move |ws| connection(shared, token, who, ws))
}

/// The board as `name`/`key` sees it, whole.
fn full(shared: &Shared, token: &str) -> Result<Value, AppError> {
    with(shared.workspace.as_ref(), |s| {
        let board = shared.host.board(s, Some(token))?;
        let room = shared.host.room(s);
        let me = shared.host.participant(token)?.name;
        Ok(json!({"type": "full", "board": board, "room": room, "me": me, "revision": s.revision()}))
    })
}

#[derive(Deserialize)]
struct Incoming {
    id: u64,
    action: Value,
}

async fn connection(shared: Arc<Shared>, token: String, who: michi_app::workshop::Participant, ws: WebSocket) {
    let (mut tx, mut rx) = ws.split();
    let mut changes = shared.changes.subscribe();
    let send = |v: Value| Message::Text(v.to_string().into());
    let Ok(first) = full(&shared, &token) else { return };
    if tx.send(send(first)).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            incoming = rx.next() => {
                let Some(Ok(message)) = incoming else { break };
                let text = match message {
                    Message::Text(t) => t,
                    Message::Close(_) => break,
                    _ => continue,
                };
                let answer = match serde_json::from_str::<Incoming>(text.as_str()) {
                    Ok(m) => {
                        let result = match serde_json::from_value::<Action>(m.action) {
                            Ok(action) => {
                                let (shared, token) = (shared.clone(), token.clone());
                                tokio::task::spawn_blocking(move || {
                                    with(shared.workspace.as_ref(), |s| shared.host.act(s, &token, action))
                                })
                                .await
                                .unwrap_or_else(|e| Err(AppError::new(ErrorCode::Io, e.to_string())))
                            }
                            Err(e) => Err(AppError::invalid(format!("not an action: {e}"))),
                        };
                        match result {
                            Ok(()) => {
                                shared.active();
                                json!({"type": "ack", "id": m.id})
                            }
                            Err(e) => json!({"type": "refused", "id": m.id, "code": e.code, "reason": e.reason, "message": e.message}),
                        }
                    }
                    Err(_) => json!({"type": "refused", "id": null, "code": ErrorCode::InvalidRequest, "message": "a message is {\"id\": N, \"action\": {…}}"}),
                };
                if tx.send(send(answer)).await.is_err() {
                    break;
                }
            }
            change = changes.recv() => {
                let message = match change {
                    Ok(change) if change.same.is_some() => {
                        if tx.send(Message::Text(change.same.clone().expect("checked"))).await.is_err() {
                            break;
                        }
                        continue;
                    }
                    Ok(change) => patch(&change, &who),
                    Err(broadcast::error::RecvError::Lagged(_)) => match full(&shared, &token) {
                        Ok(v) => v,
                        Err(_) => break,
                    },
                    Err(broadcast::error::RecvError::Closed) => break,
                };
                if tx.send(send(message)).await.is_err() {
                    break;
                }
            }
        }
    }
}

/// A change as one participant sees it: their private notes in full, their own dots.
fn patch(change: &Change, who: &michi_app::workshop::Participant) -> Value {
    let notes: Vec<Value> = change
        .notes
        .iter()
        .map(|n| {
            let mut v = serde_json::to_value(n).expect("notes serialise");
            if let Some((author, text)) = change.private.get(&n.id)
                && *author == who.name
            {
                v["text"] = json!(text);
                v["masked"] = json!(false);
            }
            v
        })
        .collect();
    let mut out = json!({
        "type": "patch",
        "notes": notes,
        "removed": change.removed,
        "placed": change.placed,
        "unplaced": change.unplaced,
        "revision": change.revision,
    });
    if let Some(board) = &change.board {
        let mut board = board.clone();
        if let Some(votes) = board.get_mut("votes").and_then(Value::as_array_mut) {
            let mine = change.dots.get(&who.key);
            for v in votes {
                let id = v["id"].as_str().unwrap_or_default().to_string();
                let dots = mine.and_then(|m| m.iter().find(|(k, _)| k.as_str() == id)).map(|(_, d)| d.clone());
                v["mine"] = json!(dots.unwrap_or_default());
            }
        }
        out["board"] = board;
    }
    if let Some(room) = &change.room {
        out["room"] = serde_json::to_value(room).expect("the room serialises");
    }
    out
}

/// Wakes on every change, reads the board once, and sends every connection what moved.
async fn broadcaster(shared: Arc<Shared>, mut woken: watch::Receiver<u64>) {
    let mut last: Option<(Board, Room)> = None;
    while woken.changed().await.is_ok() {
        let s = shared.clone();
        let read = tokio::task::spawn_blocking(move || {
            with(s.workspace.as_ref(), |session| {
                let board = s.host.board(session, None)?;
                let room = s.host.room(session);
                let ws = session.workspace();
                // Private notes' texts and each voter's dots, for their owners only.
                let mut private = HashMap::new();
                for n in board.notes.iter().filter(|n| n.masked) {
                    if let Some(michi_core::ElementData::StickyNote(data)) = ws.data(&n.id) {
                        private.insert(n.id.clone(), (data.author.clone(), data.text.clone()));
                    }
                }
                let mut dots: HashMap<String, HashMap<ElementId, Vec<ElementId>>> = HashMap::new();
                for v in &board.votes {
                    if let Some(michi_core::ElementData::Vote(data)) = ws.data(&v.id) {
                        for b in &data.ballots {
                            dots.entry(b.voter.clone())
                                .or_default()
                                .entry(v.id.clone())
                                .or_default()
                                .push(b.target.clone());
                        }
                    }
                }
                Ok((board, room, private, dots, session.revision()))
            })
        })
        .await;
        let Ok(Ok((board, room, private, dots, revision))) = read else { continue };
        let mut change = diff(last.as_ref(), &board, &room, private, dots);
        change.revision = revision;
        let personal = !change.private.is_empty() || (change.board.is_some() && !board.votes.is_empty());
        if !personal {
            let nobody = michi_app::workshop::Participant::nobody();
            change.same = Some(patch(&change, &nobody).to_string().into());
        }
        last = Some((board, room));
        let _ = shared.changes.send(Arc::new(change));
    }
}

fn without_notes(board: &Board) -> Value {
    let mut v = serde_json::to_value(board).expect("the board serialises");
    v["notes"] = Value::Null;
    v["placed"] = Value::Null;
    v
}

fn diff(
    last: Option<&(Board, Room)>,
    board: &Board,
    room: &Room,
    private: HashMap<ElementId, (String, String)>,
    dots: HashMap<String, HashMap<ElementId, Vec<ElementId>>>,
) -> Change {
    let (old_notes, old_placed, old_rest, old_room) = match last {
        Some((b, r)) => (&b.notes[..], &b.placed[..], Some(without_notes(b)), Some(r)),
        None => (&[][..], &[][..], None, None),
    };
    let changed = |old: &[BoardNote], new: &[BoardNote]| -> (Vec<BoardNote>, Vec<ElementId>) {
        let before: HashMap<&ElementId, &BoardNote> = old.iter().map(|n| (&n.id, n)).collect();
        let now: HashSet<&ElementId> = new.iter().map(|n| &n.id).collect();
        let upserts = new.iter().filter(|n| before.get(&n.id) != Some(n)).cloned().collect();
        let removed = old.iter().filter(|n| !now.contains(&n.id)).map(|n| n.id.clone()).collect();
        (upserts, removed)
    };
    let (notes, removed) = changed(old_notes, &board.notes);
    let (placed, unplaced) = changed(old_placed, &board.placed);
    let rest = without_notes(board);
    let private = private.into_iter().filter(|(id, _)| notes.iter().any(|n| &n.id == id)).collect();
    Change {
        notes,
        removed,
        placed,
        unplaced,
        private,
        board: (old_rest.as_ref() != Some(&rest)).then_some(rest),
        dots,
        room: (old_room != Some(room)).then(|| room.clone()),
        revision: 0,
        same: None,
    }
}

//! Workshops with participants on the LAN (the use cases; the HTTP and WebSocket server that
//! carries them is `michi-workshop`). The facilitator starts a session on a workshop and a view; a
//! participant joins with the session's PIN and a name and gets a token; every action of theirs is
//! an ordinary edit through [`Session::edit_by`], recorded with their name, undoable and saved
//! before it is acknowledged. What is not the model — the PIN, who joined, the timer, the lock,
//! private mode, "bring everyone to me" — lives here, in memory, for as long as the session runs.
//!
//! Limits (each refusal names its reason; nothing is stored): a name of 1 to [`MAX_NAME`]
//! characters, a note of 1 to [`MAX_NOTE`] characters, [`MAX_PARTICIPANTS`] participants, a burst of
//! [`BURST`] actions then [`PER_SECOND`] a second per participant, and [`MAX_FAILED_JOINS`] wrong
//! PINs a minute from one address.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use michi_core::derive::workshop::{Board, Viewer, board};
use michi_core::element::{ElementData, ElementKind, Perspective, StickyNote, Workshop};
use michi_core::{Edit, ElementId, ViewId};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, ErrorCode};
use crate::session::Session;

pub const MAX_NAME: usize = 40;
pub const MAX_NOTE: usize = 500;
pub const MAX_PARTICIPANTS: usize = 200;
pub const BURST: f64 = 40.0;
pub const PER_SECOND: f64 = 10.0;
pub const MAX_FAILED_JOINS: usize = 10;

/// What a participant asks for.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Action {
    /// A sticky note, sent with an id the browser made (a note sent again is added once).
    #[serde(rename_all = "camelCase")]
    Note {
        client: String,
        text: String,
        on: Option<ElementId>,
        row: Option<ElementKind>,
        perspective: Option<Perspective>,
    },
    Vote {
        vote: ElementId,
        target: ElementId,
    },
    Unvote {
        vote: ElementId,
        target: ElementId,
    },
}

/// The agenda's clock: which step runs, and until when.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Timer {
    /// The agenda step (from 0), if one was started.
    pub step: Option<u32>,
    pub running: bool,
    /// Milliseconds left (negative: over time), as of when this was read.
    pub remaining_ms: f64,
}

/// "Bring everyone to me": participants move to this view and element; `seq` grows each time.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Follow {
    pub seq: u32,
    pub focus: Option<ElementId>,
}

/// What changes in the room besides the model.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Room {
    pub locked: bool,
    pub private: bool,
    pub timer: Timer,
    pub follow: Follow,
    /// Names of who joined, in the order they did.
    pub participants: Vec<String>,
}

/// The facilitator's panel: the session's PIN, where participants join, and the room.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct HostStatus {
    pub workshop: ElementId,
    pub view: Option<ViewId>,
    pub pin: String,
    pub room: Room,
}

/// A participant let in.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Joined {
    pub token: String,
    pub name: String,
}

#[derive(Clone, Debug)]
pub struct Participant {
    pub name: String,
    /// Their voter key: what a ballot records instead of their name.
    pub key: String,
    allowance: f64,
    refilled: Instant,
}

impl Participant {
    /// No one in particular: what everyone is sent alike.
    pub fn nobody() -> Participant {
        Participant { name: String::new(), key: String::new(), allowance: 0.0, refilled: Instant::now() }
    }
}

struct State {
    view: Option<ViewId>,
    locked: bool,
    private: bool,
    step: Option<u32>,
    /// While running: when the step ends. While paused: how much was left.
    ends: Option<Instant>,
    left: Duration,
    follow: Follow,
    participants: HashMap<String, Participant>,
    order: Vec<String>,
    failed: HashMap<IpAddr, VecDeque<Instant>>,
}

/// A running workshop session.
pub struct Host {
    workshop: ElementId,
    pin: String,
    state: Mutex<State>,
}

/// Random bytes from the system (uuid's generator), as hex.
fn random_hex(bytes: usize) -> String {
    let mut s = String::new();
    while s.len() < bytes * 2 {
        s.push_str(&uuid::Uuid::new_v4().simple().to_string());
    }
    s.truncate(bytes * 2);
    s
}

pub(crate) fn now_seconds() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0)
}

impl Host {
    /// Starts a session on `workshop` (or the workshop named `name`, made as an undoable edit when
    /// there is none) over `view`.
    pub fn start(
        session: &mut Session,
        workshop: Option<ElementId>,
        name: &str,
        view: Option<ViewId>,
    ) -> Result<Host, AppError> {
        let workshop = match workshop {
            Some(id) => match session.workspace().kind_of(&id) {
                Some(ElementKind::Workshop) => id,
                _ => return Err(AppError::not_found(format!("there is no workshop {id}"))),
            },
            None if let Some(same) = session
                .workspace()
                .elements_of_kind(ElementKind::Workshop)
                .filter(|e| e.data.label() == name.trim())
                .map(|e| e.id.clone())
                .max() =>
            {
                same
            }
            None => {
                let today = (now_seconds() / 86_400.0).floor() * 86_400.0;
                let data = ElementData::Workshop(Workshop {
                    name: if name.trim().is_empty() { "ワークショップ".into() } else { name.trim().into() },
                    date: Some(today),
                    dots: 3,
                    ..Default::default()
                });
                session.edit_by("", Edit::Create { data })?.remove(0)
            }
        };
        if let Some(v) = &view
            && session.workspace().view(v).is_none()
        {
            return Err(AppError::new(ErrorCode::UnknownView, format!("there is no view {v}")));
        }
        // Six digits from the system's random source.
        let pin = format!("{:06}", u64::from_str_radix(&random_hex(6), 16).unwrap_or(0) % 1_000_000);
        Ok(Host {
            workshop,
            pin,
            state: Mutex::new(State {
                view,
                locked: false,
                private: false,
                step: None,
                ends: None,
                left: Duration::ZERO,
                follow: Follow::default(),
                participants: HashMap::new(),
                order: Vec::new(),
                failed: HashMap::new(),
            }),
        })
    }

    /// Starts a session by names, as `michi workshop` does: the workshop named `workshop` (made if
    /// there is none; the newest one, or a new one, when not given) over the view whose journey or
    /// diagram is named `view` (the first journey map when not given).
    pub fn start_named(session: &mut Session, workshop: Option<&str>, view: Option<&str>) -> Result<Host, AppError> {
        let ws = session.workspace();
        let label = |id: &ElementId| ws.data(id).map(|d| d.label().to_string()).unwrap_or_default();
        let views: Vec<(ViewId, String, bool)> = ws
            .views()
            .map(|v| match &v.kind {
                michi_core::ViewKind::JourneyMap { journey, .. } => (v.id.clone(), label(journey), true),
                michi_core::ViewKind::Process { root, .. } => (v.id.clone(), label(root), false),
            })
            .collect();
        let view = match view {
            Some(name) => {
                let found: Vec<&(ViewId, String, bool)> = views.iter().filter(|v| v.1 == name).collect();
                match found[..] {
                    [one] => Some(one.0.clone()),
                    [] => {
                        let names: Vec<&str> = views.iter().map(|v| v.1.as_str()).collect();
                        return Err(AppError::not_found(format!(
                            "no journey or diagram is named {name:?}; there are {names:?}"
                        )));
                    }
                    _ => return Err(AppError::invalid(format!("more than one journey or diagram is named {name:?}"))),
                }
            }
            None => views.iter().find(|v| v.2).or(views.first()).map(|v| v.0.clone()),
        };
        let existing = find(ws, workshop).ok();
        let new_name = workshop.unwrap_or("ワークショップ");
        Host::start(session, existing, new_name, view)
    }

    pub fn workshop(&self) -> &ElementId {
        &self.workshop
    }

    pub fn pin(&self) -> &str {
        &self.pin
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Lets a participant in with the session's PIN and a name (made unique in the room).
    pub fn join(&self, pin: &str, name: &str, from: IpAddr) -> Result<Joined, AppError> {
        let mut st = self.state();
        let now = Instant::now();
        let failed = st.failed.entry(from).or_default();
        while failed.front().is_some_and(|t| now.duration_since(*t) > Duration::from_secs(60)) {
            failed.pop_front();
        }
        if failed.len() >= MAX_FAILED_JOINS {
            return Err(AppError::refused("tooMany", "too many wrong PINs from this address: wait a minute"));
        }
        if !constant_time_eq(pin.trim().as_bytes(), self.pin.as_bytes()) {
            failed.push_back(now);
            return Err(AppError::new(ErrorCode::Unauthorized, "wrong PIN"));
        }
        let name = name.trim();
        if name.is_empty() || name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
            return Err(AppError::refused("name", format!("a name is 1 to {MAX_NAME} characters")));
        }
        if st.participants.len() >= MAX_PARTICIPANTS {
            return Err(AppError::refused("full", format!("the room holds {MAX_PARTICIPANTS} participants")));
        }
        let mut unique = name.to_string();
        let mut n = 2;
        while st.participants.values().any(|p| p.name == unique) {
            unique = format!("{name} ({n})");
            n += 1;
        }
        let token = random_hex(16);
        st.participants.insert(
            token.clone(),
            Participant { name: unique.clone(), key: random_hex(8), allowance: BURST, refilled: now },
        );
        st.order.push(token.clone());
        Ok(Joined { token, name: unique })
    }

    /// The participant a token stands for.
    pub fn participant(&self, token: &str) -> Result<Participant, AppError> {
        self.state()
            .participants
            .get(token)
            .cloned()
            .ok_or_else(|| AppError::new(ErrorCode::Unauthorized, "no participant has this token: join again"))
    }

    /// Performs a participant's action as an edit made by them.
    pub fn act(&self, session: &mut Session, token: &str, action: Action) -> Result<(), AppError> {
        let (name, key, private) = {
            let mut st = self.state();
            let locked = st.locked;
            let private = st.private;
            let p = st
                .participants
                .get_mut(token)
                .ok_or_else(|| AppError::new(ErrorCode::Unauthorized, "no participant has this token: join again"))?;
            let now = Instant::now();
            p.allowance = (p.allowance + now.duration_since(p.refilled).as_secs_f64() * PER_SECOND).min(BURST);
            p.refilled = now;
            if p.allowance < 1.0 {
                return Err(AppError::refused("tooMany", "too many actions: slow down"));
            }
            p.allowance -= 1.0;
            if locked {
                return Err(AppError::refused("locked", "the facilitator has locked the board"));
            }
            (p.name.clone(), p.key.clone(), private)
        };
        let edit = match action {
            Action::Note { client, text, on, row, perspective } => {
                let text = text.trim().to_string();
                if text.is_empty() || text.chars().count() > MAX_NOTE {
                    return Err(AppError::refused("tooLong", format!("a note is 1 to {MAX_NOTE} characters")));
                }
                if row.is_some_and(|r| !michi_core::relation::BECOMES.contains(&r)) {
                    return Err(AppError::invalid("a note's row is a card kind"));
                }
                Edit::AddNote {
                    workshop: self.workshop.clone(),
                    client,
                    note: StickyNote {
                        text,
                        author: name.clone(),
                        row,
                        hidden: private && perspective.is_none(),
                        perspective,
                        at: Some(now_seconds()),
                    },
                    on,
                }
            }
            Action::Vote { vote, target } => {
                self.own_vote(session, &vote)?;
                Edit::CastVote { vote, voter: key, target }
            }
            Action::Unvote { vote, target } => {
                self.own_vote(session, &vote)?;
                Edit::RetractVote { vote, voter: key, target }
            }
        };
        session.edit_by(&name, edit)?;
        Ok(())
    }

    /// Refuses a vote of another workshop.
    fn own_vote(&self, session: &Session, vote: &ElementId) -> Result<(), AppError> {
        let ws = session.workspace();
        if ws.container(vote, michi_core::RelationKind::InWorkshop).as_ref() != Some(&self.workshop) {
            return Err(AppError::not_found(format!("there is no vote {vote} in this workshop")));
        }
        Ok(())
    }

    /// The board as the facilitator's projector shows it (private notes masked), or as the
    /// participant with `token` sees it.
    pub fn board(&self, session: &Session, token: Option<&str>) -> Result<Board, AppError> {
        let (view, who) = {
            let st = self.state();
            let who = match token {
                Some(t) => Some(
                    st.participants
                        .get(t)
                        .cloned()
                        .ok_or_else(|| AppError::new(ErrorCode::Unauthorized, "no participant has this token"))?,
                ),
                None => None,
            };
            (st.view.clone(), who)
        };
        let viewer =
            Viewer { name: who.as_ref().map(|p| p.name.as_str()), voter: who.as_ref().map(|p| p.key.as_str()) };
        board(session.workspace(), &self.workshop, view.as_ref(), viewer)
            .ok_or_else(|| AppError::not_found("the workshop is no longer in the workspace"))
    }

    /// The room now: lock, private mode, timer, follow, who joined.
    pub fn room(&self, session: &Session) -> Room {
        let _ = session;
        let st = self.state();
        let now = Instant::now();
        let remaining_ms = match (st.step, st.ends) {
            (Some(_), Some(ends)) => {
                if ends >= now {
                    ends.duration_since(now).as_secs_f64() * 1000.0
                } else {
                    -(now.duration_since(ends).as_secs_f64() * 1000.0)
                }
            }
            (Some(_), None) => st.left.as_secs_f64() * 1000.0,
            _ => 0.0,
        };
        Room {
            locked: st.locked,
            private: st.private,
            timer: Timer { step: st.step, running: st.ends.is_some(), remaining_ms: remaining_ms.round() },
            follow: st.follow.clone(),
            participants: st.order.iter().filter_map(|t| st.participants.get(t)).map(|p| p.name.clone()).collect(),
        }
    }

    pub fn status(&self, session: &Session) -> HostStatus {
        // One lock at a time: the view is read (and the guard gone) before the room is.
        let view = self.state().view.clone();
        HostStatus { workshop: self.workshop.clone(), view, pin: self.pin.clone(), room: self.room(session) }
    }

    /// The facilitator's controls; each answers with the room as it is now.
    pub fn control(&self, session: &Session, control: Control) -> Result<Room, AppError> {
        {
            let mut st = self.state();
            match control {
                Control::Lock { locked } => st.locked = locked,
                Control::Private { private } => st.private = private,
                Control::View { view } => {
                    if let Some(v) = &view
                        && session.workspace().view(v).is_none()
                    {
                        return Err(AppError::new(ErrorCode::UnknownView, format!("there is no view {v}")));
                    }
                    st.view = view;
                }
                Control::Follow { view, focus } => {
                    if let Some(v) = view {
                        if session.workspace().view(&v).is_none() {
                            return Err(AppError::new(ErrorCode::UnknownView, format!("there is no view {v}")));
                        }
                        st.view = Some(v);
                    }
                    st.follow = Follow { seq: st.follow.seq + 1, focus };
                }
                Control::Step { step } => {
                    let minutes = match session.workspace().data(&self.workshop) {
                        Some(ElementData::Workshop(w)) => match step.and_then(|s| w.agenda.get(s as usize)) {
                            Some(s) => s.minutes,
                            None if step.is_none() => 0,
                            None => return Err(AppError::invalid("the agenda has no such step")),
                        },
                        _ => return Err(AppError::not_found("the workshop is no longer in the workspace")),
                    };
                    st.step = step;
                    st.left = Duration::from_secs(u64::from(minutes) * 60);
                    st.ends = step.map(|_| Instant::now() + st.left);
                }
                Control::Pause => {
                    if let Some(ends) = st.ends.take() {
                        st.left = ends.saturating_duration_since(Instant::now());
                    }
                }
                Control::Resume => {
                    if st.step.is_some() && st.ends.is_none() {
                        st.ends = Some(Instant::now() + st.left);
                    }
                }
                Control::AddMinute => match st.ends.as_mut() {
                    Some(ends) => *ends += Duration::from_secs(60),
                    None => st.left += Duration::from_secs(60),
                },
            }
        }
        session.notify_listener();
        Ok(self.room(session))
    }
}

/// What the facilitator changes in the room.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Control {
    /// Participants can look but not add.
    Lock {
        locked: bool,
    },
    /// New notes are hidden from others until revealed (`Edit::RevealNotes`).
    Private {
        private: bool,
    },
    /// The view the board is over.
    View {
        view: Option<ViewId>,
    },
    /// Bring everyone to this view (if given) and element.
    Follow {
        view: Option<ViewId>,
        focus: Option<ElementId>,
    },
    /// Starts an agenda step's timebox (none: no step).
    Step {
        step: Option<u32>,
    },
    Pause,
    Resume,
    AddMinute,
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The record of `workshop`: the core's summary with the diagnosis of what it put into the model.
pub fn summary(
    ws: &michi_core::Workspace,
    workshop: &ElementId,
) -> Result<michi_core::derive::document::Document, AppError> {
    let mut doc = michi_core::derive::workshop::summary(ws, workshop)
        .ok_or_else(|| AppError::not_found(format!("there is no workshop {workshop}")))?;
    let added: Vec<ElementId> = ws
        .incoming(workshop, michi_core::RelationKind::InWorkshop)
        .iter()
        .filter_map(|r| michi_core::edit::became(ws, &r.from))
        .collect();
    doc.sections.push(michi_core::diagnose::section_about(&michi_core::diagnose::diagnosis(ws), &added));
    Ok(doc.with_views(ws))
}

/// The workshop named `name` (the newest when not given).
pub fn find(ws: &michi_core::Workspace, name: Option<&str>) -> Result<ElementId, AppError> {
    ws.elements_of_kind(ElementKind::Workshop)
        .filter(|e| name.is_none_or(|n| e.data.label() == n || e.id.as_str() == n))
        .max_by(|a, b| {
            let date = |e: &michi_core::Element| match &e.data {
                ElementData::Workshop(w) => w.date.unwrap_or(0.0),
                _ => 0.0,
            };
            date(a).total_cmp(&date(b)).then_with(|| a.id.cmp(&b.id))
        })
        .map(|e| e.id.clone())
        .ok_or_else(|| match name {
            Some(n) => AppError::not_found(format!("there is no workshop named {n:?}")),
            None => AppError::not_found("the workspace has no workshop"),
        })
}

/// The record of a workshop as a file's bytes: Markdown, HTML, JSON (the document) or PDF.
pub fn summary_bytes(
    ws: &michi_core::Workspace,
    workshop: &ElementId,
    format: crate::outputs::Format,
    language: crate::Language,
) -> Result<Vec<u8>, AppError> {
    use crate::outputs::Format;
    let doc = summary(ws, workshop)?;
    Ok(match format {
        Format::Json => format!("{}\n", serde_json::to_string_pretty(&doc).expect("documents serialise")).into_bytes(),
        Format::Pdf => {
            crate::outputs::pdf(std::slice::from_ref(&doc), &doc.title.plain_text(language.is_japanese()), language)?
        }
        f => crate::outputs::text(&doc, f, language).into_bytes(),
    })
}

impl Session {
    /// Writes the record of `workshop` to `path` (the format by its extension), whole or not at all.
    pub fn export_workshop_summary(
        &self,
        workshop: &ElementId,
        language: crate::Language,
        path: &std::path::Path,
    ) -> Result<(), AppError> {
        let format = crate::outputs::Format::of_path(path);
        let bytes = summary_bytes(self.workspace(), workshop, format, language)?;
        crate::files::write_whole(path, &bytes)
    }
}

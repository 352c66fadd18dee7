//! Edits made while the database cannot be reached, kept on the machine until they are sent, and
//! the ones the database refused when they were, kept until their author has seen them.
//!
//! Both are JSON files in a folder the caller chooses (the app's data folder), one pair per team
//! workspace and person. Every change rewrites the file beside itself, syncs it and renames it into
//! place, so a crash leaves the old list or the new one, never half of one.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use michi_core::{Edit, Op};
use serde::{Deserialize, Serialize};

/// An edit made offline: what was asked, the ids it drew (so it makes the same ones when compiled
/// again), and the inverse it had locally (to undo it before it is sent).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Queued {
    /// Unique per edit: the database keeps it, so an edit sent twice is applied once.
    pub token: String,
    pub version: i64,
    pub label: String,
    /// Who made it when not the store's author (a workshop participant).
    #[serde(default)]
    pub author: Option<String>,
    pub edit: Edit,
    pub drawn: Vec<String>,
    pub inverse: Op,
    /// When it was made (milliseconds since 1970, UTC).
    pub at_ms: u64,
    /// The names of the elements it touched, by id, as they were when it was made.
    #[serde(default)]
    pub names: std::collections::BTreeMap<String, String>,
}

/// An edit the database refused when it was sent after a disconnection, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rejected {
    pub label: String,
    pub reason: String,
    /// What the edit needed and someone deleted meanwhile, as this person last saw it.
    #[serde(default)]
    pub gone: Option<String>,
    /// When the edit was made (milliseconds since 1970, UTC).
    pub at_ms: u64,
}

#[derive(Default, Serialize, Deserialize)]
struct Lists {
    queued: Vec<Queued>,
    rejected: Vec<Rejected>,
}

pub(crate) struct Queue {
    path: PathBuf,
    lists: Lists,
}

impl Queue {
    /// The queue kept at `path` (empty when there is none yet).
    pub(crate) fn open(path: PathBuf) -> std::io::Result<Queue> {
        let lists = match fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(std::io::Error::other)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Lists::default(),
            Err(e) => return Err(e),
        };
        Ok(Queue { path, lists })
    }

    pub(crate) fn queued(&self) -> &[Queued] {
        &self.lists.queued
    }

    pub(crate) fn rejected(&self) -> &[Rejected] {
        &self.lists.rejected
    }

    pub(crate) fn push(&mut self, q: Queued) -> std::io::Result<()> {
        self.lists.queued.push(q);
        self.save().inspect_err(|_| {
            self.lists.queued.pop();
        })
    }

    pub(crate) fn pop(&mut self) -> std::io::Result<Option<Queued>> {
        let last = self.lists.queued.pop();
        if let Some(q) = &last
            && let Err(e) = self.save()
        {
            self.lists.queued.push(q.clone());
            return Err(e);
        }
        Ok(last)
    }

    /// Takes the first queued edit out, adding `rejected` when it was refused.
    pub(crate) fn settle_first(&mut self, rejected: Option<Rejected>) -> std::io::Result<()> {
        let first = self.lists.queued.remove(0);
        self.lists.rejected.extend(rejected.clone());
        self.save().inspect_err(|_| {
            self.lists.queued.insert(0, first);
            if rejected.is_some() {
                self.lists.rejected.pop();
            }
        })
    }

    pub(crate) fn dismiss_rejected(&mut self) -> std::io::Result<()> {
        let old = std::mem::take(&mut self.lists.rejected);
        self.save().inspect_err(|_| self.lists.rejected = old.clone())
    }

    fn save(&self) -> std::io::Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir)?;
        if self.lists.queued.is_empty() && self.lists.rejected.is_empty() {
            return match fs::remove_file(&self.path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                _ => fs::File::open(dir).and_then(|d| d.sync_all()),
            };
        }
        let tmp = self.path.with_extension("new");
        let mut file = fs::File::create(&tmp)?;
        file.write_all(&serde_json::to_vec_pretty(&self.lists).map_err(std::io::Error::other)?)?;
        file.sync_all()?;
        fs::rename(&tmp, &self.path)?;
        fs::File::open(dir).and_then(|d| d.sync_all())
    }
}

//! Hearing of other clients' commits: a thread with a connection of its own that LISTENs on the
//! workspace's channel and tells its caller when something was committed, when the connection went
//! and when it came back. It reconnects by itself, once a second, until it is dropped.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use postgres::fallible_iterator::FallibleIterator;

/// What the watcher tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signal {
    /// Someone committed a change (or changed the versions): read what came after what you saw.
    Changed,
    /// The database cannot be reached.
    Offline,
    /// It can again (also told once when the watcher first connects): send what waits, read what
    /// you missed.
    Online,
}

/// A running watcher; dropping it stops the thread (within a quarter of a second).
pub struct Watcher {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

const TICK: Duration = Duration::from_millis(250);

/// Watches the team workspace `store` edits, calling `on` from the watcher's thread.
pub fn watch(store: &crate::team::TeamStore, on: impl Fn(Signal) + Send + 'static) -> Watcher {
    let target = store.target().clone();
    let channel = crate::team::channel(store.workspace_id());
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    let thread = std::thread::Builder::new()
        .name("michi-team-watch".into())
        .spawn(move || {
            let mut online: Option<bool> = None;
            while !flag.load(Ordering::SeqCst) {
                let listening = target.connect().and_then(|mut c| {
                    c.batch_execute(&format!("LISTEN {channel}"))?;
                    Ok(c)
                });
                let mut client = match listening {
                    Ok(c) => c,
                    Err(_) => {
                        if online != Some(false) {
                            online = Some(false);
                            on(Signal::Offline);
                        }
                        for _ in 0..4 {
                            if flag.load(Ordering::SeqCst) {
                                return;
                            }
                            std::thread::sleep(TICK);
                        }
                        continue;
                    }
                };
                on(Signal::Online);
                loop {
                    if flag.load(Ordering::SeqCst) {
                        return;
                    }
                    let mut heard = false;
                    let mut lost = false;
                    {
                        let mut notifications = client.notifications();
                        let first = notifications.timeout_iter(TICK).next();
                        match first {
                            Ok(Some(_)) => {
                                heard = true;
                                // Whatever else arrived with it: one signal for a burst.
                                while let Ok(Some(_)) = notifications.iter().next() {}
                            }
                            Ok(None) => {}
                            Err(_) => lost = true,
                        }
                    }
                    if heard {
                        on(Signal::Changed);
                    }
                    if lost || client.is_closed() {
                        online = Some(false);
                        on(Signal::Offline);
                        break;
                    }
                }
            }
        })
        .expect("a thread starts");
    Watcher { stop, thread: Some(thread) }
}

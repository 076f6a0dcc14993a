//! The served search index: rebuilt on a thread of its own when an edit
//! changes what it covers, and swapped in whole when ready, so the edited
//! page is served at once and search catches up a moment later.

use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use super::Served;
use crate::cmd::phase;
use crate::cmd::pipeline::keep_index;
use crate::render::search::{Priority, SearchPlan};
use crate::site::urls::rel;

/// The served search index. One rebuild runs at a time, on threads of low
/// priority so that pages are re-rendered first; edits made meanwhile are
/// gathered into the one rebuild that follows it.
#[derive(Default)]
pub struct SearchRefresh {
    state: Mutex<RefreshState>,
}

#[derive(Default)]
struct RefreshState {
    /// The fingerprint of the newest records asked for.
    wanted: Option<u128>,
    running: bool,
    /// Records that arrived while a rebuild was running.
    next: Option<SearchPlan<'static>>,
}

impl SearchRefresh {
    /// Rebuilds the index from the records `plan` makes unless their
    /// `fingerprint` is that of the index served or being built.
    pub fn refresh(
        self: &Arc<Self>,
        fingerprint: u128,
        plan: impl FnOnce() -> SearchPlan<'static>,
        served: &Arc<RwLock<Served>>,
    ) {
        let mut state = self.state.lock().expect("lock");
        if keep_index(state.wanted, fingerprint) {
            return;
        }
        state.wanted = Some(fingerprint);
        let plan = plan();
        if state.running {
            state.next = Some(plan);
            return;
        }
        state.running = true;
        drop(state);
        let (this, served) = (self.clone(), served.clone());
        std::thread::spawn(move || {
            let mut plan = plan;
            loop {
                this.build_and_serve(plan, &served);
                let mut state = this.state.lock().expect("lock");
                match state.next.take() {
                    Some(next) => plan = next,
                    None => {
                        state.running = false;
                        return;
                    }
                }
            }
        });
    }

    fn build_and_serve(&self, plan: SearchPlan, served: &RwLock<Served>) {
        let started = Instant::now();
        let fingerprint = plan.fingerprint;
        match plan.build(Priority::Background) {
            Ok(files) => {
                let dir = rel::search_index();
                let mut s = served.write().expect("lock");
                s.files.retain(|k, _| !k.starts_with(&dir));
                for f in files {
                    s.files.insert(f.path, Arc::from(f.bytes));
                }
                drop(s);
                phase("search index served", started);
            }
            Err(e) => {
                eprintln!("error: {e}; search shows the previous index");
                let mut state = self.state.lock().expect("lock");
                if state.wanted == Some(fingerprint) {
                    state.wanted = None;
                }
            }
        }
    }
}

//! Named points where a crash test stops a process at a known moment, so that it kills it
//! there and knows what it killed: inside a transaction that has written rows but not
//! committed, or just after a commit. Inert unless `TAAWUN_FAILPOINT` names the point
//! (`import.before_commit`, or `register.before_commit@13` for its 13th passage): the process
//! then prints `FAILPOINT <name>` on stderr and waits forever for the kill.

use std::{
    io::Write,
    sync::{
        OnceLock,
        atomic::{AtomicU64, Ordering},
    },
};

struct Armed {
    name: String,
    at: u64,
    passed: AtomicU64,
}

fn armed() -> Option<&'static Armed> {
    static ARMED: OnceLock<Option<Armed>> = OnceLock::new();
    ARMED
        .get_or_init(|| {
            let spec = std::env::var("TAAWUN_FAILPOINT").ok()?;
            let (name, at) = match spec.split_once('@') {
                Some((name, at)) => (name.to_string(), at.parse().ok()?),
                None => (spec, 1),
            };
            Some(Armed {
                name,
                at,
                passed: AtomicU64::new(0),
            })
        })
        .as_ref()
}

/// Stops here for good if the crash test armed this point (see the module's documentation).
pub(crate) fn pass(name: &str) {
    let Some(armed) = armed() else { return };
    if armed.name != name || armed.passed.fetch_add(1, Ordering::SeqCst) + 1 != armed.at {
        return;
    }
    let mut err = std::io::stderr();
    let _ = writeln!(err, "FAILPOINT {name}");
    let _ = err.flush();
    loop {
        std::thread::park();
    }
}

//! The in-memory name index of this process, kept in step with the database through the name
//! change log, and the name check built on it (availability and closest names).

use std::{collections::HashMap, sync::RwLock, time::Duration};

use serde::Serialize;
use taawun_search::{CONFLICT_THRESHOLD, NameIndex, is_distinctive};
use taawun_store::{NameChange, Store, StoreError, now};

/// Reservations share the index with registered names under negative ids.
fn reservation_key(request_id: i64) -> i64 {
    -request_id
}

pub struct Names {
    index: RwLock<NameIndex>,
    /// Last change of the log applied to the index; a watch, so that whoever needs the index to
    /// have caught up (a test of two processes) waits for it instead of for a time.
    applied: tokio::sync::watch::Sender<i64>,
}

impl std::fmt::Debug for Names {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Names")
    }
}

const PAGE: i64 = 50_000;

async fn build(store: &Store) -> Result<NameIndex, StoreError> {
    let mut names = Vec::new();
    let mut after = 0;
    loop {
        let page = store.cooperative_names(after, PAGE).await?;
        let Some(last) = page.last() else { break };
        after = last.0;
        names.extend(page);
    }
    for (id, ar, fr) in store.reserved_names().await? {
        names.push((reservation_key(id), ar, fr));
    }
    // Building is CPU work: keep it off the async workers.
    tokio::task::spawn_blocking(move || NameIndex::from_names(names))
        .await
        .map_err(|e| StoreError::ReferenceData(format!("index build: {e}")))
}

impl Names {
    /// Builds the index from the database. Name checks must never answer from a partial index,
    /// so the server starts serving only after this.
    pub async fn load(store: &Store) -> Result<Self, StoreError> {
        let seq = store.latest_name_change().await?;
        let index = build(store).await?;
        Ok(Self {
            index: RwLock::new(index),
            applied: tokio::sync::watch::Sender::new(seq),
        })
    }

    pub fn len(&self) -> usize {
        self.index.read().map(|i| i.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn search(&self, query: &str, limit: usize) -> Vec<taawun_search::Match> {
        match self.index.read() {
            Ok(index) => index.search(query, limit),
            Err(poisoned) => poisoned.into_inner().search(query, limit),
        }
    }

    fn with_index(&self, f: impl FnOnce(&mut NameIndex)) {
        match self.index.write() {
            Ok(mut index) => f(&mut index),
            Err(poisoned) => f(&mut poisoned.into_inner()),
        }
    }

    /// Applies the changes other requests or processes made since the last call.
    pub async fn sync(&self, store: &Store) -> Result<(), StoreError> {
        let since = *self.applied.borrow();
        let changes = store.name_changes_since(since).await?;
        let Some(&(last, _)) = changes.last() else {
            return Ok(());
        };
        if changes.iter().any(|(_, c)| *c == NameChange::Reload) {
            let index = build(store).await?;
            self.with_index(|i| *i = index);
        } else {
            for (_, change) in &changes {
                match *change {
                    NameChange::Cooperative(id) => match store.cooperative(id).await {
                        Ok(c) => self.with_index(|i| {
                            i.insert(
                                id,
                                c.name_ar.as_deref().unwrap_or(""),
                                c.name_fr.as_deref().unwrap_or(""),
                            )
                        }),
                        Err(StoreError::NotFound) => self.with_index(|i| i.remove(id)),
                        Err(e) => return Err(e),
                    },
                    NameChange::Reservation(id) => {
                        let r = store.name_request(id).await?;
                        let live = r.status == "approved" && r.reserved_until.is_some_and(|t| t > now());
                        self.with_index(|i| {
                            if live {
                                i.insert(
                                    reservation_key(id),
                                    r.name_ar.as_deref().unwrap_or(""),
                                    r.name_fr.as_deref().unwrap_or(""),
                                );
                            } else {
                                i.remove(reservation_key(id));
                            }
                        });
                    }
                    NameChange::Reload => {}
                }
            }
        }
        self.applied.send_replace(last);
        Ok(())
    }

    /// Returns once the index has applied the change log up to `seq`.
    pub async fn caught_up_to(&self, seq: i64) {
        let mut applied = self.applied.subscribe();
        // The sender lives as long as `self`, so waiting cannot fail while we hold `&self`.
        let _ = applied.wait_for(|s| *s >= seq).await;
    }

    /// Follows the change log for as long as the server runs.
    pub async fn follow(&self, store: Store) {
        let mut waiter = store.change_waiter().await;
        loop {
            waiter.wait(Duration::from_secs(2)).await;
            if let Err(e) = self.sync(&store).await {
                tracing::warn!(error = %e, "name index sync failed; will retry");
            }
        }
    }
}

/// One close name, with what a person needs to judge it.
#[derive(Debug, Clone, Serialize)]
pub struct CheckedMatch {
    /// The cooperative's id, or the name request's id when `source` is `reservation`.
    pub id: i64,
    /// `register` (a cooperative or union) or `reservation` (a name approved and reserved).
    pub source: &'static str,
    pub name_ar: Option<String>,
    pub name_fr: Option<String>,
    pub score: f32,
    pub reason: &'static str,
    /// Status of the cooperative (`active`, `radiated`, …) or `reserved`.
    pub status: String,
    pub region_code: String,
    /// True when this name makes the requested one unavailable.
    pub blocking: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct NameCheck {
    /// The name has a distinctive element: a word beyond the legal form, the members, the
    /// sector, products and place prefixes ([`is_distinctive`]). Without one it is not
    /// available, whatever the register holds.
    pub distinctive: bool,
    /// Distinctive, and no close name blocks it.
    pub available: bool,
    /// Closest names, best first: for a name without a distinctive word, the names built on
    /// the same words.
    pub matches: Vec<CheckedMatch>,
}

impl NameCheck {
    fn new(distinctive: bool, matches: Vec<CheckedMatch>) -> Self {
        Self {
            distinctive,
            available: distinctive && !matches.iter().any(|m| m.blocking),
            matches,
        }
    }

    /// The check of a name request's own name: its own reservation is not a conflict.
    pub fn without_reservation(self, request_id: i64) -> Self {
        let mut matches = self.matches;
        matches.retain(|m| !(m.source == "reservation" && m.id == request_id));
        Self::new(self.distinctive, matches)
    }
}

/// Is this name free? A name without a distinctive element is not; a distinctive name is taken by
/// a close enough name of a living cooperative or union, or of a running reservation; radiated
/// and lapsed bodies are shown but do not block.
pub async fn check(names: &Names, store: &Store, name: &str, limit: usize) -> Result<NameCheck, StoreError> {
    let found = names.search(name, limit);
    let coop_ids: Vec<i64> = found.iter().filter(|m| m.id > 0).map(|m| m.id).collect();
    let coops: HashMap<i64, _> = store
        .cooperatives_by_ids(&coop_ids)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let mut matches = Vec::with_capacity(found.len());
    for m in &found {
        let close = m.score >= CONFLICT_THRESHOLD;
        if m.id > 0 {
            // A record deleted since the index saw it is simply skipped.
            let Some(c) = coops.get(&m.id) else { continue };
            matches.push(CheckedMatch {
                id: c.id,
                source: "register",
                name_ar: c.name_ar.clone(),
                name_fr: c.name_fr.clone(),
                score: m.score,
                reason: m.reason.as_str(),
                blocking: close && matches!(c.status.as_str(), "active" | "in_dissolution"),
                status: c.status.clone(),
                region_code: c.region_code.clone(),
            });
        } else {
            let r = match store.name_request(-m.id).await {
                Ok(r) => r,
                Err(StoreError::NotFound) => continue,
                Err(e) => return Err(e),
            };
            let live = r.status == "approved" && r.reserved_until.is_some_and(|t| t > now());
            matches.push(CheckedMatch {
                id: r.id,
                source: "reservation",
                name_ar: r.name_ar,
                name_fr: r.name_fr,
                score: m.score,
                reason: m.reason.as_str(),
                blocking: close && live,
                status: "reserved".into(),
                region_code: r.region_code,
            });
        }
    }
    Ok(NameCheck::new(is_distinctive(name), matches))
}

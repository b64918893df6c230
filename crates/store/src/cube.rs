//! The statistics cube: one compact row per cooperative, in memory, so that counts by any one or
//! two dimensions over a national register answer in milliseconds instead of a full table scan.
//!
//! The cube follows the database through the same change log as the name index (every write to
//! a cooperative records a change): [`StatsCube::sync`] applies what changed since it last looked,
//! and callers sync before each query, so a count is always as current as the database and
//! equals [`Store::stats`], the direct SQL count (tested on both backends).
//!
//! The values of each dimension are computed by the database with the very expressions of
//! [`Dimension`], so the two paths cannot disagree on what "unknown" or a year means.

use std::{
    collections::HashMap,
    sync::{
        Mutex, RwLock,
        atomic::{AtomicI64, Ordering},
    },
};

use sqlx::Row;

use crate::{CooperativeFilter, Dimension, NameChange, Result, StatRow, Store};

const DIMS: usize = Dimension::ALL.len();
const PAGE: i64 = 50_000;
/// Above this many cells a two-dimension table is accumulated in a map rather than a dense grid.
const DENSE_LIMIT: usize = 1 << 20;

/// One cooperative as the cube sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fact {
    /// Code of the value of each dimension, in the order of [`Dimension::ALL`].
    dims: [u16; DIMS],
    members: i64,
    women_members: i64,
    young_members: i64,
    capital: i64,
    women_cooperative: bool,
}

/// A fact as read from the database, before its values are interned.
#[derive(Debug, Clone)]
pub struct RawFact {
    pub id: i64,
    pub values: [String; DIMS],
    pub members: Option<i64>,
    pub women_members: Option<i64>,
    pub young_members: Option<i64>,
    pub capital: Option<i64>,
}

#[derive(Debug, Default, Clone, Copy)]
struct Acc {
    count: i64,
    members: i64,
    women_members: i64,
    young_members: i64,
    capital: i64,
    women_cooperatives: i64,
}

impl Acc {
    fn add(&mut self, f: &Fact) {
        self.count += 1;
        self.members += f.members;
        self.women_members += f.women_members;
        self.young_members += f.young_members;
        self.capital += f.capital;
        self.women_cooperatives += i64::from(f.women_cooperative);
    }
}

/// The values met for one dimension, interned as small codes.
#[derive(Debug, Default, Clone)]
struct Dictionary {
    values: Vec<String>,
    codes: HashMap<String, u16>,
}

impl Dictionary {
    fn code(&mut self, value: &str) -> u16 {
        if let Some(&c) = self.codes.get(value) {
            return c;
        }
        // A dimension never has 65,535 distinct values (regions, sectors, years …); should a
        // corrupt import produce them, the overflow shares the last code rather than panicking.
        let c = u16::try_from(self.values.len()).unwrap_or(u16::MAX);
        if c < u16::MAX {
            self.values.push(value.to_owned());
            self.codes.insert(value.to_owned(), c);
        }
        c
    }
}

/// The cube's contents: facts ordered by cooperative id.
#[derive(Debug, Default, Clone)]
pub struct Cube {
    dictionaries: [Dictionary; DIMS],
    ids: Vec<i64>,
    facts: Vec<Fact>,
    /// Slots of records deleted since the last rebuild.
    dead: Vec<bool>,
}

impl Cube {
    pub fn from_facts(raw: impl IntoIterator<Item = RawFact>) -> Self {
        let mut cube = Cube::default();
        for r in raw {
            cube.upsert(r);
        }
        cube
    }

    fn intern(&mut self, r: &RawFact) -> Fact {
        let mut dims = [0u16; DIMS];
        for (i, v) in r.values.iter().enumerate() {
            dims[i] = self.dictionaries[i].code(v);
        }
        Fact {
            dims,
            members: r.members.unwrap_or(0),
            women_members: r.women_members.unwrap_or(0),
            young_members: r.young_members.unwrap_or(0),
            capital: r.capital.unwrap_or(0),
            // Same rule as the SQL: known, non-zero membership that is entirely women.
            women_cooperative: matches!((r.members, r.women_members), (Some(m), Some(w)) if m > 0 && w == m),
        }
    }

    /// Adds or replaces the fact of one cooperative.
    pub fn upsert(&mut self, r: RawFact) {
        let fact = self.intern(&r);
        match self.ids.binary_search(&r.id) {
            Ok(i) => {
                self.facts[i] = fact;
                self.dead[i] = false;
            }
            Err(i) => {
                // Ids grow, so this is a push but for the rare out-of-order insert.
                self.ids.insert(i, r.id);
                self.facts.insert(i, fact);
                self.dead.insert(i, false);
            }
        }
    }

    pub fn remove(&mut self, id: i64) {
        if let Ok(i) = self.ids.binary_search(&id) {
            self.dead[i] = true;
        }
    }

    pub fn len(&self) -> usize {
        self.dead.iter().filter(|d| !**d).count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Counts by `dims` (none, one or two) under `filter`, ordered by the dimensions' values
    /// (byte order); the same table as [`Store::stats`].
    pub fn stats(&self, dims: &[Dimension], filter: &CooperativeFilter) -> Vec<StatRow> {
        let slot = |d: Dimension| Dimension::ALL.iter().position(|x| *x == d).unwrap_or(0);
        // A filter value the register has never seen matches nothing.
        let mut conditions: Vec<(usize, u16)> = Vec::new();
        for (d, v) in [
            (Dimension::Region, &filter.region),
            (Dimension::Province, &filter.province),
            (Dimension::Sector, &filter.sector),
            (Dimension::Status, &filter.status),
        ] {
            let Some(v) = v.as_deref().filter(|v| !v.is_empty()) else {
                continue;
            };
            let s = slot(d);
            match self.dictionaries[s].codes.get(v) {
                Some(&c) => conditions.push((s, c)),
                None => return self.empty(dims),
            }
        }
        let slots: Vec<usize> = dims.iter().map(|d| slot(*d)).collect();
        let cards: Vec<usize> = slots
            .iter()
            .map(|s| self.dictionaries[*s].values.len().max(1))
            .collect();
        let cells: usize = cards.iter().product();
        let live = self
            .facts
            .iter()
            .zip(&self.dead)
            .filter(|(_, dead)| !**dead)
            .map(|(f, _)| f)
            .filter(|f| conditions.iter().all(|(s, c)| f.dims[*s] == *c));
        let mut groups: Vec<(Vec<u16>, Acc)> = if cells <= DENSE_LIMIT {
            let mut grid = vec![Acc::default(); cells];
            for f in live {
                let mut cell = 0;
                for (s, card) in slots.iter().zip(&cards) {
                    cell = cell * card + usize::from(f.dims[*s]);
                }
                grid[cell].add(f);
            }
            grid.into_iter()
                .enumerate()
                .filter(|(_, a)| a.count > 0)
                .map(|(mut cell, a)| {
                    let mut key = vec![0u16; slots.len()];
                    for (k, card) in key.iter_mut().zip(&cards).rev() {
                        *k = u16::try_from(cell % card).unwrap_or(u16::MAX);
                        cell /= card;
                    }
                    (key, a)
                })
                .collect()
        } else {
            let mut map: HashMap<Vec<u16>, Acc> = HashMap::new();
            for f in live {
                let key: Vec<u16> = slots.iter().map(|s| f.dims[*s]).collect();
                map.entry(key).or_default().add(f);
            }
            map.into_iter().collect()
        };
        let mut rows: Vec<StatRow> = groups
            .drain(..)
            .map(|(key, a)| StatRow {
                keys: key
                    .iter()
                    .zip(&slots)
                    .map(|(c, s)| self.dictionaries[*s].values[usize::from(*c)].clone())
                    .collect(),
                count: a.count,
                members: a.members,
                women_members: a.women_members,
                young_members: a.young_members,
                capital: a.capital,
                women_cooperatives: a.women_cooperatives,
            })
            .collect();
        rows.sort_by(|a, b| a.keys.cmp(&b.keys));
        if dims.is_empty() && rows.is_empty() {
            return self.empty(dims);
        }
        rows
    }

    /// What SQL returns for no matching row: nothing when grouping, one zero row otherwise.
    fn empty(&self, dims: &[Dimension]) -> Vec<StatRow> {
        if dims.is_empty() {
            vec![StatRow {
                keys: Vec::new(),
                count: 0,
                members: 0,
                women_members: 0,
                young_members: 0,
                capital: 0,
                women_cooperatives: 0,
            }]
        } else {
            Vec::new()
        }
    }
}

/// A [`Cube`] shared by the request handlers of one process, following the change log.
#[derive(Debug, Default)]
pub struct StatsCube {
    cube: RwLock<Cube>,
    /// Last change of the log applied.
    seq: AtomicI64,
    /// Tables already counted, by query, with the generation of the cube they were counted on:
    /// the statistics pages ask the same few questions over and over, and a national register
    /// takes milliseconds to scan — a remembered answer takes microseconds.
    answers: Mutex<HashMap<String, (u64, Vec<StatRow>)>>,
    /// Bumped at every change of the cube, so an answer counted before a change is never reused.
    generation: AtomicI64,
}

/// Remembered answers kept at most (the questions a site asks are few; a crawler's are not).
const ANSWERS: usize = 512;

impl StatsCube {
    /// Loads every cooperative; on a national register this takes a few seconds.
    pub async fn load(store: &Store) -> Result<Self> {
        let seq = store.latest_name_change().await?;
        let cube = build(store).await?;
        Ok(Self {
            cube: RwLock::new(cube),
            seq: AtomicI64::new(seq),
            answers: Mutex::default(),
            generation: AtomicI64::new(0),
        })
    }

    fn with_cube<T>(&self, f: impl FnOnce(&mut Cube) -> T) -> T {
        let mut guard = match self.cube.write() {
            Ok(c) => c,
            Err(poisoned) => poisoned.into_inner(),
        };
        // Under the write lock: a reader counting on the old cube holds the read lock, so its
        // answer is filed under the old generation.
        self.generation.fetch_add(1, Ordering::AcqRel);
        f(&mut guard)
    }

    /// Applies the changes made since the last call, by this process or any other.
    pub async fn sync(&self, store: &Store) -> Result<()> {
        let since = self.seq.load(Ordering::Acquire);
        let changes = store.name_changes_since(since).await?;
        let Some(&(last, _)) = changes.last() else {
            return Ok(());
        };
        if changes.iter().any(|(_, c)| *c == NameChange::Reload) {
            let cube = build(store).await?;
            self.with_cube(|c| *c = cube);
        } else {
            for (_, change) in &changes {
                if let NameChange::Cooperative(id) = *change {
                    match store.stat_fact(id).await? {
                        Some(f) => self.with_cube(|c| c.upsert(f)),
                        None => self.with_cube(|c| c.remove(id)),
                    }
                }
            }
        }
        // Another caller may have applied a later batch meanwhile: never move backwards.
        self.seq.fetch_max(last, Ordering::AcqRel);
        Ok(())
    }

    /// Brings the cube up to date, then counts.
    pub async fn stats(
        &self,
        store: &Store,
        dims: &[Dimension],
        filter: &CooperativeFilter,
    ) -> Result<Vec<StatRow>> {
        self.sync(store).await?;
        let cube = match self.cube.read() {
            Ok(c) => c,
            Err(poisoned) => poisoned.into_inner(),
        };
        let generation = self.generation.load(Ordering::Acquire) as u64;
        let key = format!("{dims:?}|{filter:?}");
        let remembered = |answers: &HashMap<String, (u64, Vec<StatRow>)>| {
            answers
                .get(&key)
                .filter(|(g, _)| *g == generation)
                .map(|(_, rows)| rows.clone())
        };
        if let Some(rows) = self.answers.lock().ok().and_then(|a| remembered(&a)) {
            return Ok(rows);
        }
        let rows = cube.stats(dims, filter);
        drop(cube);
        if let Ok(mut answers) = self.answers.lock() {
            if answers.len() >= ANSWERS {
                answers.clear();
            }
            answers.insert(key, (generation, rows.clone()));
        }
        Ok(rows)
    }
}

async fn build(store: &Store) -> Result<Cube> {
    let mut cube = Cube::default();
    let mut after = 0;
    loop {
        let page = store.stat_facts(after, PAGE).await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        for f in page {
            cube.upsert(f);
        }
    }
    Ok(cube)
}

/// Each dimension's value is named after the dimension (`region`, `province`, …).
fn fact_sql() -> String {
    let exprs: Vec<String> = Dimension::ALL
        .iter()
        .map(|d| format!("{} AS {}", d.sql(), d.as_str()))
        .collect();
    format!(
        "SELECT id, {}, members, women_members, young_members, capital FROM cooperatives",
        exprs.join(", ")
    )
}

fn raw_fact(r: &sqlx::any::AnyRow) -> Result<RawFact> {
    let mut values: [String; DIMS] = Default::default();
    for (v, d) in values.iter_mut().zip(Dimension::ALL) {
        *v = r.try_get(d.as_str())?;
    }
    Ok(RawFact {
        id: r.try_get("id")?,
        values,
        members: r.try_get("members")?,
        women_members: r.try_get("women_members")?,
        young_members: r.try_get("young_members")?,
        capital: r.try_get("capital")?,
    })
}

impl Store {
    /// A page of facts for the cube, by ascending id.
    pub async fn stat_facts(&self, after_id: i64, page: i64) -> Result<Vec<RawFact>> {
        let sql = format!("{} WHERE id > $1 ORDER BY id LIMIT $2", fact_sql());
        let rows = sqlx::query(&sql)
            .bind(after_id)
            .bind(page)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(raw_fact).collect()
    }

    /// The fact of one cooperative, or `None` when it no longer exists.
    pub async fn stat_fact(&self, id: i64) -> Result<Option<RawFact>> {
        let sql = format!("{} WHERE id = $1", fact_sql());
        let row = sqlx::query(&sql).bind(id).fetch_optional(self.pool()).await?;
        row.as_ref().map(raw_fact).transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(id: i64, region: &str, sector: &str, members: Option<i64>, women: Option<i64>) -> RawFact {
        let mut values: [String; DIMS] = Default::default();
        for (i, d) in Dimension::ALL.iter().enumerate() {
            values[i] = match d {
                Dimension::Region => region.into(),
                Dimension::Sector => sector.into(),
                _ => "unknown".into(),
            };
        }
        RawFact {
            id,
            values,
            members,
            women_members: women,
            young_members: None,
            capital: Some(1000),
        }
    }

    #[test]
    fn counts_by_one_and_two_dimensions_with_filters() {
        let mut cube = Cube::from_facts([
            raw(1, "08", "agriculture", Some(10), Some(10)),
            raw(2, "08", "handicraft", Some(7), Some(2)),
            raw(3, "01", "agriculture", None, None),
        ]);
        let by_region = cube.stats(&[Dimension::Region], &CooperativeFilter::default());
        assert_eq!(by_region.len(), 2);
        assert_eq!(by_region[0].keys, vec!["01"]);
        assert_eq!(by_region[1].count, 2);
        assert_eq!(by_region[1].members, 17);
        assert_eq!(by_region[1].women_cooperatives, 1);
        assert_eq!(by_region[1].capital, 2000);

        let crossed = cube.stats(
            &[Dimension::Region, Dimension::Sector],
            &CooperativeFilter::default(),
        );
        let keys: Vec<_> = crossed.iter().map(|r| r.keys.join("/")).collect();
        assert_eq!(keys, ["01/agriculture", "08/agriculture", "08/handicraft"]);

        let filter = CooperativeFilter {
            sector: Some("agriculture".into()),
            ..Default::default()
        };
        assert_eq!(cube.stats(&[], &filter)[0].count, 2);

        cube.remove(1);
        assert_eq!(cube.stats(&[], &filter)[0].count, 1);
        cube.upsert(raw(1, "01", "handicraft", None, None));
        assert_eq!(
            cube.stats(&[Dimension::Region], &CooperativeFilter::default())[0].count,
            2
        );
        assert_eq!(cube.len(), 3);
    }

    #[test]
    fn unknown_filter_values_match_nothing() {
        let cube = Cube::from_facts([raw(1, "08", "agriculture", None, None)]);
        let filter = CooperativeFilter {
            region: Some("99".into()),
            ..Default::default()
        };
        assert_eq!(cube.stats(&[], &filter)[0].count, 0);
        assert!(cube.stats(&[Dimension::Sector], &filter).is_empty());
    }
}

//! Persistence for Taawun: one [`Store`] over SQLite (embedded, the default) or PostgreSQL (the
//! scale-out backend), with the same SQL for both wherever the two dialects agree.
//!
//! Invariants:
//! - Only this crate contains SQL. Callers get domain values and plain structs.
//! - Every change that people make is written together with its audit entry, in one transaction:
//!   either both are there or neither is.
//! - Schema changes are migrations, one directory per backend, run at every start.

mod accounts;
mod audit;
pub mod backup;
mod campaigns;
mod changes;
mod coop_space;
mod cube;
mod extracts;
mod failpoint;
mod import;
mod kb;
mod markets;
mod names;
mod outbox;
mod privacy;
mod products;
mod programmes;
mod register;
mod registry;
pub mod schema;
mod stats;
mod territory;

use std::{str::FromStr, time::Duration};

use sqlx::{
    AnyPool, Executor, Transaction,
    any::{AnyConnectOptions, AnyPoolOptions},
    migrate::{Migration, MigrationType, Migrator},
};

pub use accounts::{LinkPurpose, NewLink, NewUser, Session, User};
pub use audit::{Actor, AuditEntry, AuditQuery};
pub use campaigns::{
    AttendanceCount, Campaign, CheckedIn, Entry, Meeting, MeetingChange, MeetingRegistration, MeetingReport,
    MessageFor, NewRegistration, PhotoInfo, ProgrammeItem, Registered, RegistrationKey,
};
pub use changes::{ChangeWaiter, NameChange};
pub use coop_space::{
    AssemblyRow, KeptDocumentRow, MandateRow, MemberRow, MovementRow, NewKeptDocument, ResolutionRow,
};
pub use cube::{Cube, RawFact, StatsCube};
pub use extracts::{Extract, NewExtract};
pub use import::CooperativeImport;
pub use kb::{KbArticle, KbEdit, KbEntry, KbRevision, KbSeed};
pub use markets::{
    CatalogueFilter, Certification, FoodCoverage, MarketApplication, MarketEvent, MarketStatRow, ReminderDue,
};
pub use names::{NameDecision, NameRequest, NameRequestScope, NewNameRequest};
pub use outbox::{About, NewMessage, OutboxMessage};
pub use privacy::Erasure;
pub use products::{
    CertificationDocument, NewCertificationDocument, NewProductPhoto, Product, ProductCertificate,
    ProductFilter,
};
pub use programmes::{
    Agreement, Application, Call, CommitteeMember, CommitteeSession, Conflict, Disbursement, FollowUp,
    Milestone, ProgrammeStatRow, ProjectNote, Score, SelectedProject, SessionDecision,
};
pub use register::{
    Filing, FilingDocument, FilingOpened, FilingQuery, NewDocument, NewFiling, RegisterEntry, Registration,
    analytical_json,
};
pub use registry::{CooperativeFilter, CooperativeRow, ImportSummary};
pub use stats::{Dimension, StatRow};
pub use territory::{Commune, Court, CourtInput, Province, Region};

/// Which database engine a [`Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("unsupported database URL {0:?}: use sqlite://PATH or postgres://…")]
    UnsupportedUrl(String),
    #[error("cannot reach the database: {0}")]
    Unreachable(#[source] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("bundled reference data is invalid: {0}")]
    ReferenceData(String),
    #[error("not found")]
    NotFound,
    /// A unique value (an e-mail, a code) is already taken.
    #[error("already exists: {0}")]
    Conflict(&'static str),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl StoreError {
    /// True when the failure is the database being away (stopped, restarting, network), as
    /// opposed to a bad request: the web layer answers 503 and the pool reconnects by itself.
    pub fn is_unavailable(&self) -> bool {
        match self {
            StoreError::Unreachable(_) => true,
            // The storage refusing work (a read-only or full disk, an I/O error, a server
            // shutting down): the transaction was rolled back, nothing acknowledged is lost, and
            // the fix is the operator's, not the visitor's — the same answer as a database away.
            StoreError::Database(sqlx::Error::Database(e)) if is_storage_fault(e.code().as_deref()) => true,
            StoreError::Database(e) => matches!(
                e,
                sqlx::Error::Io(_)
                    | sqlx::Error::PoolTimedOut
                    | sqlx::Error::PoolClosed
                    | sqlx::Error::Tls(_)
                    | sqlx::Error::Protocol(_)
                    | sqlx::Error::WorkerCrashed
            ),
            _ => false,
        }
    }
}

/// SQLite: READONLY (8), IOERR (10), FULL (13), CANTOPEN (14), from the extended code's low
/// byte. PostgreSQL: connection exceptions (08…), insufficient resources such as a full disk
/// (53…), operator intervention such as a shutdown (57P…), a read-only server (25006).
fn is_storage_fault(code: Option<&str>) -> bool {
    let Some(code) = code else { return false };
    // A SQLSTATE has five characters; SQLite's extended codes have at most four digits.
    if code.len() == 5 {
        return code.starts_with("08")
            || code.starts_with("53")
            || code.starts_with("57P")
            || code == "25006";
    }
    code.parse::<i32>()
        .is_ok_and(|sqlite| matches!(sqlite & 0xff, 8 | 10 | 13 | 14))
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The platform's database. Cheap to clone (it is a connection pool).
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// Kept for the LISTEN connection of PostgreSQL.
    url: String,
}

/// The default database: a SQLite file in the working directory, created if absent.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://taawun.db";

impl Store {
    /// Connects, runs the migrations of the backend and loads the bundled reference data.
    pub async fn open(url: &str) -> Result<Self> {
        let store = Self::connect(url).await?;
        store.migrate().await?;
        territory::load_reference_data(&store).await?;
        store.redact_legacy_audit_entries().await?;
        Ok(store)
    }

    /// Connects without touching the schema.
    pub async fn connect(url: &str) -> Result<Self> {
        sqlx::any::install_default_drivers();
        let (backend, url) = normalise_url(url)?;
        let options = AnyConnectOptions::from_str(&url).map_err(StoreError::Unreachable)?;
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                // One writer at a time anyway; a few readers in WAL mode.
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .acquire_timeout(Duration::from_secs(5))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets pages read while a writer commits; FULL sync because a
                        // register entry that was acknowledged must survive a power cut.
                        // secure_delete: erased personal data is overwritten in the file, not
                        // left in free pages (Law 09-08 erasure).
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; \
                             PRAGMA secure_delete = ON;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(StoreError::Unreachable)?;
        Ok(Self { pool, backend, url })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub async fn migrate(&self) -> Result<()> {
        migrator(self.backend).run(&self.pool).await?;
        Ok(())
    }

    /// Answers whether the database responds right now.
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// A transaction for a change. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`)
    /// so two writers queue on the busy timeout instead of failing half-way through.
    pub(crate) async fn begin_write(&self) -> Result<Transaction<'static, sqlx::Any>> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }
}

/// Accepts `sqlite://PATH`, `sqlite:PATH` and `postgres://…`/`postgresql://…`. A SQLite file is
/// created if it does not exist.
fn normalise_url(url: &str) -> Result<(Backend, String)> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok((Backend::Postgres, url.to_string()));
    }
    if let Some(rest) = url.strip_prefix("sqlite:") {
        let path = rest.trim_start_matches("//");
        if path.is_empty() {
            return Err(StoreError::UnsupportedUrl(url.to_string()));
        }
        let sep = if path.contains('?') { '&' } else { '?' };
        let mode = if path.contains("mode=") {
            String::new()
        } else {
            format!("{sep}mode=rwc")
        };
        return Ok((Backend::Sqlite, format!("sqlite://{path}{mode}")));
    }
    Err(StoreError::UnsupportedUrl(url.to_string()))
}

/// Migrations are compiled into the binary so that a single file is enough to run the platform.
fn migrator(backend: Backend) -> Migrator {
    let sources: &[(i64, &str, &str, &str)] = &[
        (
            1,
            "foundation",
            include_str!("../migrations/sqlite/0001_foundation.sql"),
            include_str!("../migrations/postgres/0001_foundation.sql"),
        ),
        (
            2,
            "registry",
            include_str!("../migrations/sqlite/0002_registry.sql"),
            include_str!("../migrations/postgres/0002_registry.sql"),
        ),
        (
            3,
            "register",
            include_str!("../migrations/sqlite/0003_register.sql"),
            include_str!("../migrations/postgres/0003_register.sql"),
        ),
        (
            4,
            "kb",
            include_str!("../migrations/sqlite/0004_kb.sql"),
            include_str!("../migrations/postgres/0004_kb.sql"),
        ),
        (
            5,
            "outbox delivery",
            include_str!("../migrations/sqlite/0005_outbox_delivery.sql"),
            include_str!("../migrations/postgres/0005_outbox_delivery.sql"),
        ),
        (
            6,
            "campaigns",
            include_str!("../migrations/sqlite/0006_campaigns.sql"),
            include_str!("../migrations/postgres/0006_campaigns.sql"),
        ),
        (
            7,
            "cooperative space",
            include_str!("../migrations/sqlite/0007_coop_space.sql"),
            include_str!("../migrations/postgres/0007_coop_space.sql"),
        ),
        (
            8,
            "markets",
            include_str!("../migrations/sqlite/0008_markets.sql"),
            include_str!("../migrations/postgres/0008_markets.sql"),
        ),
        (
            9,
            "products",
            include_str!("../migrations/sqlite/0009_products.sql"),
            include_str!("../migrations/postgres/0009_products.sql"),
        ),
        (
            10,
            "support programmes",
            include_str!("../migrations/sqlite/0010_programmes.sql"),
            include_str!("../migrations/postgres/0010_programmes.sql"),
        ),
        (
            11,
            "scoped records",
            include_str!("../migrations/sqlite/0011_scoped_records.sql"),
            include_str!("../migrations/postgres/0011_scoped_records.sql"),
        ),
        (
            12,
            "published contacts",
            include_str!("../migrations/sqlite/0012_contact_public.sql"),
            include_str!("../migrations/postgres/0012_contact_public.sql"),
        ),
        (
            13,
            "known devices",
            include_str!("../migrations/sqlite/0013_known_devices.sql"),
            include_str!("../migrations/postgres/0013_known_devices.sql"),
        ),
        (
            14,
            "account links",
            include_str!("../migrations/sqlite/0014_account_links.sql"),
            include_str!("../migrations/postgres/0014_account_links.sql"),
        ),
    ];
    let migrations = sources
        .iter()
        .map(|(version, description, sqlite, postgres)| {
            let sql = match backend {
                Backend::Sqlite => *sqlite,
                Backend::Postgres => *postgres,
            };
            Migration::new(
                *version,
                (*description).into(),
                MigrationType::Simple,
                sql.into(),
                false,
            )
        })
        .collect::<Vec<_>>();
    Migrator {
        migrations: migrations.into(),
        ..Migrator::DEFAULT
    }
}

/// Now, in Unix seconds: the one clock of the store.
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Maps a unique-constraint violation to [`StoreError::Conflict`], leaving other errors as they are.
pub(crate) fn conflict_on_unique(what: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
    move |e| match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict(what),
        _ => StoreError::Database(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(
            normalise_url("sqlite://taawun.db").ok(),
            Some((Backend::Sqlite, "sqlite://taawun.db?mode=rwc".into()))
        );
        assert_eq!(
            normalise_url("sqlite:/tmp/x.db?mode=ro").ok(),
            Some((Backend::Sqlite, "sqlite:///tmp/x.db?mode=ro".into()))
        );
        assert!(matches!(
            normalise_url("postgres://u@h/db"),
            Ok((Backend::Postgres, _))
        ));
        assert!(normalise_url("mysql://x").is_err());
        assert!(normalise_url("sqlite://").is_err());
    }
}

//! The web face of Taawun: server-rendered pages in Arabic and French, the JSON API under
//! `/api/v1` with its OpenAPI document, sessions and CSRF protection.
//!
//! Invariants:
//! - Only this crate knows HTTP, HTML and JSON. It holds no SQL (that is the store's) and no
//!   rule of the law (that is the domain's).
//! - Every string shown to a person goes through [`i18n::I18n`]; no handler writes prose.
//! - Every state-changing form carries a CSRF token, checked by one middleware for all of them.
//! - All state lives in the database (sessions, throttling), so any number of processes can
//!   serve the same site.

pub mod api;
mod auth;
mod charts;
mod ctx;
pub mod documents;
pub mod error;
pub(crate) mod export;
pub mod i18n;
pub mod kb;
pub mod mail;
mod middleware;
mod pages;
mod photos;
pub mod ratelimit;
mod render;
pub mod routes;
mod statics;

use std::{net::SocketAddr, sync::Arc, time::Duration};

use axum::Router;
use taawun_store::Store;
use tokio::net::TcpListener;

pub use auth::{hash_password, random_token};
pub use ctx::form_token;
pub use error::{AppError, AppResult};
pub use pages::coop_space::send_reminders as send_obligation_reminders;

/// Settings of a running server.
#[derive(Debug, Clone)]
pub struct Config {
    /// Set the `Secure` flag on cookies: on whenever the site is reached over HTTPS.
    pub secure_cookies: bool,
    /// How long a session lasts without signing in again.
    pub session_ttl: Duration,
    /// The site's public address (`https://…`, no trailing slash) printed in QR codes and
    /// e-mails; when unset, [`serve`] sets the address it listens on. Never a request's `Host`
    /// header, which the visitor writes.
    pub public_url: Option<String>,
    /// The office's signing key file, created at first start.
    pub signing_key: std::path::PathBuf,
    /// The SMTP relay that delivers the outbox; without one, messages wait in the outbox.
    pub mailer: Option<mail::Mailer>,
    /// Load balancers or reverse proxies whose `X-Forwarded-For` is believed: behind them, rate
    /// limits and sign-in throttling count the visitor's address instead of the proxy's.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

/// The address links point to when no public address is configured: the one this process
/// listens on (`localhost` for an unspecified address such as `0.0.0.0`).
pub fn listening_url(addr: SocketAddr) -> String {
    if addr.ip().is_unspecified() {
        format!("http://localhost:{}", addr.port())
    } else {
        format!("http://{addr}")
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            session_ttl: Duration::from_secs(12 * 3600),
            public_url: None,
            signing_key: std::path::PathBuf::from("taawun-signing.key"),
            mailer: None,
            trusted_proxies: Vec::new(),
        }
    }
}

/// What every handler can reach. Cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    pub store: Store,
    pub i18n: Arc<i18n::I18n>,
    pub templates: Arc<render::Templates>,
    pub config: Arc<Config>,
    /// The name index of this process (registered and reserved names).
    pub names: Arc<taawun_app::names::Names>,
    /// The statistics cube of this process (one compact row per cooperative).
    pub cube: Arc<taawun_store::StatsCube>,
    /// The knowledge base's search index of this process, following edits.
    pub kb: Arc<kb::Kb>,
    /// The office's key, which signs register extracts.
    pub seal: Arc<taawun_documents::Seal>,
    /// Product photos being decoded: two at a time at most in this process.
    pub photos: Arc<photos::Photos>,
    /// PDF rendering: a few at a time, public documents kept once rendered.
    pub documents: Arc<documents::Documents>,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    I18n(#[from] i18n::I18nError),
    #[error("templates: {0}")]
    Templates(#[from] minijinja::Error),
    #[error("loading the name index: {0}")]
    Store(#[from] taawun_store::StoreError),
    #[error("the office's signing key: {0}")]
    Seal(#[from] taawun_documents::SealError),
}

impl AppState {
    /// Loads translations, templates and the name index (which may take a few seconds on a
    /// national register: name checks must never answer from a partial index).
    pub async fn new(store: Store, config: Config) -> Result<Self, StartError> {
        let i18n = Arc::new(i18n::I18n::load()?);
        let templates = Arc::new(render::Templates::load(i18n.clone())?);
        let (names, cube, kb) = tokio::try_join!(
            taawun_app::names::Names::load(&store),
            taawun_store::StatsCube::load(&store),
            kb::Kb::load(&store)
        )?;
        let seal = taawun_documents::Seal::load_or_create(&config.signing_key)?;
        // Old extracts stay verifiable after a key change: every key ever used is remembered.
        store
            .remember_signing_key(&seal.key_id(), &seal.public_key_hex())
            .await?;
        Ok(Self {
            store,
            i18n,
            templates,
            config: Arc::new(config),
            names: Arc::new(names),
            cube: Arc::new(cube),
            kb: Arc::new(kb),
            seal: Arc::new(seal),
            // Each decoding holds a whole picture in memory (up to about 100 MB): two at once
            // keep a burst of uploads within a few hundred megabytes; the others wait.
            photos: Arc::new(photos::Photos::new(2)),
            // Typesetting takes a core for up to a second: half the cores at most, so that pages
            // keep answering while PDFs are rendered; 64 MB of documents kept (the "100
            // questions" are under 1 MB per language).
            documents: Arc::new(documents::Documents::new(
                std::thread::available_parallelism().map_or(1, |n| n.get().div_ceil(2)),
                64 * 1024 * 1024,
            )),
        })
    }

    /// Counts of the register by `dims` under `filter`, from the cube brought up to date first.
    pub async fn stats(
        &self,
        dims: &[taawun_store::Dimension],
        filter: &taawun_store::CooperativeFilter,
    ) -> Result<Vec<taawun_store::StatRow>, taawun_store::StoreError> {
        self.cube.stats(&self.store, dims, filter).await
    }
}

/// The whole site: pages, API and the layers every request goes through.
pub fn router(state: AppState) -> Router {
    let routes = Router::new()
        .merge(pages::routes())
        .nest("/api", api::routes())
        .merge(statics::routes())
        .fallback(|| async { AppError::NotFound });
    middleware::apply(routes, state.clone()).with_state(state)
}

/// Serves until `shutdown` resolves, then lets the requests in flight finish.
pub async fn serve(
    listener: TcpListener,
    mut state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    if state.config.public_url.is_none() {
        let mut config = (*state.config).clone();
        config.public_url = Some(listening_url(listener.local_addr()?));
        state.config = Arc::new(config);
    }
    let maintenance = tokio::spawn(maintenance(state.clone()));
    let reminders = tokio::spawn(pages::markets::remind(state.clone()));
    let names = state.names.clone();
    let store = state.store.clone();
    let follow = tokio::spawn(async move { names.follow(store).await });
    let mail = state
        .config
        .mailer
        .clone()
        .map(|mailer| tokio::spawn(mail::deliver(state.store.clone(), mailer)));
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    let result = axum::serve(listener, app).with_graceful_shutdown(shutdown).await;
    maintenance.abort();
    reminders.abort();
    follow.abort();
    if let Some(mail) = mail {
        mail.abort();
    }
    result
}

/// Housekeeping any process may do at any time: the deletes are idempotent, so several servers
/// running it at once is harmless.
async fn maintenance(state: AppState) {
    let store = state.store.clone();
    let mut tick = tokio::time::interval(Duration::from_secs(600));
    loop {
        tick.tick().await;
        let keep_failures_since = taawun_store::now() - auth::THROTTLE_WINDOW_SECS;
        if let Err(e) = store.purge_expired(keep_failures_since).await {
            tracing::warn!(error = %e, "maintenance failed");
        }
        match store.expire_name_reservations().await {
            Ok(ids) if !ids.is_empty() => tracing::info!(count = ids.len(), "name reservations released"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "reservation expiry failed"),
        }
        // Participants' names and contacts are kept for a year after their meeting (SECURITY.md).
        let a_year_ago =
            time::OffsetDateTime::now_utc().date() - time::Duration::days(REGISTRANT_RETENTION_DAYS);
        if let Err(e) = store.forget_past_registrants(a_year_ago).await {
            tracing::warn!(error = %e, "registrant retention failed");
        }
        match pages::coop_space::send_reminders(&state).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(count = n, "obligation reminders queued"),
            Err(e) => tracing::warn!(error = %e, "obligation reminders failed"),
        }
    }
}

/// How long a meeting's registrants' names and contacts are kept after the meeting.
pub const REGISTRANT_RETENTION_DAYS: i64 = 365;

//! Test harness: the real server on a random port, against a fresh SQLite file or a fresh
//! PostgreSQL database, with a client that keeps cookies and sends CSRF tokens like a browser.
#![allow(dead_code, clippy::unwrap_used)]

pub mod founding;

use std::{net::SocketAddr, sync::Arc};

use reqwest::{Response, StatusCode};
use taawun_store::Store;
use taawun_web::{AppState, Config};
use tokio::sync::oneshot;

pub const PG_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs the same test story on both databases: `both_backends!(story_a, story_b)` makes
/// `sqlite::story_a`, `postgres::story_a`, … from `async fn story_a(backend: Backend)`.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() { super::$name(super::common::Backend::Sqlite).await }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if super::common::postgres_available().await {
                        super::$name(super::common::Backend::Postgres).await
                    }
                }
            )*
        }
    };
}

/// PostgreSQL is optional on a developer's laptop but required in CI (`CI=true`), where a
/// missing server must fail the run rather than silently skip half the suite.
pub async fn postgres_available() -> bool {
    let url = pg_admin_url();
    let ok = sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .acquire_timeout(std::time::Duration::from_secs(3))
        .connect(&url)
        .await
        .is_ok();
    if !ok {
        assert!(
            std::env::var("CI").map(|v| v != "true").unwrap_or(true),
            "PostgreSQL at {url} is unreachable and CI=true: failing instead of skipping"
        );
        eprintln!("PostgreSQL at {url} unreachable: skipping (set CI=true to make this a failure)");
    }
    ok
}

pub fn pg_admin_url() -> String {
    std::env::var("TAAWUN_TEST_PG").unwrap_or_else(|_| PG_ADMIN_URL.to_string())
}

fn random_suffix() -> String {
    let mut b = [0u8; 6];
    getrandom::fill(&mut b).unwrap();
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// A fresh, empty database; removed when dropped.
pub struct TestDb {
    pub url: String,
    backend: Backend,
    name: String,
}

impl TestDb {
    pub async fn new(backend: Backend) -> Self {
        let name = format!("taawun_t_{}", random_suffix());
        match backend {
            Backend::Sqlite => {
                let path = std::env::temp_dir().join(format!("{name}.db"));
                TestDb {
                    url: format!("sqlite://{}", path.display()),
                    backend,
                    name: path.display().to_string(),
                }
            }
            Backend::Postgres => {
                let admin = sqlx::postgres::PgPoolOptions::new()
                    .max_connections(1)
                    .connect(&pg_admin_url())
                    .await
                    .unwrap();
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&admin)
                    .await
                    .unwrap();
                admin.close().await;
                let base = pg_admin_url();
                let server = &base[..base.rfind('/').unwrap()];
                TestDb {
                    url: format!("{server}/{name}"),
                    backend,
                    name,
                }
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match self.backend {
            Backend::Sqlite => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", self.name));
                }
            }
            Backend::Postgres => {
                let name = self.name.clone();
                // Drop runs inside the test's runtime: do the async cleanup on a thread of its own.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .unwrap();
                    rt.block_on(async {
                        if let Ok(admin) = sqlx::postgres::PgPoolOptions::new()
                            .max_connections(1)
                            .connect(&pg_admin_url())
                            .await
                        {
                            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                                .execute(&admin)
                                .await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub base: String,
    pub store: Store,
    pub state: AppState,
    pub client: reqwest::Client,
    pub jar: Arc<reqwest::cookie::Jar>,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
    // Last: dropped after the server has stopped. `None` for a second server on the same database.
    pub db: Option<TestDb>,
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> Self {
        Self::spawn_configured(backend, |_| {}).await
    }

    /// A server whose configuration the test adjusts (trusted proxies, say).
    pub async fn spawn_configured(backend: Backend, configure: impl FnOnce(&mut Config)) -> Self {
        let db = TestDb::new(backend).await;
        let url = db.url.clone();
        Self::start_with(&url, Some(db), configure).await
    }

    /// A server on a database reached at `url` (a proxy in front of one, say), owned elsewhere.
    pub async fn at(url: &str) -> Self {
        Self::start(url, None).await
    }

    /// Another server process on the same database, as behind a load balancer.
    pub async fn second_server(&self) -> Self {
        let url = self.db.as_ref().unwrap().url.clone();
        Self::start(&url, None).await
    }

    async fn start(url: &str, db: Option<TestDb>) -> Self {
        Self::start_with(url, db, |_| {}).await
    }

    async fn start_with(url: &str, db: Option<TestDb>, configure: impl FnOnce(&mut Config)) -> Self {
        let store = Store::open(url).await.unwrap();
        // One key per test database, shared by its servers as by a real deployment's processes.
        let key_name: String = url
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let mut config = Config {
            signing_key: std::env::temp_dir().join(format!("taawun-test-{key_name}.key")),
            ..Config::default()
        };
        configure(&mut config);
        let state = AppState::new(store.clone(), config).await.unwrap();
        let served = state.clone();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            taawun_web::serve(listener, served, async {
                let _ = rx.await;
            })
            .await
            .unwrap();
        });
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let client = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        TestApp {
            addr,
            base: format!("http://{addr}"),
            store,
            state,
            client,
            jar,
            shutdown: Some(tx),
            server: Some(server),
            db,
        }
    }

    /// A second visitor of the same site, with an empty cookie jar.
    pub fn new_visitor(&self) -> (reqwest::Client, Arc<reqwest::cookie::Jar>) {
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let client = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        (client, jar)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    pub async fn get_text(&self, path: &str) -> (StatusCode, String) {
        let r = self.get(path).await;
        (r.status(), r.text().await.unwrap())
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        cookie_in(&self.jar, &self.base, name)
    }

    /// The token this visitor's forms echo now: its CSRF cookie bound to its session.
    pub fn form_token(&self) -> String {
        form_token_in(&self.jar, &self.base)
    }

    /// Posts a form as a browser would: it first loads a page (which sets the CSRF cookie)
    /// and echoes the token.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        if self.cookie("taawun_csrf").is_none() {
            self.get("/").await;
        }
        let token = self.form_token();
        let mut form: Vec<(&str, &str)> = fields.to_vec();
        form.push(("csrf_token", &token));
        self.client.post(self.url(path)).form(&form).send().await.unwrap()
    }

    /// Signs up as a person would: the form, then the link of the message sent to the address
    /// (read from the outbox), then its button. Returns the last answer: the confirmation's
    /// redirect to `/account` when an account was made, else the form's own answer.
    pub async fn sign_up(&self, name: &str, email: &str, password: &str) -> Response {
        let before = self.last_message_id().await;
        let r = self
            .post_form(
                "/account/sign-up",
                &[
                    ("display_name", name),
                    ("email", email),
                    ("password", password),
                    ("password_confirm", password),
                ],
            )
            .await;
        match self.link_sent_since(before, email, "account_confirm").await {
            Some(link) => self.post_form(&link, &[]).await,
            None => r,
        }
    }

    /// The id of the newest message of the outbox (0 when empty).
    pub async fn last_message_id(&self) -> i64 {
        let messages = self.store.outbox(None, 1).await.unwrap();
        messages.first().map_or(0, |m| m.id)
    }

    /// The path of the one-time link (`/account/…/TOKEN`) of the newest message of `topic` sent to
    /// `email` after message `after`.
    pub async fn link_sent_since(&self, after: i64, email: &str, topic: &str) -> Option<String> {
        let messages = self.store.outbox(Some(topic), 100).await.unwrap();
        let m = messages
            .into_iter()
            .filter(|m| m.id > after && m.to_address.eq_ignore_ascii_case(email))
            .max_by_key(|m| m.id)?;
        let start = m.body.find("/account/")?;
        let path: String = m.body[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-'))
            .collect();
        Some(path)
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Response {
        self.post_form("/account/sign-in", &[("email", email), ("password", password)])
            .await
    }

    /// Imports one valid record into the register (as `taawun import` would); returns its id.
    pub async fn import_record(&self, raw: &taawun_domain::RawCooperative) -> i64 {
        let today = time::OffsetDateTime::now_utc().date();
        let c = taawun_domain::Cooperative::parse(raw, &taawun_domain::LegalRules::default(), today).unwrap();
        let number = c.central_number.as_ref().map(|n| n.as_str().to_string());
        self.store
            .import_cooperatives(&[c], "test", &taawun_store::Actor::System("test"), |_| {})
            .await
            .unwrap();
        self.store
            .list_cooperatives(&Default::default(), None, 1000, 0)
            .await
            .unwrap()
            .0
            .into_iter()
            .find(|c| c.central_number.is_some() && c.central_number == number)
            .unwrap()
            .id
    }

    /// Another visitor, signed in with a staff account of `STAFF_PASSWORD`: its client and the
    /// CSRF token its forms echo.
    pub async fn staff_visitor(&self, email: &str) -> (reqwest::Client, String) {
        let (client, jar) = self.new_visitor();
        client.get(self.url("/")).send().await.unwrap();
        let token = form_token_in(&jar, &self.base);
        let r = client
            .post(self.url("/account/sign-in"))
            .form(&[
                ("email", email),
                ("password", STAFF_PASSWORD),
                ("csrf_token", &token),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER, "sign-in of {email}");
        // Signed in, the forms carry a token bound to the new session.
        let token = form_token_in(&jar, &self.base);
        (client, token)
    }

    /// Creates a staff account directly in the store.
    pub async fn create_staff(
        &self,
        email: &str,
        role: taawun_domain::Role,
        court: Option<&str>,
        region: Option<&str>,
    ) {
        let new = taawun_store::NewUser {
            email: taawun_domain::Email::parse("email", email).unwrap(),
            password_hash: taawun_web::hash_password(STAFF_PASSWORD.to_string())
                .await
                .unwrap(),
            display_name: email.to_string(),
            role,
            court_code: court.map(str::to_string),
            region_code: region.map(str::to_string),
            lang: "ar".into(),
        };
        self.store
            .create_user(&new, &taawun_store::Actor::System("test"))
            .await
            .unwrap();
    }

    /// Applies the name changes made directly through the store (as another process would).
    pub async fn names_sync(&self) {
        self.state.names.sync(&self.store).await.unwrap();
    }

    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
        self.store.close().await;
    }
}

pub const STAFF_PASSWORD: &str = "a long staff passphrase";

/// A page's text without the bidi isolates around numbers and with plain spaces in them.
pub fn plain(page: &str) -> String {
    page.replace(['\u{2068}', '\u{2069}'], "")
        .replace('\u{202f}', " ")
}

pub fn location(r: &Response) -> String {
    r.headers()
        .get(reqwest::header::LOCATION)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

/// The value of cookie `name` that a visitor holding `jar` has been given by `base`.
pub fn cookie_in(jar: &reqwest::cookie::Jar, base: &str, name: &str) -> Option<String> {
    let url = reqwest::Url::parse(base).unwrap();
    let cookies = reqwest::cookie::CookieStore::cookies(jar, &url)?;
    let prefix = format!("{name}=");
    cookies
        .to_str()
        .ok()?
        .split("; ")
        .find_map(|kv| kv.strip_prefix(prefix.as_str()))
        .map(str::to_string)
}

/// The token the forms of a visitor holding `jar` echo: its CSRF cookie bound to its session.
pub fn form_token_in(jar: &reqwest::cookie::Jar, base: &str) -> String {
    let csrf = cookie_in(jar, base, "taawun_csrf").expect("a page has set the CSRF cookie");
    taawun_web::form_token(&csrf, cookie_in(jar, base, "taawun_session").as_deref())
}

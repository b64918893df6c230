//! `taawun`: the server and the command-line tools of the platform.

mod backup_cli;
mod bench;
mod demo;
mod demo_campaigns;
mod demo_markets;
mod demo_programmes;
mod privacy_cli;
mod register_cli;
mod registry_cli;
mod synth;

use std::{io::Read, net::SocketAddr, process::ExitCode};

use anyhow::{Context, bail};
use clap::{Args, Parser, Subcommand};
use taawun_domain::{CourtCode, Email, NewPassword, RegionCode, Role, RoleScope};
use taawun_store::{Actor, DEFAULT_DATABASE_URL, NewUser, Store};
use taawun_web::{AppState, Config};

#[derive(Parser)]
#[command(
    name = "taawun",
    version,
    about = "Taawun — the cooperative register platform"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct Database {
    /// sqlite://PATH (created if absent) or postgres://USER@HOST:PORT/DB
    #[arg(long = "database", env = "TAAWUN_DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    url: String,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server.
    Serve {
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// Load demonstration accounts and data (never on a production database).
        #[arg(long)]
        demo: bool,
        /// Mark cookies Secure: set this when the site is served over HTTPS.
        #[arg(long, env = "TAAWUN_SECURE_COOKIES")]
        secure_cookies: bool,
        /// The site's public address, in the QR codes of extracts and the links of messages (e.g. https://registre.example.ma); without it, the address this server listens on. Required with --smtp-url.
        #[arg(long, env = "TAAWUN_PUBLIC_URL")]
        public_url: Option<String>,
        /// The office's signing key file (created at first start; every server process must use the same one).
        #[arg(long, env = "TAAWUN_SIGNING_KEY", default_value = "taawun-signing.key")]
        signing_key: std::path::PathBuf,
        /// SMTP relay that delivers e-mails (smtp://HOST[:PORT]); without it, e-mails wait in the outbox.
        #[arg(long, env = "TAAWUN_SMTP_URL")]
        smtp_url: Option<String>,
        /// Sender address of the e-mails.
        #[arg(long, env = "TAAWUN_MAIL_FROM", default_value = "no-reply@taawun.localhost")]
        mail_from: String,
        /// A load balancer or reverse proxy whose X-Forwarded-For is believed (repeat, or
        /// comma-separated): rate limits then count the visitor's address, not the proxy's.
        #[arg(long = "trusted-proxy", env = "TAAWUN_TRUSTED_PROXIES", value_delimiter = ',')]
        trusted_proxies: Vec<std::net::IpAddr>,
        #[command(flatten)]
        db: Database,
    },
    /// Walk every court's register chain and report the first broken entry, if any.
    Verify {
        #[command(flatten)]
        db: Database,
    },
    /// Tell whether an extract PDF is genuine (signed by the office) and still current.
    VerifyExtract {
        file: std::path::PathBuf,
        #[command(flatten)]
        db: Database,
    },
    /// Import cooperatives from a CSV or JSON file (columns: see the README).
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Export the register.
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Check whether a cooperative name is available, with the closest names.
    CheckName {
        name: String,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        db: Database,
    },
    /// Write a realistic synthetic register (import CSV format) to standard output.
    Synth {
        #[arg(long, default_value_t = 1000)]
        count: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Benchmark suite: name check, import, HTTP load and pages against the usual alternatives; writes BENCHMARKS.md and a CSV.
    Bench(bench::BenchArgs),
    /// Write a consistent backup of the database while servers run (SQLite: VACUUM INTO; PostgreSQL: pg_dump).
    Backup(backup_cli::BackupArgs),
    /// Replace the database with a backup, then verify its registers (stop every server first).
    Restore(backup_cli::RestoreArgs),
    /// Run the database migrations and exit.
    Migrate {
        #[command(flatten)]
        db: Database,
    },
    /// Administration tasks.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Subcommand)]
enum ImportWhat {
    /// Every row is checked; if any is bad nothing is imported, unless --skip-invalid.
    /// Re-importing updates rows with the same central number instead of duplicating them.
    Cooperatives {
        file: std::path::PathBuf,
        #[arg(long)]
        skip_invalid: bool,
        #[command(flatten)]
        db: Database,
    },
}

#[derive(Subcommand)]
enum ExportWhat {
    Cooperatives {
        /// csv, json or xlsx
        #[arg(long, default_value = "csv")]
        format: String,
        /// File to write (standard output if absent; required for xlsx).
        #[arg(long)]
        output: Option<std::path::PathBuf>,
        #[command(flatten)]
        db: Database,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create a staff account (the first administrator, clerks, office agents, partners).
    CreateUser {
        #[arg(long)]
        email: String,
        /// cooperative_manager, court_clerk, office_agent, partner or administrator
        #[arg(long)]
        role: String,
        /// The court of a clerk, e.g. tpi-errachidia.
        #[arg(long, conflicts_with = "region")]
        court: Option<String>,
        /// The region of a regional office agent, 01 … 12.
        #[arg(long)]
        region: Option<String>,
        #[arg(long, default_value = "")]
        name: String,
        /// Read the password from standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
        #[command(flatten)]
        db: Database,
    },
    /// Print as JSON everything the platform holds about a person's account (Law 09-08 access request).
    PersonalData {
        #[arg(long)]
        email: String,
        #[command(flatten)]
        db: Database,
    },
    /// Erase a person's personal data on request (Law 09-08); register entries stay, as Law 112-12 requires.
    ErasePersonalData {
        #[arg(long)]
        email: String,
        #[command(flatten)]
        db: Database,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One line a person can act on, with the causes chained.
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("TAAWUN_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if std::env::var("TAAWUN_LOG_FORMAT").is_ok_and(|f| f == "json") {
        builder.json().init();
    } else {
        builder.init();
    }
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}{}@{}", &url[..scheme + 3], user, &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

async fn open(db: &Database) -> anyhow::Result<Store> {
    Store::open(&db.url)
        .await
        .with_context(|| format!("database {}", redact(&db.url)))
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve {
            addr,
            demo,
            secure_cookies,
            public_url,
            signing_key,
            smtp_url,
            mail_from,
            trusted_proxies,
            db,
        } => {
            // Links in e-mails must lead to the site people reach, not to whatever address this
            // process listens on behind a proxy.
            if smtp_url.is_some() && public_url.is_none() {
                anyhow::bail!(
                    "--smtp-url needs --public-url (the address people reach the site at), for the links in e-mails"
                );
            }
            let store = open(&db).await?;
            if demo {
                demo::load(&store).await?;
            }
            let config = Config {
                secure_cookies,
                public_url: public_url.map(|u| u.trim_end_matches('/').to_string()),
                signing_key,
                mailer: smtp_url
                    .map(|url| taawun_web::mail::Mailer::new(&url, &mail_from))
                    .transpose()?,
                trusted_proxies,
                ..Config::default()
            };
            let state = AppState::new(store.clone(), config).await?;
            let listener = tokio::net::TcpListener::bind(addr)
                .await
                .with_context(|| format!("cannot listen on {addr}"))?;
            let local = listener.local_addr()?;
            println!(
                "Taawun is running at http://{local}/ (database: {}, {}). Stop with Ctrl+C.",
                redact(&db.url),
                store.backend().as_str()
            );
            if demo {
                demo::print_accounts();
            }
            taawun_web::serve(listener, state, shutdown_signal()).await?;
            store.close().await;
            tracing::info!("stopped");
            Ok(())
        }
        Command::Verify { db } => {
            let store = open(&db).await?;
            register_cli::verify(&store).await
        }
        Command::VerifyExtract { file, db } => {
            let store = open(&db).await?;
            register_cli::verify_extract(&store, &file).await
        }
        Command::Import {
            what:
                ImportWhat::Cooperatives {
                    file,
                    skip_invalid,
                    db,
                },
        } => {
            let store = open(&db).await?;
            registry_cli::import(&store, &file, skip_invalid).await
        }
        Command::Export {
            what: ExportWhat::Cooperatives { format, output, db },
        } => {
            let store = open(&db).await?;
            registry_cli::export(&store, &format, output.as_deref()).await
        }
        Command::CheckName {
            name,
            limit,
            json,
            db,
        } => {
            let store = open(&db).await?;
            registry_cli::check_name(&store, &name, limit.clamp(1, 50), json).await
        }
        Command::Synth { count, seed } => {
            let stdout = std::io::stdout().lock();
            synth::write_csv(std::io::BufWriter::new(stdout), count, seed)?;
            Ok(())
        }
        Command::Bench(args) => bench::run(args).await,
        Command::Backup(args) => backup_cli::backup(args).await,
        Command::Restore(args) => backup_cli::restore(args).await,
        Command::Migrate { db } => {
            open(&db).await?;
            println!("migrations applied to {}", redact(&db.url));
            Ok(())
        }
        Command::Admin {
            command: AdminCommand::PersonalData { email, db },
        } => privacy_cli::export(&open(&db).await?, &email).await,
        Command::Admin {
            command: AdminCommand::ErasePersonalData { email, db },
        } => privacy_cli::erase(&open(&db).await?, &email).await,
        Command::Admin {
            command:
                AdminCommand::CreateUser {
                    email,
                    role,
                    court,
                    region,
                    name,
                    password_stdin,
                    db,
                },
        } => {
            let email = Email::parse("email", &email).map_err(|e| anyhow::anyhow!("--email: {}", e.code))?;
            let role = Role::parse("role", &role).map_err(|_| {
                let roles: Vec<_> = Role::ALL.iter().map(|r| r.as_str()).collect();
                anyhow::anyhow!("--role must be one of {}", roles.join(", "))
            })?;
            let court = court
                .map(|c| CourtCode::parse("court", &c))
                .transpose()
                .map_err(|_| anyhow::anyhow!("--court: not a court code (e.g. tpi-errachidia)"))?;
            let region = region
                .map(|r| RegionCode::parse("region", &r))
                .transpose()
                .map_err(|_| anyhow::anyhow!("--region must be a region code 01 … 12"))?;
            let scope = RoleScope::for_role(role, court, region)
                .map_err(|e| anyhow::anyhow!("--{}: {}", e.field, e.code))?;
            let (password, generated) = if password_stdin {
                let mut s = String::new();
                std::io::stdin().read_to_string(&mut s)?;
                (s.trim_end_matches(['\n', '\r']).to_string(), false)
            } else {
                (demo::generate_password()?, true)
            };
            NewPassword::parse("password", &password, Some(&email))
                .map_err(|e| anyhow::anyhow!("password refused: {}", e.code))?;
            let store = open(&db).await?;
            let (court_code, region_code) = match scope {
                RoleScope::National => (None, None),
                RoleScope::Region { region } => (None, Some(region.as_str().to_string())),
                RoleScope::Court { court } => {
                    if store.court(court.as_str()).await.is_err() {
                        bail!("--court: no court with code {court}; see /territory/courts");
                    }
                    (Some(court.as_str().to_string()), None)
                }
            };
            let user = store
                .create_user(
                    &NewUser {
                        display_name: if name.is_empty() {
                            email.as_str().to_string()
                        } else {
                            name
                        },
                        email,
                        password_hash: taawun_web::hash_password(password.clone()).await?,
                        role,
                        court_code,
                        region_code,
                        lang: "ar".into(),
                    },
                    &Actor::System("admin create-user"),
                )
                .await
                .map_err(|e| match e {
                    taawun_store::StoreError::Conflict(_) => {
                        anyhow::anyhow!("an account with this e-mail already exists")
                    }
                    e => e.into(),
                })?;
            println!(
                "created {} ({}) with id {}",
                user.email,
                user.role.as_str(),
                user.id
            );
            if generated {
                println!("password: {password}");
                println!("(shown once; ask the person to change it from their account page)");
            }
            Ok(())
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_are_not_printed() {
        assert_eq!(redact("postgres://u:secret@h:5432/db"), "postgres://u@h:5432/db");
        assert_eq!(redact("sqlite://taawun.db"), "sqlite://taawun.db");
    }
}

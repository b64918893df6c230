//! Delivery of the outbox by SMTP, when a relay is configured (`--smtp-url`). The platform never
//! needs it: without a relay, messages wait in the outbox where the office sees them.
//!
//! Every process may run a sender: each claims a few messages at a time in the database, so a
//! message goes out once even with several servers; a failed delivery is retried later with a
//! growing delay, and a message whose address the relay refuses for good is set aside.

use std::time::Duration;

use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
};
use taawun_store::{OutboxMessage, Store, now};

/// Messages claimed per round, and how long a claim holds before another process may take over.
const BATCH: i64 = 20;
const LEASE_SECS: i64 = 300;
const MAX_ATTEMPTS: i64 = 10;
/// The retry time of a message set aside: visible in the outbox with its error, never retried.
const SET_ASIDE: i64 = i64::MAX / 2;

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("SMTP address {0:?}: use smtp://HOST[:PORT] (a relay on the local network)")]
    Url(String),
    #[error("sender address {0:?} is not an e-mail address")]
    From(String),
}

#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Mailer")
    }
}

impl Mailer {
    /// `smtp://host[:port]`: a relay reached without TLS, as on the office's own network (the
    /// relay does the encryption and authentication towards the internet).
    pub fn new(url: &str, from: &str) -> Result<Self, MailError> {
        let rest = url
            .strip_prefix("smtp://")
            .ok_or_else(|| MailError::Url(url.into()))?;
        let (host, port) = match rest.trim_end_matches('/').rsplit_once(':') {
            Some((h, p)) => (h, p.parse::<u16>().map_err(|_| MailError::Url(url.into()))?),
            None => (rest.trim_end_matches('/'), 25),
        };
        if host.is_empty() {
            return Err(MailError::Url(url.into()));
        }
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(port)
            .timeout(Some(Duration::from_secs(20)))
            .build();
        let from = from.parse().map_err(|_| MailError::From(from.into()))?;
        Ok(Self { transport, from })
    }

    async fn send(&self, m: &OutboxMessage) -> Result<(), (String, bool)> {
        let to: Mailbox = m
            .to_address
            .parse()
            .map_err(|_| (format!("invalid address {:?}", m.to_address), true))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(m.body.clone())
            .map_err(|e| (e.to_string(), true))?;
        self.transport.send(message).await.map(|_| ()).map_err(|e| {
            // 5xx answers are final (unknown mailbox …); the rest may pass later.
            let permanent = e.is_permanent();
            (e.to_string(), permanent)
        })
    }
}

/// One round: claims due messages and sends them. Returns how many were sent.
pub async fn deliver_once(
    store: &Store,
    mailer: &Mailer,
    claimant: &str,
) -> Result<usize, taawun_store::StoreError> {
    let mut sent = 0;
    for m in store.claim_messages(claimant, BATCH, LEASE_SECS).await? {
        if taawun_domain::synthetic::is_synthetic_address(&m.to_address) {
            // Demo or generated data: set aside, never sent to a real mailbox.
            let error = "synthetic address (demo or generated data): never delivered".to_string();
            store.mark_message(m.id, Err((error, SET_ASIDE))).await?;
            continue;
        }
        let outcome = match mailer.send(&m).await {
            Ok(()) => {
                sent += 1;
                Ok(())
            }
            Err((error, permanent)) => {
                let attempts = m.attempts + 1;
                tracing::warn!(id = m.id, attempts, %error, "e-mail not delivered");
                let retry_at = if permanent || attempts >= MAX_ATTEMPTS {
                    SET_ASIDE
                } else {
                    now() + (60_i64 << attempts.min(6))
                };
                Err((error, retry_at))
            }
        };
        store.mark_message(m.id, outcome).await?;
    }
    Ok(sent)
}

/// Delivers for as long as the server runs.
pub async fn deliver(store: Store, mailer: Mailer) {
    let claimant = crate::auth::random_token();
    let mut tick = tokio::time::interval(Duration::from_secs(10));
    loop {
        tick.tick().await;
        if let Err(e) = deliver_once(&store, &mailer, &claimant).await {
            tracing::warn!(error = %e, "outbox delivery failed; will retry");
        }
    }
}

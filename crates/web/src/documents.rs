//! Typesetting PDFs without letting them take the server: every render waits for one of a few
//! turns ([`Documents::render`]), and public documents that are the same for everyone (the
//! knowledge base's pages, the "100 questions", a meeting's programme and memo) are kept once
//! rendered ([`Documents::cached`]).
//!
//! A cached document is found by the SHA-256 of everything it is made of — the template and
//! every value given to it, read from the database on each request. So the key changes as soon
//! as the data does, whichever server process wrote it: no process can serve a document another
//! one has since edited, and nothing has to be told to forget anything. Reading the data is a
//! query; typesetting it is the second of CPU the cache saves. The same key is the document's
//! `ETag`, so a repeat fetch with `If-None-Match` costs a 304 ([`crate::middleware`]).
//!
//! Concurrent requests for one document share its render (a `OnceCell` per key): thirty-two
//! clients asking at once for a document not yet cached cause one render, not thirty-two.

use std::{
    collections::{HashMap, VecDeque},
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
};

use axum::{
    body::Bytes,
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};
use sha2::{Digest, Sha256};
use tokio::sync::{OnceCell, Semaphore};

use crate::{AppError, AppResult};

/// What a document is made of, hashed: its cache key and `ETag`.
pub type Key = [u8; 32];

type Cell = Arc<OnceCell<Bytes>>;

/// This process's PDF rendering: the turns and the cache of public documents.
#[derive(Debug)]
pub struct Documents {
    turns: Semaphore,
    cache: Mutex<Cache>,
    max_bytes: usize,
    rendered: AtomicU64,
}

#[derive(Debug, Default)]
struct Cache {
    cells: HashMap<Key, Cell>,
    /// Rendered documents, oldest first, with their size: what is forgotten first.
    kept: VecDeque<(Key, usize)>,
    bytes: usize,
}

impl Documents {
    /// At most `at_once` renders at a time; at most `max_bytes` of rendered documents kept.
    pub fn new(at_once: usize, max_bytes: usize) -> Self {
        Self {
            turns: Semaphore::new(at_once.max(1)),
            cache: Mutex::new(Cache::default()),
            max_bytes,
            rendered: AtomicU64::new(0),
        }
    }

    /// How many documents this process typeset: lets the tests see a document served from the
    /// cache.
    pub fn rendered(&self) -> u64 {
        self.rendered.load(Ordering::Relaxed)
    }

    /// The key of a document made by `template` from `values`. Lengths are hashed before each
    /// part, so that no two different lists of values give the same bytes to hash.
    pub fn key(template: &str, values: &[(&str, String)]) -> Key {
        let mut h = Sha256::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        let mut part = |bytes: &[u8]| {
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(bytes);
        };
        part(template.as_bytes());
        for (name, value) in values {
            part(name.as_bytes());
            part(value.as_bytes());
        }
        h.finalize().into()
    }

    /// Typesets a document off the async threads, in its turn.
    pub async fn render<F>(&self, typeset: F) -> AppResult<Vec<u8>>
    where
        F: FnOnce() -> Result<Vec<u8>, taawun_documents::DocumentError> + Send + 'static,
    {
        let _turn = self
            .turns
            .acquire()
            .await
            .map_err(|e| AppError::Internal(format!("rendering: {e}")))?;
        self.rendered.fetch_add(1, Ordering::Relaxed);
        tokio::task::spawn_blocking(typeset)
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?
            .map_err(|e| AppError::Internal(e.to_string()))
    }

    /// The document of `key`, rendered by `typeset` only if this process does not hold it yet,
    /// and once for all the requests asking for it meanwhile. A failed render is not kept: the
    /// next request tries again.
    pub async fn cached<F>(&self, key: Key, typeset: F) -> AppResult<Bytes>
    where
        F: FnOnce() -> Result<Vec<u8>, taawun_documents::DocumentError> + Send + 'static,
    {
        let cell = self
            .lock()
            .cells
            .entry(key)
            .or_insert_with(|| Arc::new(OnceCell::new()))
            .clone();
        let mut fresh = false;
        let pdf = cell
            .get_or_try_init(|| async {
                fresh = true;
                self.render(typeset).await.map(Bytes::from)
            })
            .await?
            .clone();
        if fresh {
            self.keep(key, pdf.len());
        }
        Ok(pdf)
    }

    /// Counts a new document in, forgetting the oldest ones beyond the budget.
    fn keep(&self, key: Key, len: usize) {
        let mut cache = self.lock();
        cache.kept.push_back((key, len));
        cache.bytes += len;
        while cache.bytes > self.max_bytes {
            let Some((old, len)) = cache.kept.pop_front() else {
                break;
            };
            cache.bytes -= len;
            cache.cells.remove(&old);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Cache> {
        // The cache holds no invariant a panic could break halfway: a poisoned lock is usable.
        self.cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The `ETag` of a document's key. Weak, because the compression layer may encode the bytes.
pub fn etag(key: &Key) -> String {
    let hex: String = key[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("W/\"{hex}\"")
}

/// A PDF as a response. A public one carries its `ETag` and may be kept by any cache, which asks
/// again each time (`no-cache`) and then gets a 304 while the document has not changed.
pub fn pdf_response(pdf: impl Into<axum::body::Body>, file_name: &str, public: Option<&Key>) -> Response {
    let mut r = (
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{file_name}\""),
            ),
        ],
        pdf.into(),
    )
        .into_response();
    if let Some(key) = public
        && let Ok(tag) = HeaderValue::from_str(&etag(key))
    {
        let h = r.headers_mut();
        h.insert(header::ETAG, tag);
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, no-cache"),
        );
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn one_render_for_many_requests_and_old_documents_forgotten() {
        let docs = Arc::new(Documents::new(1, 10));
        let key = Documents::key("t", &[("a", "1".into())]);
        let asks = (0..8).map(|_| {
            let docs = docs.clone();
            tokio::spawn(async move { docs.cached(key, || Ok(vec![1, 2, 3])).await })
        });
        for pdf in futures_util::future::join_all(asks).await {
            assert_eq!(pdf.ok().and_then(Result::ok).as_deref(), Some(&[1, 2, 3][..]));
        }
        assert_eq!(docs.rendered(), 1);
        // Other values, another document; the budget of 10 bytes forgets the first.
        let other = Documents::key("t", &[("a", "2".into())]);
        assert_ne!(key, other);
        assert!(docs.cached(other, || Ok(vec![0; 9])).await.is_ok());
        assert!(docs.cached(key, || Ok(vec![1, 2, 3])).await.is_ok());
        assert_eq!(docs.rendered(), 3);
        // Parts are delimited: ("ab", "c") is not ("a", "bc").
        assert_ne!(
            Documents::key("t", &[("ab", "c".into())]),
            Documents::key("t", &[("a", "bc".into())])
        );
    }

    #[tokio::test]
    async fn a_failed_render_is_tried_again() {
        let docs = Documents::new(2, 1 << 20);
        let key = Documents::key("t", &[]);
        let failed = docs
            .cached(key, || Err(taawun_documents::DocumentError::Export("no".into())))
            .await;
        assert!(failed.is_err());
        assert!(docs.cached(key, || Ok(vec![7])).await.is_ok());
        assert_eq!(docs.rendered(), 2);
    }
}

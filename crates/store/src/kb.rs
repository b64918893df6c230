//! The knowledge base: guides, the "100 questions on cooperative work" and model documents, in
//! Arabic and French. The files shipped with the platform seed it; after that the database is the
//! source of truth: the office edits pages on the site and every save is a new revision.
//!
//! Each change is also written to `kb_changes`, in the same transaction, so that every process
//! can bring its in-memory search index up to date before it answers a search.

use serde::Serialize;
use sqlx::{Row, any::AnyRow};

use crate::{Actor, Result, Store, StoreError, audit, now};

/// A page as shipped in the repository (`content/kb/**/*.md`), to seed the database with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KbSeed {
    pub key: String,
    /// `ar` or `fr`.
    pub lang: String,
    /// `question`, `guide` or `template`.
    pub kind: String,
    pub topic: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub keywords: String,
    pub articles: String,
    pub related: String,
}

/// The current version of a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KbArticle {
    pub key: String,
    pub lang: String,
    pub kind: String,
    pub topic: String,
    pub title: String,
    pub summary: String,
    /// Markdown.
    pub body: String,
    pub keywords: String,
    /// Articles of Law 112-12 cited, comma-separated.
    pub articles: String,
    /// Related questions, comma-separated keys.
    pub related: String,
    pub revision: i64,
    /// Edited on the site at least once.
    pub edited: bool,
    pub updated_at: i64,
}

/// One saved version of a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KbRevision {
    pub key: String,
    pub lang: String,
    pub revision: i64,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub keywords: String,
    pub created_at: i64,
    pub author_user_id: Option<i64>,
    /// E-mail of the author, or `system:seed` for the shipped files.
    pub author_label: String,
    /// For a restore, the revision whose text came back.
    pub restored_from: Option<i64>,
}

/// A page in a list: no body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KbEntry {
    pub key: String,
    pub kind: String,
    pub topic: String,
    pub title: String,
    pub summary: String,
}

/// What an editor may change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KbEdit {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub keywords: String,
}

const ARTICLE_COLUMNS: &str = "key, lang, kind, topic, title, summary, body, keywords, articles, related, \
     revision, edited, updated_at";

fn article(r: &AnyRow) -> Result<KbArticle> {
    let edited: i64 = r.try_get("edited")?;
    Ok(KbArticle {
        key: r.try_get("key")?,
        lang: r.try_get("lang")?,
        kind: r.try_get("kind")?,
        topic: r.try_get("topic")?,
        title: r.try_get("title")?,
        summary: r.try_get("summary")?,
        body: r.try_get("body")?,
        keywords: r.try_get("keywords")?,
        articles: r.try_get("articles")?,
        related: r.try_get("related")?,
        revision: r.try_get("revision")?,
        edited: edited != 0,
        updated_at: r.try_get("updated_at")?,
    })
}

const REVISION_COLUMNS: &str = "key, lang, revision, title, summary, body, keywords, created_at, \
     author_user_id, author_label, restored_from";

fn revision(r: &AnyRow) -> Result<KbRevision> {
    Ok(KbRevision {
        key: r.try_get("key")?,
        lang: r.try_get("lang")?,
        revision: r.try_get("revision")?,
        title: r.try_get("title")?,
        summary: r.try_get("summary")?,
        body: r.try_get("body")?,
        keywords: r.try_get("keywords")?,
        created_at: r.try_get("created_at")?,
        author_user_id: r.try_get("author_user_id")?,
        author_label: r.try_get("author_label")?,
        restored_from: r.try_get("restored_from")?,
    })
}

/// What the audit log keeps of a revision (the text itself is in `kb_revisions`).
#[derive(Serialize)]
struct AuditedRevision<'a> {
    revision: i64,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    restored_from: Option<i64>,
}

fn same_content(a: &KbArticle, s: &KbSeed) -> bool {
    a.kind == s.kind
        && a.topic == s.topic
        && a.title == s.title
        && a.summary == s.summary
        && a.body == s.body
        && a.keywords == s.keywords
        && a.articles == s.articles
        && a.related == s.related
}

async fn record_change(tx: &mut sqlx::Transaction<'static, sqlx::Any>, key: &str, lang: &str) -> Result<()> {
    sqlx::query("INSERT INTO kb_changes (key, lang, at) VALUES ($1, $2, $3)")
        .bind(key)
        .bind(lang)
        .bind(now())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn insert_revision(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    key: &str,
    lang: &str,
    revision: i64,
    edit: &KbEdit,
    actor: &Actor,
    restored_from: Option<i64>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO kb_revisions (key, lang, revision, title, summary, body, keywords, created_at,
             author_user_id, author_label, restored_from)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(key)
    .bind(lang)
    .bind(revision)
    .bind(&edit.title)
    .bind(&edit.summary)
    .bind(&edit.body)
    .bind(&edit.keywords)
    .bind(now())
    .bind(actor.id())
    .bind(actor.label())
    .bind(restored_from)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Store {
    /// Brings the shipped pages in: a page the database lacks is added (revision 1); a page that
    /// was never edited on the site follows the files (a new revision when they changed); a page
    /// edited on the site is left alone. Safe with several processes starting at once: inserts
    /// do nothing on conflict and updates only apply to the revision they read. Returns how many
    /// pages were written.
    pub async fn kb_seed(&self, pages: &[KbSeed]) -> Result<usize> {
        let current: std::collections::HashMap<(String, String), KbArticle> = self
            .kb_articles(None)
            .await?
            .into_iter()
            .map(|a| ((a.key.clone(), a.lang.clone()), a))
            .collect();
        let todo: Vec<(&KbSeed, Option<&KbArticle>)> = pages
            .iter()
            .filter_map(|s| match current.get(&(s.key.clone(), s.lang.clone())) {
                None => Some((s, None)),
                Some(a) if !a.edited && !same_content(a, s) => Some((s, Some(a))),
                Some(_) => None,
            })
            .collect();
        if todo.is_empty() {
            return Ok(0);
        }
        let actor = Actor::System("seed");
        let mut written = 0;
        let mut tx = self.begin_write().await?;
        for (s, existing) in todo {
            let at = now();
            let revision = match existing {
                None => {
                    let done = sqlx::query(
                        "INSERT INTO kb_articles (key, lang, kind, topic, title, summary, body, keywords,
                             articles, related, revision, edited, updated_at)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, 0, $11)
                         ON CONFLICT (key, lang) DO NOTHING",
                    )
                    .bind(&s.key)
                    .bind(&s.lang)
                    .bind(&s.kind)
                    .bind(&s.topic)
                    .bind(&s.title)
                    .bind(&s.summary)
                    .bind(&s.body)
                    .bind(&s.keywords)
                    .bind(&s.articles)
                    .bind(&s.related)
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
                    if done.rows_affected() == 0 {
                        continue; // another process seeded it meanwhile
                    }
                    1
                }
                Some(a) => {
                    let done = sqlx::query(
                        "UPDATE kb_articles SET kind = $1, topic = $2, title = $3, summary = $4, body = $5,
                             keywords = $6, articles = $7, related = $8, revision = revision + 1, updated_at = $9
                         WHERE key = $10 AND lang = $11 AND revision = $12 AND edited = 0",
                    )
                    .bind(&s.kind)
                    .bind(&s.topic)
                    .bind(&s.title)
                    .bind(&s.summary)
                    .bind(&s.body)
                    .bind(&s.keywords)
                    .bind(&s.articles)
                    .bind(&s.related)
                    .bind(at)
                    .bind(&s.key)
                    .bind(&s.lang)
                    .bind(a.revision)
                    .execute(&mut *tx)
                    .await?;
                    if done.rows_affected() == 0 {
                        continue; // edited or re-seeded meanwhile
                    }
                    a.revision + 1
                }
            };
            let edit = KbEdit {
                title: s.title.clone(),
                summary: s.summary.clone(),
                body: s.body.clone(),
                keywords: s.keywords.clone(),
            };
            insert_revision(&mut tx, &s.key, &s.lang, revision, &edit, &actor, None).await?;
            record_change(&mut tx, &s.key, &s.lang).await?;
            written += 1;
        }
        if written > 0 {
            #[derive(Serialize)]
            struct Seeded {
                pages: usize,
            }
            audit::record(
                &mut tx,
                &actor,
                "kb.seed",
                "kb_article",
                "*",
                None::<&()>,
                Some(&Seeded { pages: written }),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(written)
    }

    /// Every page (of one kind, or all), by kind, key and language.
    pub async fn kb_articles(&self, kind: Option<&str>) -> Result<Vec<KbArticle>> {
        let rows = sqlx::query(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM kb_articles WHERE ($1 = '' OR kind = $1) ORDER BY kind, key, lang"
        ))
        .bind(kind.unwrap_or(""))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(article).collect()
    }

    /// The pages of a language without their bodies, by kind and key: for lists and links.
    pub async fn kb_entries(&self, lang: &str) -> Result<Vec<KbEntry>> {
        let rows = sqlx::query(
            "SELECT key, kind, topic, title, summary FROM kb_articles WHERE lang = $1 ORDER BY kind, key",
        )
        .bind(lang)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(KbEntry {
                    key: r.try_get("key")?,
                    kind: r.try_get("kind")?,
                    topic: r.try_get("topic")?,
                    title: r.try_get("title")?,
                    summary: r.try_get("summary")?,
                })
            })
            .collect()
    }

    pub async fn kb_article(&self, key: &str, lang: &str) -> Result<KbArticle> {
        let r = sqlx::query(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM kb_articles WHERE key = $1 AND lang = $2"
        ))
        .bind(key)
        .bind(lang)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        article(&r)
    }

    /// Saves a new revision of a page. `base_revision` is the revision the editor started from:
    /// if someone saved in between, nothing is written and [`StoreError::Conflict`] tells so.
    pub async fn kb_save(
        &self,
        key: &str,
        lang: &str,
        base_revision: i64,
        edit: &KbEdit,
        actor: &Actor,
    ) -> Result<KbArticle> {
        self.kb_write(key, lang, base_revision, edit, actor, None).await
    }

    /// Brings back the text of an old revision, as a new revision.
    pub async fn kb_restore(&self, key: &str, lang: &str, revision: i64, actor: &Actor) -> Result<KbArticle> {
        let old = self.kb_revision(key, lang, revision).await?;
        let current = self.kb_article(key, lang).await?;
        let edit = KbEdit {
            title: old.title,
            summary: old.summary,
            body: old.body,
            keywords: old.keywords,
        };
        self.kb_write(key, lang, current.revision, &edit, actor, Some(revision))
            .await
    }

    async fn kb_write(
        &self,
        key: &str,
        lang: &str,
        base_revision: i64,
        edit: &KbEdit,
        actor: &Actor,
        restored_from: Option<i64>,
    ) -> Result<KbArticle> {
        let mut tx = self.begin_write().await?;
        let before = sqlx::query(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM kb_articles WHERE key = $1 AND lang = $2"
        ))
        .bind(key)
        .bind(lang)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let before = article(&before)?;
        if before.revision != base_revision {
            return Err(StoreError::Conflict("kb_revision"));
        }
        let revision = before.revision + 1;
        let done = sqlx::query(
            "UPDATE kb_articles SET title = $1, summary = $2, body = $3, keywords = $4, revision = $5,
                 edited = 1, updated_at = $6
             WHERE key = $7 AND lang = $8 AND revision = $9",
        )
        .bind(&edit.title)
        .bind(&edit.summary)
        .bind(&edit.body)
        .bind(&edit.keywords)
        .bind(revision)
        .bind(now())
        .bind(key)
        .bind(lang)
        .bind(before.revision)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Conflict("kb_revision"));
        }
        insert_revision(&mut tx, key, lang, revision, edit, actor, restored_from).await?;
        record_change(&mut tx, key, lang).await?;
        audit::record(
            &mut tx,
            actor,
            if restored_from.is_some() {
                "kb.restore"
            } else {
                "kb.edit"
            },
            "kb_article",
            &format!("{key}/{lang}"),
            Some(&AuditedRevision {
                revision: before.revision,
                title: &before.title,
                restored_from: None,
            }),
            Some(&AuditedRevision {
                revision,
                title: &edit.title,
                restored_from,
            }),
        )
        .await?;
        tx.commit().await?;
        self.kb_article(key, lang).await
    }

    /// The revisions of a page, newest first.
    pub async fn kb_revisions(&self, key: &str, lang: &str) -> Result<Vec<KbRevision>> {
        let rows = sqlx::query(&format!(
            "SELECT {REVISION_COLUMNS} FROM kb_revisions WHERE key = $1 AND lang = $2 ORDER BY revision DESC"
        ))
        .bind(key)
        .bind(lang)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(revision).collect()
    }

    pub async fn kb_revision(&self, key: &str, lang: &str, number: i64) -> Result<KbRevision> {
        let r = sqlx::query(&format!(
            "SELECT {REVISION_COLUMNS} FROM kb_revisions WHERE key = $1 AND lang = $2 AND revision = $3"
        ))
        .bind(key)
        .bind(lang)
        .bind(number)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        revision(&r)
    }

    /// The last change of the knowledge base (0 when none): one index lookup, cheap enough to
    /// ask before every search.
    pub async fn kb_latest_change(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM kb_changes")
            .fetch_one(self.pool())
            .await?)
    }

    /// Pages changed after `seq`: `(seq, key, lang)` in order.
    pub async fn kb_changes_since(&self, seq: i64) -> Result<Vec<(i64, String, String)>> {
        let rows =
            sqlx::query("SELECT seq, key, lang FROM kb_changes WHERE seq > $1 ORDER BY seq LIMIT 10000")
                .bind(seq)
                .fetch_all(self.pool())
                .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("seq")?, r.try_get("key")?, r.try_get("lang")?)))
            .collect()
    }
}

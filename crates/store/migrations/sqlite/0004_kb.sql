-- The knowledge base: the three guides, the "100 questions on cooperative work" and the model
-- statutes and minutes, in Arabic and French. Seeded at start from the files compiled into the
-- binary; from then on the database is the source of truth and the office edits on the site.

-- The current version of each page, one row per page and language.
CREATE TABLE kb_articles (
    id INTEGER PRIMARY KEY,
    -- `q012`, `founding`, `model-statutes`: shared by the two translations of a page.
    key TEXT NOT NULL,
    lang TEXT NOT NULL CHECK (lang IN ('ar', 'fr')),
    kind TEXT NOT NULL CHECK (kind IN ('question', 'guide', 'template')),
    topic TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    -- Markdown.
    body TEXT NOT NULL,
    keywords TEXT NOT NULL DEFAULT '',
    -- Articles of Law 112-12 cited, and related questions: comma-separated lists.
    articles TEXT NOT NULL DEFAULT '',
    related TEXT NOT NULL DEFAULT '',
    -- Number of the current revision (kb_revisions).
    revision INTEGER NOT NULL,
    -- 1 once edited on the site: the files of a later release no longer replace the page.
    edited INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL,
    UNIQUE (key, lang)
);
CREATE INDEX kb_articles_kind ON kb_articles(kind, lang, key);

-- Every saved version, append-only: a restore is a new revision with the old text.
CREATE TABLE kb_revisions (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    lang TEXT NOT NULL,
    revision INTEGER NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    body TEXT NOT NULL,
    keywords TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    -- NULL for the files shipped with the platform.
    author_user_id INTEGER REFERENCES users(id),
    author_label TEXT NOT NULL,
    -- For a restore: the revision whose text was brought back.
    restored_from INTEGER,
    UNIQUE (key, lang, revision)
);
CREATE TRIGGER kb_revisions_no_update BEFORE UPDATE ON kb_revisions
BEGIN SELECT RAISE(ABORT, 'kb_revisions is append-only'); END;
CREATE TRIGGER kb_revisions_no_delete BEFORE DELETE ON kb_revisions
BEGIN SELECT RAISE(ABORT, 'kb_revisions is append-only'); END;

-- Every change of a page, in order: each process keeps its in-memory search index current by
-- applying the changes after the last one it saw (checked before every search).
CREATE TABLE kb_changes (
    seq INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    lang TEXT NOT NULL,
    at INTEGER NOT NULL
);

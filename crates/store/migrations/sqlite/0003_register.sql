-- The legal life of a cooperative: files lodged at a court's clerk office (dossiers), the local
-- registers they are entered in (chronological, numbered, hash-chained, append-only), signed
-- extracts for third parties, and the outbox of messages to send.

-- Which cooperatives a manager's account acts for (the founder of an immatriculated file, or a
-- link made by the office for a pre-existing body).
CREATE TABLE cooperative_managers (
    cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    granted_at INTEGER NOT NULL,
    PRIMARY KEY (cooperative_id, user_id)
);
CREATE INDEX cooperative_managers_user ON cooperative_managers(user_id);

-- A file lodged (or being prepared) for an entry in a local register.
CREATE TABLE filings (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('immatriculation', 'modification', 'adaptation', 'radiation')),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'registered', 'rejected', 'withdrawn')),
    -- The cooperative concerned; for an immatriculation, set when it is registered.
    cooperative_id INTEGER REFERENCES cooperatives(id),
    -- The approved name an immatriculation is founded on.
    name_request_id INTEGER REFERENCES name_requests(id),
    applicant_user_id INTEGER NOT NULL REFERENCES users(id),
    region_code TEXT NOT NULL REFERENCES regions(code),
    -- The competent court (of the seat), fixed when the file is submitted.
    court_code TEXT REFERENCES courts(code),
    -- The file's content (founders, capital, governance …) as the domain's JSON.
    detail TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    submitted_at INTEGER,
    decided_at INTEGER,
    decided_by INTEGER REFERENCES users(id),
    -- Why a clerk rejected it: one reason per line.
    decision_reason TEXT
);
CREATE INDEX filings_court ON filings(court_code, status, submitted_at);
CREATE INDEX filings_applicant ON filings(applicant_user_id);
CREATE INDEX filings_cooperative ON filings(cooperative_id);

-- Documents of a file. A new upload of the same kind is a new version; older ones are kept.
CREATE TABLE filing_documents (
    id INTEGER PRIMARY KEY,
    filing_id INTEGER NOT NULL REFERENCES filings(id),
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL,
    uploaded_at INTEGER NOT NULL,
    uploaded_by INTEGER NOT NULL REFERENCES users(id)
);
CREATE INDEX filing_documents_filing ON filing_documents(filing_id, kind);

-- The local registers: one chronological numbering and one hash chain per court. An entry is
-- never changed; a correction is a new entry pointing at the one it corrects.
CREATE TABLE register_entries (
    id INTEGER PRIMARY KEY,
    court_code TEXT NOT NULL REFERENCES courts(code),
    number INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('immatriculation', 'modification', 'adaptation', 'radiation', 'correction')),
    cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
    filing_id INTEGER REFERENCES filings(id),
    entry_date TEXT NOT NULL,
    recorded_at INTEGER NOT NULL,
    -- The analytical record of the cooperative after this entry (canonical JSON).
    content TEXT NOT NULL,
    -- For a correction: the number of the corrected entry in the same register.
    corrects INTEGER,
    clerk_user_id INTEGER REFERENCES users(id),
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (court_code, number)
);
CREATE INDEX register_entries_cooperative ON register_entries(cooperative_id, id);
CREATE TRIGGER register_entries_no_update BEFORE UPDATE ON register_entries
BEGIN SELECT RAISE(ABORT, 'register_entries is append-only'); END;
CREATE TRIGGER register_entries_no_delete BEFORE DELETE ON register_entries
BEGIN SELECT RAISE(ABORT, 'register_entries is append-only'); END;

-- Extracts of the register issued to anyone, signed with the office's key.
CREATE TABLE extracts (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
    lang TEXT NOT NULL,
    -- The last register entry the extract reflects (none for a record imported from the
    -- historical register).
    last_entry_id INTEGER REFERENCES register_entries(id),
    payload TEXT NOT NULL,
    key_id TEXT NOT NULL,
    signature TEXT NOT NULL,
    issued_at INTEGER NOT NULL
);
CREATE INDEX extracts_cooperative ON extracts(cooperative_id);

-- Public keys the office has signed with, so old extracts stay verifiable after a key change.
CREATE TABLE signing_keys (
    key_id TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

-- Messages to send (e-mail). Written in the same transaction as what causes them; a sender
-- delivers them when SMTP is configured, and the office sees them either way.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    to_address TEXT NOT NULL,
    lang TEXT NOT NULL,
    topic TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    sent_at INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE INDEX outbox_pending ON outbox(sent_at, id);

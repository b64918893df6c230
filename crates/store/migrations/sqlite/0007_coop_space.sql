-- The cooperative's own books, kept by its managers: members and their shares, officers'
-- mandates, general assemblies with attendance and resolutions, the documents it must keep, the
-- accounts filed, and which reminders were sent.

CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
    kind TEXT NOT NULL CHECK (kind IN ('person', 'legal_person')),
    name TEXT NOT NULL,
    -- Personal data (Law 09-08): never shown outside the cooperative's space.
    id_number TEXT NOT NULL DEFAULT '',
    gender TEXT CHECK (gender IN ('woman', 'man')),
    birth_year INTEGER,
    phone TEXT,
    email TEXT,
    joined_on TEXT NOT NULL,
    left_on TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX members_cooperative ON members(cooperative_id, joined_on);

-- The shares ledger: dated lines, never rewritten (a mistake is corrected by another line).
CREATE TABLE share_movements (
    id INTEGER PRIMARY KEY,
    cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
    on_date TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('subscription', 'payment', 'transfer', 'withdrawal')),
    member_id INTEGER NOT NULL REFERENCES members(id),
    to_member_id INTEGER REFERENCES members(id),
    shares INTEGER NOT NULL DEFAULT 0,
    amount INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX share_movements_cooperative ON share_movements(cooperative_id, on_date);

CREATE TABLE mandates (
    id INTEGER PRIMARY KEY,
    cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
    role TEXT NOT NULL CHECK (role IN ('chair', 'board_member', 'manager', 'auditor')),
    holder TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    -- Set when the mandate is ended early or replaced.
    ended_on TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX mandates_cooperative ON mandates(cooperative_id);

CREATE TABLE assemblies (
    id INTEGER PRIMARY KEY,
    cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
    kind TEXT NOT NULL CHECK (kind IN ('ordinary', 'extraordinary')),
    call_number INTEGER NOT NULL DEFAULT 1,
    held_on TEXT NOT NULL,
    starts_at TEXT,
    place TEXT NOT NULL,
    agenda TEXT NOT NULL,
    financial_year INTEGER,
    -- Once held: attendance and resolutions recorded.
    held INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX assemblies_cooperative ON assemblies(cooperative_id, held_on);

CREATE TABLE assembly_attendance (
    assembly_id INTEGER NOT NULL REFERENCES assemblies(id),
    member_id INTEGER NOT NULL REFERENCES members(id),
    PRIMARY KEY (assembly_id, member_id)
);

CREATE TABLE resolutions (
    id INTEGER PRIMARY KEY,
    assembly_id INTEGER NOT NULL REFERENCES assemblies(id),
    text_ar TEXT NOT NULL DEFAULT '',
    text_fr TEXT NOT NULL DEFAULT '',
    votes_for INTEGER NOT NULL,
    votes_against INTEGER NOT NULL,
    abstentions INTEGER NOT NULL
);
CREATE INDEX resolutions_assembly ON resolutions(assembly_id, id);

-- The documents a cooperative keeps, each upload a new version; signed minutes name their assembly.
CREATE TABLE kept_documents (
    id INTEGER PRIMARY KEY,
    cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
    kind TEXT NOT NULL,
    version INTEGER NOT NULL,
    assembly_id INTEGER REFERENCES assemblies(id),
    -- The financial year a document is about (accounts, management report), when it is about one.
    financial_year INTEGER,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    bytes BLOB NOT NULL,
    uploaded_at INTEGER NOT NULL,
    uploaded_by INTEGER REFERENCES users(id),
    UNIQUE (cooperative_id, kind, version)
);

CREATE TABLE accounts_filings (
    cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
    financial_year INTEGER NOT NULL,
    filed_on TEXT NOT NULL,
    PRIMARY KEY (cooperative_id, financial_year)
);

-- Which reminders went out, so that no process sends one twice.
CREATE TABLE obligation_reminders (
    cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
    key TEXT NOT NULL,
    threshold TEXT NOT NULL,
    sent_at INTEGER NOT NULL,
    PRIMARY KEY (cooperative_id, key, threshold)
);

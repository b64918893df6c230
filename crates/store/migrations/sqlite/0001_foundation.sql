-- Foundation: territory reference data, accounts, sessions, throttling, audit log.
-- Flags are 0/1 integers: the Any driver maps no boolean type of SQLite.
-- Timestamps are Unix seconds (INTEGER/BIGINT) in both backends; calendar dates are ISO text.

CREATE TABLE regions (
    code TEXT PRIMARY KEY,
    name_fr TEXT NOT NULL,
    name_ar TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE provinces (
    code TEXT PRIMARY KEY,
    region_code TEXT NOT NULL REFERENCES regions(code),
    kind TEXT NOT NULL CHECK (kind IN ('prefecture', 'province')),
    name_fr TEXT NOT NULL,
    name_ar TEXT NOT NULL
);
CREATE INDEX provinces_region ON provinces(region_code);

CREATE TABLE communes (
    code TEXT PRIMARY KEY,
    province_code TEXT NOT NULL REFERENCES provinces(code),
    region_code TEXT NOT NULL REFERENCES regions(code),
    kind TEXT NOT NULL CHECK (kind IN ('urban', 'rural')),
    name_fr TEXT NOT NULL,
    name_ar TEXT NOT NULL
);
CREATE INDEX communes_province ON communes(province_code);

CREATE TABLE courts (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name_fr TEXT NOT NULL,
    name_ar TEXT NOT NULL,
    city_fr TEXT NOT NULL,
    city_ar TEXT NOT NULL,
    province_code TEXT NOT NULL REFERENCES provinces(code),
    covers TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('cited', 'unverified', 'verified')),
    source TEXT NOT NULL DEFAULT '',
    updated_at INTEGER NOT NULL
);
CREATE INDEX courts_province ON courts(province_code);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL,
    court_code TEXT REFERENCES courts(code),
    region_code TEXT REFERENCES regions(code),
    lang TEXT NOT NULL DEFAULT 'ar',
    created_at INTEGER NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0
);

-- Sessions live in the database so that any server process can serve any request.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Failed sign-ins, per account and per client address, for throttling shared by every process.
CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY,
    throttle_key TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(throttle_key, at);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor_user_id INTEGER,
    actor_label TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

-- Nobody edits history: the database itself refuses it, whatever the application does.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Small facts about the installation itself (e.g. the version of the loaded reference data).
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

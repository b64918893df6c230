-- Browsers that have signed in to an account before (by the hash of a long-lived cookie): the
-- right password from one of them is let through while the account is being attacked elsewhere.
CREATE TABLE known_devices (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL
);
CREATE INDEX known_devices_user ON known_devices(user_id);

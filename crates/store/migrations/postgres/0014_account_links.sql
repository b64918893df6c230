-- An account made by signing up is confirmed once its owner opens the link sent to the address;
-- accounts made before, or by the office, are confirmed already.
ALTER TABLE users ADD COLUMN email_confirmed BIGINT NOT NULL DEFAULT 1;
-- One-time links sent by e-mail (confirm the address, choose a new password), by the hash of
-- their token: a copy of the database does not let anyone use them.
CREATE TABLE account_links (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX account_links_user ON account_links(user_id);

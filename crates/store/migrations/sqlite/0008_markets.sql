-- Product quality and market access: cooperatives' certifications per product, the ONSSA
-- checklist a food cooperative ticks, and the reminders already sent before an expiry.

CREATE TABLE certifications (
    id INTEGER PRIMARY KEY,
    cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
    kind TEXT NOT NULL,
    number TEXT NOT NULL,
    issuer TEXT NOT NULL,
    -- The products covered, one per line, as sold.
    products TEXT NOT NULL,
    -- ISO dates; the state (valid, renewal due, expired) is derived from them, never stored.
    issued_on TEXT NOT NULL,
    expires_on TEXT,
    created_at INTEGER NOT NULL,
    created_by INTEGER REFERENCES users(id),
    UNIQUE (cooperative_id, kind, number)
);
CREATE INDEX certifications_cooperative ON certifications(cooperative_id);
CREATE INDEX certifications_expiry ON certifications(expires_on);

-- One row per item a cooperative has done; items not there are missing.
CREATE TABLE certification_checklist (
    cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
    item TEXT NOT NULL,
    done_at INTEGER NOT NULL,
    PRIMARY KEY (cooperative_id, item)
);

-- A reminder sent is a row: the primary key lets only one process, once, queue the messages
-- of a certificate's threshold, in the same transaction as the messages.
CREATE TABLE certification_reminders (
    certification_id INTEGER NOT NULL REFERENCES certifications(id) ON DELETE CASCADE,
    threshold_days INTEGER NOT NULL,
    sent_at INTEGER NOT NULL,
    PRIMARY KEY (certification_id, threshold_days)
);

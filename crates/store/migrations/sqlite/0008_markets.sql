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

-- Market openings: a fair, an exhibition, a mobile-market tour, a retail partnership or a
-- display space, published by the office or a partner, with its stands.
CREATE TABLE market_events (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    title_ar TEXT NOT NULL,
    title_fr TEXT NOT NULL,
    place_ar TEXT NOT NULL,
    place_fr TEXT NOT NULL,
    region_code TEXT NOT NULL REFERENCES regions(code),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    stands INTEGER NOT NULL,
    conditions_ar TEXT NOT NULL DEFAULT '',
    conditions_fr TEXT NOT NULL DEFAULT '',
    organiser_user_id INTEGER REFERENCES users(id),
    -- Set once, when the stands are allocated; the allocation is never run twice.
    allocated_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX market_events_starts ON market_events(starts_on);

-- A cooperative's application with the products it would show; rank and allocated are
-- written by the allocation.
CREATE TABLE market_applications (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES market_events(id),
    cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
    products TEXT NOT NULL,
    applied_by INTEGER REFERENCES users(id),
    applied_at INTEGER NOT NULL,
    rank INTEGER,
    allocated INTEGER,
    -- Sales the cooperative reports after the event, in dirhams (only with a stand).
    sales_dh INTEGER,
    sales_reported_at INTEGER,
    UNIQUE (event_id, cooperative_id)
);
CREATE INDEX market_applications_cooperative ON market_applications(cooperative_id);

-- One photo per certificate listing in the catalogue (the product it covers), checked by content
-- (JPEG or PNG) and size before it is stored; replaced by a new upload.
CREATE TABLE certification_photos (
    certification_id INTEGER PRIMARY KEY REFERENCES certifications(id),
    content_type TEXT NOT NULL,
    bytes BLOB NOT NULL,
    created_at INTEGER NOT NULL
);

-- Awareness campaigns (الحملة التحسيسية), their regional and provincial meetings, programmes,
-- public registrations with a waiting list and check-in, and the meetings' reports.

CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY,
    title_ar TEXT NOT NULL,
    title_fr TEXT NOT NULL,
    slogan_ar TEXT NOT NULL DEFAULT '',
    slogan_fr TEXT NOT NULL DEFAULT '',
    objectives_ar TEXT NOT NULL DEFAULT '',
    objectives_fr TEXT NOT NULL DEFAULT '',
    axes_ar TEXT NOT NULL DEFAULT '',
    axes_fr TEXT NOT NULL DEFAULT '',
    partners_ar TEXT NOT NULL DEFAULT '',
    partners_fr TEXT NOT NULL DEFAULT '',
    -- Target-group codes separated by commas.
    target_groups TEXT NOT NULL DEFAULT '',
    -- ISO dates.
    starts_on TEXT,
    ends_on TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
    level TEXT NOT NULL CHECK (level IN ('regional', 'provincial')),
    city_ar TEXT NOT NULL,
    city_fr TEXT NOT NULL,
    region_code TEXT NOT NULL REFERENCES regions(code),
    province_code TEXT REFERENCES provinces(code),
    venue_ar TEXT NOT NULL DEFAULT '',
    venue_fr TEXT NOT NULL DEFAULT '',
    -- ISO date; NULL while not fixed. Times are HH:MM, local time.
    date TEXT,
    starts_at TEXT,
    ends_at TEXT,
    capacity INTEGER NOT NULL CHECK (capacity > 0),
    -- Registrations holding a place, kept in the transaction that changes them, so the capacity
    -- check is one row read under the meeting's lock.
    confirmed_count INTEGER NOT NULL DEFAULT 0 CHECK (confirmed_count >= 0),
    organisers TEXT NOT NULL DEFAULT '',
    partners TEXT NOT NULL DEFAULT '',
    animators TEXT NOT NULL DEFAULT '',
    cancelled INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX meetings_campaign ON meetings(campaign_id, date);

CREATE TABLE programme_items (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('reception', 'opening', 'talk', 'workshop', 'break', 'closing')),
    starts_at TEXT,
    ends_at TEXT,
    title_ar TEXT NOT NULL,
    title_fr TEXT NOT NULL,
    presenter_ar TEXT NOT NULL DEFAULT '',
    presenter_fr TEXT NOT NULL DEFAULT '',
    room TEXT NOT NULL DEFAULT ''
);
CREATE INDEX programme_items_meeting ON programme_items(meeting_id, position);

CREATE TABLE registrations (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    -- Secret of the ticket (QR code, confirmation link, cancellation).
    token TEXT NOT NULL UNIQUE,
    -- Phone, else e-mail, else name: one live registration per person and meeting.
    identity TEXT NOT NULL,
    name TEXT NOT NULL,
    phone TEXT,
    email TEXT,
    target_group TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    gender TEXT CHECK (gender IN ('woman', 'man')),
    province_code TEXT REFERENCES provinces(code),
    cooperative_id INTEGER REFERENCES cooperatives(id),
    status TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
    lang TEXT NOT NULL DEFAULT 'ar',
    walk_in INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    cancelled_at INTEGER,
    checked_in_at INTEGER,
    checked_in_by INTEGER REFERENCES users(id)
);
CREATE UNIQUE INDEX registrations_live_identity ON registrations(meeting_id, identity) WHERE status <> 'cancelled';
CREATE INDEX registrations_meeting ON registrations(meeting_id, status, id);

CREATE TABLE registration_workshops (
    registration_id INTEGER NOT NULL REFERENCES registrations(id),
    item_id INTEGER NOT NULL REFERENCES programme_items(id),
    PRIMARY KEY (registration_id, item_id)
);

-- What a meeting produced, in both languages; lists are one item per line.
CREATE TABLE meeting_reports (
    meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id),
    summary_ar TEXT NOT NULL DEFAULT '',
    summary_fr TEXT NOT NULL DEFAULT '',
    speakers_ar TEXT NOT NULL DEFAULT '',
    speakers_fr TEXT NOT NULL DEFAULT '',
    figures_ar TEXT NOT NULL DEFAULT '',
    figures_fr TEXT NOT NULL DEFAULT '',
    weaknesses_ar TEXT NOT NULL DEFAULT '',
    weaknesses_fr TEXT NOT NULL DEFAULT '',
    recommendations_ar TEXT NOT NULL DEFAULT '',
    recommendations_fr TEXT NOT NULL DEFAULT '',
    published_at INTEGER,
    updated_at INTEGER NOT NULL,
    updated_by INTEGER REFERENCES users(id)
);

CREATE TABLE meeting_photos (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    caption_ar TEXT NOT NULL DEFAULT '',
    caption_fr TEXT NOT NULL DEFAULT '',
    content_type TEXT NOT NULL,
    bytes BLOB NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX meeting_photos_meeting ON meeting_photos(meeting_id);

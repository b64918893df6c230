-- Support programmes (INDH and other funders): calls for projects, applications, the committees
-- that select them level by level, their scores and decisions, and the follow-up of the projects
-- selected.

CREATE TABLE programme_calls (
    id INTEGER PRIMARY KEY,
    funder TEXT NOT NULL,
    title_ar TEXT NOT NULL,
    title_fr TEXT NOT NULL,
    objectives_ar TEXT NOT NULL,
    objectives_fr TEXT NOT NULL,
    -- The domain's Eligibility, criteria (label_ar, label_fr, weight) and deciding level per
    -- project type, as JSON: they are read and written whole, never queried inside.
    eligibility TEXT NOT NULL,
    criteria TEXT NOT NULL,
    levels TEXT NOT NULL,
    -- Required documents, a JSON list; an application's documents refer to them by index.
    documents TEXT NOT NULL,
    region_code TEXT REFERENCES regions(code),
    budget_dh INTEGER NOT NULL,
    ceiling_dh INTEGER NOT NULL,
    min_own_percent INTEGER NOT NULL,
    opens_on TEXT NOT NULL,
    closes_on TEXT NOT NULL,
    preliminary_by TEXT NOT NULL,
    decision_by TEXT NOT NULL,
    owner_user_id INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL
);
CREATE INDEX programme_calls_closes ON programme_calls(closes_on);

-- Who sits on which committee of a call; the chair records the committee's decisions.
CREATE TABLE committee_members (
    call_id INTEGER NOT NULL REFERENCES programme_calls(id),
    level TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id),
    chair INTEGER NOT NULL DEFAULT 0,
    added_at INTEGER NOT NULL,
    PRIMARY KEY (call_id, level, user_id)
);
CREATE INDEX committee_members_user ON committee_members(user_id);

CREATE TABLE programme_applications (
    id INTEGER PRIMARY KEY,
    call_id INTEGER NOT NULL REFERENCES programme_calls(id),
    cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
    status TEXT NOT NULL,
    project_title TEXT NOT NULL,
    project_type TEXT NOT NULL,
    summary TEXT NOT NULL,
    -- Budget lines (label, amount_dh), JSON.
    budget TEXT NOT NULL,
    own_contribution_dh INTEGER NOT NULL,
    requested_dh INTEGER NOT NULL,
    jobs INTEGER,
    -- The automatic eligibility check at submission (rule codes, JSON list), shown to the
    -- preliminary committee.
    eligibility_reasons TEXT NOT NULL DEFAULT '[]',
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    submitted_at INTEGER,
    preliminary_reason TEXT,
    preliminary_at INTEGER,
    preliminary_user_id INTEGER REFERENCES users(id),
    decision_reason TEXT,
    decided_at INTEGER,
    rank INTEGER,
    UNIQUE (call_id, cooperative_id)
);
CREATE INDEX programme_applications_cooperative ON programme_applications(cooperative_id);

CREATE TABLE application_documents (
    application_id INTEGER NOT NULL REFERENCES programme_applications(id),
    doc_index INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    bytes BLOB NOT NULL,
    uploaded_at INTEGER NOT NULL,
    PRIMARY KEY (application_id, doc_index)
);

-- A member with an interest in an application declares it; they then neither score it nor
-- see its scores.
CREATE TABLE committee_conflicts (
    application_id INTEGER NOT NULL REFERENCES programme_applications(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    reason TEXT NOT NULL,
    declared_at INTEGER NOT NULL,
    PRIMARY KEY (application_id, user_id)
);

-- One member's marks per criterion (JSON list, 0 to 10), weighted total in hundredths.
CREATE TABLE committee_scores (
    application_id INTEGER NOT NULL REFERENCES programme_applications(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    marks TEXT NOT NULL,
    total INTEGER NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    scored_at INTEGER NOT NULL,
    PRIMARY KEY (application_id, user_id)
);

-- A level committee's session: its decisions are recorded once, with its minutes.
CREATE TABLE committee_sessions (
    call_id INTEGER NOT NULL REFERENCES programme_calls(id),
    level TEXT NOT NULL,
    notes TEXT NOT NULL,
    decided_at INTEGER NOT NULL,
    decided_by INTEGER REFERENCES users(id),
    PRIMARY KEY (call_id, level)
);

-- Follow-up of a selected project (المواكبة).
CREATE TABLE project_agreements (
    application_id INTEGER PRIMARY KEY REFERENCES programme_applications(id),
    number TEXT NOT NULL,
    signed_on TEXT NOT NULL,
    amount_dh INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    created_by INTEGER REFERENCES users(id)
);

CREATE TABLE project_disbursements (
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES programme_applications(id),
    paid_on TEXT NOT NULL,
    amount_dh INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    created_by INTEGER REFERENCES users(id)
);
CREATE INDEX project_disbursements_application ON project_disbursements(application_id);

CREATE TABLE project_milestones (
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES programme_applications(id),
    label TEXT NOT NULL,
    due_on TEXT NOT NULL,
    done_on TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX project_milestones_application ON project_milestones(application_id);

-- The cooperative's progress reports and the services' visits.
CREATE TABLE project_notes (
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES programme_applications(id),
    kind TEXT NOT NULL,
    on_date TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    created_by INTEGER REFERENCES users(id)
);
CREATE INDEX project_notes_application ON project_notes(application_id);

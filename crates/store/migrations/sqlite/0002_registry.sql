-- The register of cooperatives and unions, and the office's name approvals.

CREATE TABLE cooperatives (
    id INTEGER PRIMARY KEY,
    -- The office's central number when known; else a key made of region and names, so that
    -- re-importing a historical register updates rows instead of duplicating them.
    import_key TEXT NOT NULL UNIQUE,
    central_number TEXT UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('cooperative', 'union')),
    name_ar TEXT,
    name_fr TEXT,
    -- Lower-cased names for sorting and plain lookups; matching uses the in-memory index.
    sort_name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'in_dissolution', 'radiated', 'lapsed')),
    sector TEXT,
    branch TEXT,
    region_code TEXT NOT NULL REFERENCES regions(code),
    province_code TEXT REFERENCES provinces(code),
    commune_code TEXT,
    address TEXT,
    court_code TEXT,
    local_number TEXT,
    founded_on TEXT,
    immatriculated_on TEXT,
    adapted_on TEXT,
    capital INTEGER,
    share_value INTEGER,
    members INTEGER,
    women_members INTEGER,
    young_members INTEGER,
    phone TEXT,
    email TEXT,
    pre_112_12 INTEGER NOT NULL DEFAULT 0,
    adaptation_state TEXT,
    history INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX cooperatives_region ON cooperatives(region_code, sort_name);
CREATE INDEX cooperatives_province ON cooperatives(province_code);
CREATE INDEX cooperatives_sector ON cooperatives(sector);
CREATE INDEX cooperatives_sort ON cooperatives(sort_name);

-- Requests for approval of a name (شهادة المصادقة على التسمية), decided by the office.
CREATE TABLE name_requests (
    id INTEGER PRIMARY KEY,
    applicant_user_id INTEGER NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL CHECK (kind IN ('cooperative', 'union')),
    name_ar TEXT,
    name_fr TEXT,
    region_code TEXT NOT NULL REFERENCES regions(code),
    -- One signatory per line: the request is signed by at least the legal number of founders.
    founders TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'expired')),
    submitted_at INTEGER NOT NULL,
    deadline_at INTEGER NOT NULL,
    decided_at INTEGER,
    decided_by INTEGER REFERENCES users(id),
    decision_reason TEXT,
    reserved_until INTEGER,
    certificate_code TEXT UNIQUE
);
CREATE INDEX name_requests_status ON name_requests(status, deadline_at);
CREATE INDEX name_requests_applicant ON name_requests(applicant_user_id);

-- Every change to the names the matcher knows, in order. Each server process keeps its
-- in-memory name index current by applying the changes after the last one it saw (PostgreSQL
-- also wakes them with NOTIFY), so any number of processes answer alike.
CREATE TABLE name_changes (
    seq INTEGER PRIMARY KEY,
    -- 'cooperative' (entity_id = cooperative id), 'reservation' (name request id), or 'reload'.
    kind TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    at INTEGER NOT NULL
);

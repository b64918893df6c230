-- Products as records of their own (name and description in Arabic and French, category, price
-- range, photos, the certificates covering them), the scanned certificate documents, and the
-- parameters of each market opening's allocation rule.

CREATE TABLE products (
    id INTEGER PRIMARY KEY,
    cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
    category TEXT NOT NULL,
    name_ar TEXT NOT NULL,
    name_fr TEXT NOT NULL,
    description_ar TEXT NOT NULL DEFAULT '',
    description_fr TEXT NOT NULL DEFAULT '',
    -- Whole dirhams; both NULL for "price on request".
    price_min_dh INTEGER,
    price_max_dh INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    created_by INTEGER REFERENCES users(id)
);
CREATE INDEX products_cooperative ON products(cooperative_id);
CREATE INDEX products_category ON products(category);

-- Which of the cooperative's certificates cover a product.
CREATE TABLE product_certifications (
    product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    certification_id INTEGER NOT NULL REFERENCES certifications(id) ON DELETE CASCADE,
    PRIMARY KEY (product_id, certification_id)
);
CREATE INDEX product_certifications_certification ON product_certifications(certification_id);

-- A product's photos, resized and re-encoded as JPEG before they are stored: the picture
-- (longest side at most 800 px) and its thumbnail (at most 240 px) for lists.
CREATE TABLE product_photos (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    thumb BLOB NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX product_photos_product ON product_photos(product_id);

-- The scanned certificate (PDF, JPEG or PNG, checked by content); a new upload replaces it.
CREATE TABLE certification_documents (
    certification_id INTEGER PRIMARY KEY REFERENCES certifications(id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    bytes BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    created_by INTEGER REFERENCES users(id)
);

-- The allocation rule's parameters, chosen by the organiser; the defaults are the rule that
-- was fixed before.
ALTER TABLE market_events ADD COLUMN rotation_events INTEGER NOT NULL DEFAULT 3;
ALTER TABLE market_events ADD COLUMN certified_points INTEGER NOT NULL DEFAULT 2;
ALTER TABLE market_events ADD COLUMN local_points INTEGER NOT NULL DEFAULT 1;
ALTER TABLE market_events ADD COLUMN women_first INTEGER NOT NULL DEFAULT 1;

-- A cooperative's phone and e-mail are often a member's own: they are published (shop,
-- catalogues, the public record and API) only once the cooperative's managers choose to.
ALTER TABLE cooperatives ADD COLUMN contact_public BIGINT NOT NULL DEFAULT 0;

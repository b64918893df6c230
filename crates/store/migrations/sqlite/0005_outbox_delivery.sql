-- Delivery of the outbox: a sender claims a few messages at a time, so that several server
-- processes never send the same message twice; a claim left by a crashed process expires.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN claimed_at INTEGER;
ALTER TABLE outbox ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0;

-- Audit entries and queued messages carry the region of the record they are about, so that a
-- regional agent reads only their region's (NULL: a national record, read by national staff);
-- an audit entry may be redacted once (personal data removed under Law 09-08), never otherwise
-- changed. One approved name founds at most one live file.

ALTER TABLE audit_log ADD COLUMN region_code TEXT;
ALTER TABLE audit_log ADD COLUMN redacted_at BIGINT;
ALTER TABLE outbox ADD COLUMN region_code TEXT;

DROP TRIGGER audit_log_no_update ON audit_log;
UPDATE audit_log SET region_code = (SELECT c.region_code FROM cooperatives c WHERE c.id::text = audit_log.entity_id)
    WHERE entity = 'cooperative';
UPDATE audit_log SET region_code = (SELECT f.region_code FROM filings f WHERE f.id::text = audit_log.entity_id)
    WHERE entity = 'filing';
UPDATE audit_log SET region_code = (SELECT n.region_code FROM name_requests n WHERE n.id::text = audit_log.entity_id)
    WHERE entity = 'name_request';
UPDATE audit_log SET region_code = (SELECT m.region_code FROM meetings m WHERE m.id::text = audit_log.entity_id)
    WHERE entity = 'meeting';
UPDATE audit_log SET region_code = (SELECT m.region_code FROM market_events m WHERE m.id::text = audit_log.entity_id)
    WHERE entity = 'market_event';
UPDATE audit_log SET region_code = (SELECT c.region_code FROM programme_applications a JOIN cooperatives c ON c.id = a.cooperative_id
                                    WHERE a.id::text = audit_log.entity_id)
    WHERE entity = 'programme_application';

CREATE FUNCTION audit_log_redact_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL
       AND NEW.id = OLD.id AND NEW.at = OLD.at
       AND NEW.actor_user_id IS NOT DISTINCT FROM OLD.actor_user_id
       AND NEW.actor_label = OLD.actor_label AND NEW.action = OLD.action
       AND NEW.entity = OLD.entity AND NEW.entity_id = OLD.entity_id
       AND NEW.region_code IS NOT DISTINCT FROM OLD.region_code THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_redact_only();
CREATE INDEX audit_log_region ON audit_log(region_code, id);
CREATE INDEX outbox_region ON outbox(region_code, id);

-- Files opened twice for one name before this rule existed: the later drafts are withdrawn.
UPDATE filings SET status = 'withdrawn'
    WHERE name_request_id IS NOT NULL AND status IN ('draft', 'rejected')
      AND EXISTS (SELECT 1 FROM filings g WHERE g.name_request_id = filings.name_request_id
                  AND g.status <> 'withdrawn' AND g.id < filings.id);
CREATE UNIQUE INDEX filings_live_name_request ON filings(name_request_id) WHERE status <> 'withdrawn';

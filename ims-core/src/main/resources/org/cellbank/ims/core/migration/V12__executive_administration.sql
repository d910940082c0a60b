-- The administrator's writes are audited too: user and key management rows name the user or the
-- key, and belong to no cell line. (ALTER TABLE is no UPDATE: the append-only triggers stay.)

ALTER TABLE audit_event ALTER COLUMN cell_line DROP NOT NULL;
ALTER TABLE audit_event DROP CONSTRAINT audit_event_entity_check;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_entity_check
  CHECK (entity IN ('cell_line', 'batch', 'api_user', 'api_key'));
ALTER TABLE audit_event ADD CONSTRAINT audit_event_cell_line_check
  CHECK ((cell_line IS NULL) = (entity IN ('api_user', 'api_key')));

-- The purge deletes change-log rows older than a retention, a bounded batch at a time.
CREATE INDEX change_log_changed_at_idx ON change_log (changed_at);

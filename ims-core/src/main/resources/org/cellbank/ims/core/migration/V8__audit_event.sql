-- The audit trail: one row per write of the executive operations, inserted in the write's own
-- transaction. Rows are never changed or removed: the triggers below raise on UPDATE, DELETE and
-- TRUNCATE, whoever runs them, the table's owner included (a REVOKE would not bind an owner).
-- changes is JSON text: {"<field>": {"before": <value>, "after": <value>}, ...}.

CREATE TABLE audit_event (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at   timestamptz NOT NULL DEFAULT now(),
  actor         varchar(150) NOT NULL,
  actor_role    varchar(20) NOT NULL,
  entity        varchar(30) NOT NULL CHECK (entity IN ('cell_line', 'batch')),
  entity_id     varchar(100) NOT NULL,
  cell_line     varchar(100) NOT NULL,
  action        varchar(40) NOT NULL,
  changes       text NOT NULL
);

-- Per record and per line, newest first.
CREATE INDEX audit_event_entity_idx ON audit_event (entity, entity_id, id DESC);
CREATE INDEX audit_event_cell_line_idx ON audit_event (cell_line, id DESC);

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_event_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

-- The change feed for partner systems: every insert, real update and delete of a cell line or a
-- batch, whoever writes it (the executive operations, the nightly import), appends a row here.
-- txid is the writing transaction's id: a reader only returns rows of transactions older than every
-- transaction still running (txid < the snapshot's xmin), and its cursor is (txid, id), so a
-- transaction that commits late is never skipped, which an id alone could not promise.

CREATE TABLE change_log (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  txid       bigint NOT NULL DEFAULT txid_current(),
  changed_at timestamptz NOT NULL DEFAULT now(),
  entity     varchar(30) NOT NULL CHECK (entity IN ('cell_line', 'batch')),
  entity_id  varchar(100) NOT NULL,
  deleted    boolean NOT NULL
);
CREATE INDEX change_log_cursor_idx ON change_log (txid, id);

-- The trigger runs with the writer's search_path, which need not name the IMS schema: the insert
-- names the schema of the table that fired it.
CREATE FUNCTION change_log_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sql text := format('INSERT INTO %I.change_log (entity, entity_id, deleted) VALUES ($1, $2, $3)', TG_TABLE_SCHEMA);
BEGIN
  IF TG_OP = 'DELETE' THEN
    EXECUTE sql USING TG_ARGV[0], OLD.biosamples_id, true;
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.biosamples_id IS DISTINCT FROM NEW.biosamples_id THEN
    EXECUTE sql USING TG_ARGV[0], OLD.biosamples_id, true;
  END IF;
  EXECUTE sql USING TG_ARGV[0], NEW.biosamples_id, false;
  RETURN NEW;
END
$$;

CREATE TRIGGER cell_line_change_log_write AFTER INSERT OR DELETE ON cell_line
  FOR EACH ROW EXECUTE FUNCTION change_log_record('cell_line');
CREATE TRIGGER cell_line_change_log_update AFTER UPDATE ON cell_line
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION change_log_record('cell_line');
CREATE TRIGGER batch_change_log_write AFTER INSERT OR DELETE ON batch
  FOR EACH ROW EXECUTE FUNCTION change_log_record('batch');
CREATE TRIGGER batch_change_log_update AFTER UPDATE ON batch
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION change_log_record('batch');

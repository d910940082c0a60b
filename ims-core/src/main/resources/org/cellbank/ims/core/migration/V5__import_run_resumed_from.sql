-- A run that continued the names an earlier run left when its time budget ran out points at that
-- run; a run that read the registry's list has none.

ALTER TABLE import_run ADD COLUMN resumed_from bigint REFERENCES import_run (id) ON DELETE SET NULL;

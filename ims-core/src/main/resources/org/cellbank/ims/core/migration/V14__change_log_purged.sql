-- The newest change-log position (txid, id) that the housekeeping purge has deleted. A change-feed
-- cursor before it may have passed over purged changes (a deleted line's record among them), so the
-- feed refuses it (410) and the reader starts again from a full read. One row at most.
CREATE TABLE change_log_purged (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  txid     bigint NOT NULL,
  id       bigint NOT NULL
);

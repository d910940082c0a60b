-- The search outbox: one row per change that the search index has to follow. A write transaction
-- inserts a row next to its domain rows, so a committed change is never lost even when the index is
-- down; the drainer claims due rows (FOR UPDATE SKIP LOCKED), re-reads the line, updates the index and
-- marks the rows done, or pushes next_attempt_at back with an exponential backoff.

CREATE TABLE search_outbox (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  biosamples_id   varchar(100) NOT NULL,
  enqueued_at     timestamptz NOT NULL DEFAULT now(),
  attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  done_at         timestamptz,
  last_error      text
);

-- The drainer's claim query: pending rows that are due, oldest first.
CREATE INDEX search_outbox_due ON search_outbox (next_attempt_at, id) WHERE done_at IS NULL;
-- Pending rows of one line, and purging of done rows.
CREATE INDEX search_outbox_pending_line ON search_outbox (biosamples_id) WHERE done_at IS NULL;
CREATE INDEX search_outbox_done ON search_outbox (done_at) WHERE done_at IS NOT NULL;

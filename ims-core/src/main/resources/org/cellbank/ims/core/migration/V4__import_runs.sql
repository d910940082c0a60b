-- Import runs: one row per run of the hPSCreg import, with its counts, the names it did not get to
-- (the next run can resume with them) and one row per failed or skipped line.

CREATE TABLE import_run (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source      varchar(20) NOT NULL DEFAULT 'hpscreg',
  started_at  timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  outcome     varchar(20) NOT NULL CHECK (outcome IN ('completed', 'budget_exhausted', 'list_failed')),
  total       integer NOT NULL CHECK (total >= 0),
  created     integer NOT NULL CHECK (created >= 0),
  updated     integer NOT NULL CHECK (updated >= 0),
  unchanged   integer NOT NULL CHECK (unchanged >= 0),
  failed      integer NOT NULL CHECK (failed >= 0),
  skipped     integer NOT NULL CHECK (skipped >= 0),
  not_done    text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX import_run_started ON import_run (source, started_at DESC);

CREATE TABLE import_run_problem (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  import_run_id bigint NOT NULL REFERENCES import_run (id) ON DELETE CASCADE,
  line_name     varchar(200) NOT NULL,
  kind          varchar(10) NOT NULL CHECK (kind IN ('failed', 'skipped')),
  message       text NOT NULL
);
CREATE INDEX import_run_problem_run ON import_run_problem (import_run_id);

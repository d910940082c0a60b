-- While an import run works, its source has a row here: a second run of the same source refuses to
-- start until the first one deletes the row or the row's lease runs out (a run killed with its
-- process, a Lambda timeout for instance, holds nothing after expires_at).

CREATE TABLE import_lease (
  source      varchar(20) PRIMARY KEY,
  holder      varchar(100) NOT NULL,
  acquired_at timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL CHECK (expires_at > acquired_at)
);

package org.cellbank.ims.core.executive;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A page of the change feed: the lines and batches changed since a cursor, and the cursor to ask
 * with next time.
 *
 * @param changes the changed records, each once (its latest change in the page), oldest first
 * @param nextCursor the cursor for the next call: it returns what changed after this page
 * @param more whether more changes are already waiting after this page (call again at once)
 */
public record ChangeFeed(List<Change> changes, String nextCursor, boolean more) {

  /** Checks the components and copies the list. */
  public ChangeFeed {
    changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
    Objects.requireNonNull(nextCursor, "nextCursor");
  }

  /**
   * One changed record.
   *
   * @param entity {@code cell_line} or {@code batch}
   * @param id the record's key: a line's BioSamples id or a batch key
   * @param deleted whether the record was deleted (its URI then answers 404)
   * @param changedAt when the change's transaction started
   */
  public record Change(String entity, String id, boolean deleted, Instant changedAt) {

    /** Checks that the components are present. */
    public Change {
      Objects.requireNonNull(entity, "entity");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(changedAt, "changedAt");
    }

    /** The record's v0 URI, e.g. {@code /api/v0/cell-lines/SAMEA2590882}. */
    public String uri() {
      return entity.equals("batch") ? ExecutiveJson.v0BatchUri(id) : ExecutiveJson.v0LineUri(id);
    }
  }
}

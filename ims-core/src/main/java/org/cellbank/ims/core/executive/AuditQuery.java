package org.cellbank.ims.core.executive;

import java.util.Objects;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.ValidationException;

/**
 * Which audit rows to read, newest first.
 *
 * @param entity {@code cell_line}, {@code batch}, {@code api_user} or {@code api_key}; null for every
 *     entity (users and keys only for an administrator)
 * @param entityId the record's key; null for every record. With {@code entity = cell_line} the rows
 *     of the line's batches are included, so the query reads a line's whole history
 * @param page which rows
 */
public record AuditQuery(String entity, String entityId, PageRequest page) {

  /**
   * Validates the query.
   *
   * @throws ValidationException when the entity is unknown, or an id is given without an entity
   */
  public AuditQuery {
    Objects.requireNonNull(page, "page");
    if (entity != null && !entity.equals("cell_line") && !entity.equals("batch") && !entity.equals("api_user")
        && !entity.equals("api_key")) {
      throw new ValidationException("entity must be cell_line, batch, api_user or api_key: " + entity);
    }
    if (entityId != null && entity == null) {
      throw new ValidationException("an audit query by id needs the entity (cell_line, batch, api_user or api_key)");
    }
  }

  /** Every row, a page at a time. */
  public static AuditQuery all(PageRequest page) {
    return new AuditQuery(null, null, page);
  }
}

package org.cellbank.ims.core.executive;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the audit trail: who changed what, when, and how.
 *
 * @param id the row's id; later rows have larger ids
 * @param occurredAt when the change was committed (the transaction's start)
 * @param actor the user who made it
 * @param actorRole the user's role code then
 * @param entity {@code cell_line}, {@code batch}, {@code api_user} or {@code api_key}
 * @param entityId the record's key: a line's BioSamples id, a batch key, a username or a key id
 * @param cellLine the BioSamples id of the line the record belongs to (itself for a line); null for
 *     users and keys
 * @param action what was done, e.g. {@code status_change}, {@code batch_create}
 * @param changes the difference as JSON text: {@code {"<field>": {"before": ..., "after": ...}}}
 */
public record AuditEntry(long id, Instant occurredAt, String actor, String actorRole, String entity, String entityId,
    String cellLine, String action, String changes) {

  /** Checks that the components are present ({@code cellLine} may be null). */
  public AuditEntry {
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(actorRole, "actorRole");
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(entityId, "entityId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(changes, "changes");
  }
}

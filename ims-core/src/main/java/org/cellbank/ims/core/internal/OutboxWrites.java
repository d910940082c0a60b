package org.cellbank.ims.core.internal;

import static org.cellbank.ims.core.internal.db.Tables.SEARCH_OUTBOX;

import org.cellbank.ims.core.DatabaseException;
import org.cellbank.ims.core.ValidationException;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/** The search outbox's insert, shared by the repositories' write transactions and the public outbox. */
public final class OutboxWrites {
  private OutboxWrites() {}

  /**
   * Enqueues a line through a jOOQ context; inside its transaction when the context is in one.
   *
   * @throws DatabaseException when the insert fails
   */
  public static void enqueue(DSLContext dsl, String biosamplesId) {
    requireId(biosamplesId);
    try {
      dsl.insertInto(SEARCH_OUTBOX, SEARCH_OUTBOX.BIOSAMPLES_ID).values(biosamplesId).execute();
    } catch (DataAccessException e) {
      throw new DatabaseException("could not enqueue " + biosamplesId + " in the search outbox", e, true);
    }
  }

  /**
   * Checks a BioSamples id for the outbox.
   *
   * @throws ValidationException when it is blank or longer than 100 characters
   */
  public static void requireId(String biosamplesId) {
    java.util.Objects.requireNonNull(biosamplesId, "biosamplesId");
    if (biosamplesId.isBlank() || biosamplesId.length() > 100) {
      throw new ValidationException("a BioSamples id must be 1 to 100 characters: " + biosamplesId);
    }
  }
}

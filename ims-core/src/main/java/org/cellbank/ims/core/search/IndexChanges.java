package org.cellbank.ims.core.search;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.cellbank.ims.core.ValidationException;

/**
 * A batch of changes to an index: documents to add or replace and ids to remove.
 *
 * @param upserts documents to add or replace (by BioSamples id)
 * @param deletes BioSamples ids to remove; removing an absent id is not an error
 */
public record IndexChanges(List<CatalogueDocument> upserts, List<String> deletes) {

  /** Validates the components (no id twice) and copies the lists. */
  public IndexChanges {
    upserts = List.copyOf(Objects.requireNonNull(upserts, "upserts"));
    deletes = List.copyOf(Objects.requireNonNull(deletes, "deletes"));
    Set<String> seen = new HashSet<>();
    for (CatalogueDocument d : upserts) {
      if (!seen.add(d.biosamplesId())) {
        throw new ValidationException("index changes name " + d.biosamplesId() + " twice");
      }
    }
    for (String id : deletes) {
      if (!seen.add(id)) {
        throw new ValidationException("index changes name " + id + " twice");
      }
    }
  }

  /** Whether there is nothing to do. */
  public boolean isEmpty() {
    return upserts.isEmpty() && deletes.isEmpty();
  }

  /** The number of changes. */
  public int size() {
    return upserts.size() + deletes.size();
  }
}

package org.cellbank.ims.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A disease linked to a cell line's genetic modifications.
 *
 * @param disease the normalised term; may be null
 * @param freeTextName the name as the depositor wrote it, when not normalised; may be null
 * @param primary whether this is the line's primary disease
 * @param notes free-text notes; may be null
 * @param modifications the modifications linked to this disease
 */
public record CellLineDisease(
    Disease disease,
    String freeTextName,
    boolean primary,
    String notes,
    List<GeneticModification> modifications) {

  /** Validates the components and copies the lists. */
  public CellLineDisease {
    modifications = List.copyOf(Objects.requireNonNull(modifications, "modifications"));
    if (disease == null && freeTextName == null) {
      throw new org.cellbank.ims.core.ValidationException("a cell-line disease needs a normalised disease or a free-text name");
    }
  }
}

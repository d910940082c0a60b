package org.cellbank.ims.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A disease of a donor: a normalised ontology term, a free-text name, or both.
 *
 * @param disease the normalised term; may be null
 * @param freeTextName the name as the depositor wrote it, when not normalised; may be null
 * @param primary whether this is the donor's primary disease
 * @param stage the disease stage; may be null
 * @param affectedStatus whether the donor is affected, as registered (e.g. {@code True}); may be null
 * @param carrier whether the donor is a carrier, as registered; may be null
 * @param notes free-text notes; may be null
 * @param variants the donor's variants linked to this disease
 */
public record DonorDisease(
    Disease disease,
    String freeTextName,
    boolean primary,
    String stage,
    String affectedStatus,
    String carrier,
    String notes,
    List<Variant> variants) {

  /** Validates the components and copies the lists. */
  public DonorDisease {
    variants = List.copyOf(Objects.requireNonNull(variants, "variants"));
    if (disease == null && freeTextName == null) {
      throw new org.cellbank.ims.core.ValidationException("a donor disease needs a normalised disease or a free-text name");
    }
  }
}

package org.cellbank.ims.core.model;

import java.util.List;
import java.util.Objects;

/**
 * An ontology term for a disease, identified by its PURL.
 *
 * @param purl the term's PURL, e.g. {@code http://purl.obolibrary.org/obo/DOID_1440}; the natural key
 * @param name the term's name, e.g. {@code Machado-Joseph disease}; may be null
 * @param synonyms other names of the term
 */
public record Disease(
    String purl,
    String name,
    List<String> synonyms) {

  /** Validates the components and copies the lists. */
  public Disease {
    Objects.requireNonNull(purl, "purl");
    synonyms = List.copyOf(Objects.requireNonNull(synonyms, "synonyms"));
  }
}

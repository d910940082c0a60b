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

  /** The suffix of the PURL of PATO's "normal" term ({@code PATO_0000461}), the healthy-donor term. */
  public static final String NORMAL_PURL_SUFFIX = "PATO_0000461";

  /** Validates the components and copies the lists. */
  public Disease {
    Objects.requireNonNull(purl, "purl");
    synonyms = List.copyOf(Objects.requireNonNull(synonyms, "synonyms"));
  }

  /** Whether this is the "normal" term, which the primary-disease rule passes over. */
  public boolean isNormal() {
    return purl.endsWith(NORMAL_PURL_SUFFIX);
  }
}

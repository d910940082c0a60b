package org.cellbank.ims.core.model;

import java.util.List;

/**
 * How a cell line was reprogrammed with a vector: {@link IntegratingVector} or
 * {@link NonIntegratingVector}. A line has at most one.
 */
public sealed interface ReprogrammingVector permits IntegratingVector, NonIntegratingVector {

  /** {@code integrating} or {@code non_integrating}. */
  String kind();

  /** The vector type, e.g. {@code Virus} or {@code Episomal}. May be null. */
  String vector();

  /** The reprogramming genes, in registry order. */
  List<String> genes();

  /** How silencing or detection was checked. */
  List<String> methods();
}

package org.cellbank.ims.core.executive;

import java.util.Objects;
import org.cellbank.ims.core.model.BatchCultureConditions;

/**
 * A stored batch as the executive pages show and change it: its inventory counts, culture
 * conditions, version and the line it belongs to.
 *
 * @param batchKey the batch's key, e.g. {@code UKBi008-A_M002}
 * @param batchId the batch id within the line, e.g. {@code M002}
 * @param batchType the batch type code, e.g. {@code depositor}
 * @param lineName the line's name
 * @param lineBiosamplesId the line's BioSamples id
 * @param vialsAtRoslin vials at the central facility; null when not recorded
 * @param vialsShippedToEcacc vials shipped to ECACC; null when not recorded
 * @param vialsShippedToFraunhofer vials shipped to Fraunhofer; null when not recorded
 * @param cultureConditions the batch's culture conditions; null when none are recorded
 * @param certificateOfAnalysis whether the batch has a certificate of analysis
 * @param images how many images the batch has
 * @param vials how many vials the batch has
 * @param version the batch's version: every change of the batch moves it on by one
 */
public record ExecutiveBatch(String batchKey, String batchId, String batchType, String lineName,
    String lineBiosamplesId, Integer vialsAtRoslin, Integer vialsShippedToEcacc, Integer vialsShippedToFraunhofer,
    BatchCultureConditions cultureConditions, boolean certificateOfAnalysis, int images, int vials, long version) {

  /** Checks that the keys are present. */
  public ExecutiveBatch {
    Objects.requireNonNull(batchKey, "batchKey");
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(batchType, "batchType");
    Objects.requireNonNull(lineName, "lineName");
    Objects.requireNonNull(lineBiosamplesId, "lineBiosamplesId");
  }

  /** The strong entity tag of this version of the batch, e.g. {@code "3"}: as a line's, the version in quotes. */
  public String etag() {
    return ExecutiveLine.etagOf(version);
  }
}

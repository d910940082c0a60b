package org.cellbank.ims.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A batch of a cell line, with its vials.
 *
 * @param biosamplesId the batch key, {@code <line>_<batch id>} (or a legacy {@code SAMEG...} id); unique
 * @param batchId the batch id within its line: a letter and three digits, e.g. {@code P001}
 * @param type who expanded it
 * @param vialsAtCentralFacility vials at the central facility; may be null
 * @param vialsShippedToEcacc vials shipped to ECACC; may be null
 * @param vialsShippedToFraunhofer vials shipped to Fraunhofer IBMT; may be null
 * @param certificateOfAnalysis the certificate of analysis (PDF); may be null
 * @param cultureConditions the batch's culture conditions; may be null
 * @param images images of the cells (at most 4)
 * @param vials the vials, ordered by number
 */
public record Batch(
    String biosamplesId,
    String batchId,
    BatchType type,
    Integer vialsAtCentralFacility,
    Integer vialsShippedToEcacc,
    Integer vialsShippedToFraunhofer,
    MediaFile certificateOfAnalysis,
    BatchCultureConditions cultureConditions,
    List<BatchImage> images,
    List<Vial> vials) {

  /** Validates the components and copies the lists. */
  public Batch {
    Objects.requireNonNull(biosamplesId, "biosamplesId");
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(type, "type");
    images = List.copyOf(Objects.requireNonNull(images, "images"));
    vials = List.copyOf(Objects.requireNonNull(vials, "vials"));
  }

  /** Returns an empty builder; lists start empty, other components null, false or 0. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts from this value. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.biosamplesId = biosamplesId;
    b.batchId = batchId;
    b.type = type;
    b.vialsAtCentralFacility = vialsAtCentralFacility;
    b.vialsShippedToEcacc = vialsShippedToEcacc;
    b.vialsShippedToFraunhofer = vialsShippedToFraunhofer;
    b.certificateOfAnalysis = certificateOfAnalysis;
    b.cultureConditions = cultureConditions;
    b.images = images;
    b.vials = vials;
    return b;
  }

  /** Builds a {@link Batch}. Not thread-safe. */
  public static final class Builder {
    private String biosamplesId;
    private String batchId;
    private BatchType type;
    private Integer vialsAtCentralFacility;
    private Integer vialsShippedToEcacc;
    private Integer vialsShippedToFraunhofer;
    private MediaFile certificateOfAnalysis;
    private BatchCultureConditions cultureConditions;
    private List<BatchImage> images = List.of();
    private List<Vial> vials = List.of();

    private Builder() {}

    /** Sets the batch key, {@code <line>_<batch id>} (or a legacy {@code SAMEG...} id); unique. */
    public Builder biosamplesId(String biosamplesId) {
      this.biosamplesId = biosamplesId;
      return this;
    }

    /** Sets the batch id within its line: a letter and three digits, e.g. {@code P001}. */
    public Builder batchId(String batchId) {
      this.batchId = batchId;
      return this;
    }

    /** Sets who expanded it. */
    public Builder type(BatchType type) {
      this.type = type;
      return this;
    }

    /** Sets vials at the central facility. */
    public Builder vialsAtCentralFacility(Integer vialsAtCentralFacility) {
      this.vialsAtCentralFacility = vialsAtCentralFacility;
      return this;
    }

    /** Sets vials shipped to ECACC. */
    public Builder vialsShippedToEcacc(Integer vialsShippedToEcacc) {
      this.vialsShippedToEcacc = vialsShippedToEcacc;
      return this;
    }

    /** Sets vials shipped to Fraunhofer IBMT. */
    public Builder vialsShippedToFraunhofer(Integer vialsShippedToFraunhofer) {
      this.vialsShippedToFraunhofer = vialsShippedToFraunhofer;
      return this;
    }

    /** Sets the certificate of analysis (PDF). */
    public Builder certificateOfAnalysis(MediaFile certificateOfAnalysis) {
      this.certificateOfAnalysis = certificateOfAnalysis;
      return this;
    }

    /** Sets the batch's culture conditions. */
    public Builder cultureConditions(BatchCultureConditions cultureConditions) {
      this.cultureConditions = cultureConditions;
      return this;
    }

    /** Sets images of the cells (at most 4). */
    public Builder images(List<BatchImage> images) {
      this.images = images;
      return this;
    }

    /** Sets the vials, ordered by number. */
    public Builder vials(List<Vial> vials) {
      this.vials = vials;
      return this;
    }

    /** Builds the value; throws {@link NullPointerException} for a missing required component. */
    public Batch build() {
      return new Batch(biosamplesId, batchId, type, vialsAtCentralFacility, vialsShippedToEcacc, vialsShippedToFraunhofer, certificateOfAnalysis, cultureConditions, images, vials);
    }
  }
}

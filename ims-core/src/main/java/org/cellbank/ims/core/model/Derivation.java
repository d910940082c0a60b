package org.cellbank.ims.core.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * How a cell line was derived: the primary cells and the conditions.
 *
 * @param primaryCellType the normalised primary cell type, e.g. {@code fibroblast of dermis}; may be null
 * @param primaryCellTypeFreeText the primary cell type as written, when not normalised; may be null
 * @param primaryCellLine the primary cell line, when derived from one; may be null
 * @param primaryCellLineVendor the vendor of that primary cell line; may be null
 * @param primaryCellDevelopmentalStage the developmental stage of the primary cells; may be null
 * @param tissueProcurementLocation where the tissue was procured; may be null
 * @param tissueCollectionDate when the tissue was collected (legacy); may be null
 * @param tissueCollectionYear the year the tissue was collected; may be null
 * @param reprogrammingPassageNumber the passage number at reprogramming; may be null
 * @param selectionCriteriaForClones how clones were selected; may be null
 * @param xenoFreeConditions whether derived under xeno-free conditions; may be null
 * @param derivedUnderGmp whether derived under GMP; may be null
 * @param availableAsClinicalGrade whether available as clinical grade; may be null
 */
public record Derivation(
    String primaryCellType,
    String primaryCellTypeFreeText,
    String primaryCellLine,
    String primaryCellLineVendor,
    String primaryCellDevelopmentalStage,
    String tissueProcurementLocation,
    LocalDate tissueCollectionDate,
    String tissueCollectionYear,
    String reprogrammingPassageNumber,
    String selectionCriteriaForClones,
    Boolean xenoFreeConditions,
    Boolean derivedUnderGmp,
    Boolean availableAsClinicalGrade) {

  /** Validates the components and copies the lists. */
  public Derivation {
  }

  /** Returns an empty builder; lists start empty, other components null, false or 0. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts from this value. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.primaryCellType = primaryCellType;
    b.primaryCellTypeFreeText = primaryCellTypeFreeText;
    b.primaryCellLine = primaryCellLine;
    b.primaryCellLineVendor = primaryCellLineVendor;
    b.primaryCellDevelopmentalStage = primaryCellDevelopmentalStage;
    b.tissueProcurementLocation = tissueProcurementLocation;
    b.tissueCollectionDate = tissueCollectionDate;
    b.tissueCollectionYear = tissueCollectionYear;
    b.reprogrammingPassageNumber = reprogrammingPassageNumber;
    b.selectionCriteriaForClones = selectionCriteriaForClones;
    b.xenoFreeConditions = xenoFreeConditions;
    b.derivedUnderGmp = derivedUnderGmp;
    b.availableAsClinicalGrade = availableAsClinicalGrade;
    return b;
  }

  /** Builds a {@link Derivation}. Not thread-safe. */
  public static final class Builder {
    private String primaryCellType;
    private String primaryCellTypeFreeText;
    private String primaryCellLine;
    private String primaryCellLineVendor;
    private String primaryCellDevelopmentalStage;
    private String tissueProcurementLocation;
    private LocalDate tissueCollectionDate;
    private String tissueCollectionYear;
    private String reprogrammingPassageNumber;
    private String selectionCriteriaForClones;
    private Boolean xenoFreeConditions;
    private Boolean derivedUnderGmp;
    private Boolean availableAsClinicalGrade;

    private Builder() {}

    /** Sets the normalised primary cell type, e.g. {@code fibroblast of dermis}. */
    public Builder primaryCellType(String primaryCellType) {
      this.primaryCellType = primaryCellType;
      return this;
    }

    /** Sets the primary cell type as written, when not normalised. */
    public Builder primaryCellTypeFreeText(String primaryCellTypeFreeText) {
      this.primaryCellTypeFreeText = primaryCellTypeFreeText;
      return this;
    }

    /** Sets the primary cell line, when derived from one. */
    public Builder primaryCellLine(String primaryCellLine) {
      this.primaryCellLine = primaryCellLine;
      return this;
    }

    /** Sets the vendor of that primary cell line. */
    public Builder primaryCellLineVendor(String primaryCellLineVendor) {
      this.primaryCellLineVendor = primaryCellLineVendor;
      return this;
    }

    /** Sets the developmental stage of the primary cells. */
    public Builder primaryCellDevelopmentalStage(String primaryCellDevelopmentalStage) {
      this.primaryCellDevelopmentalStage = primaryCellDevelopmentalStage;
      return this;
    }

    /** Sets where the tissue was procured. */
    public Builder tissueProcurementLocation(String tissueProcurementLocation) {
      this.tissueProcurementLocation = tissueProcurementLocation;
      return this;
    }

    /** Sets when the tissue was collected (legacy). */
    public Builder tissueCollectionDate(LocalDate tissueCollectionDate) {
      this.tissueCollectionDate = tissueCollectionDate;
      return this;
    }

    /** Sets the year the tissue was collected. */
    public Builder tissueCollectionYear(String tissueCollectionYear) {
      this.tissueCollectionYear = tissueCollectionYear;
      return this;
    }

    /** Sets the passage number at reprogramming. */
    public Builder reprogrammingPassageNumber(String reprogrammingPassageNumber) {
      this.reprogrammingPassageNumber = reprogrammingPassageNumber;
      return this;
    }

    /** Sets how clones were selected. */
    public Builder selectionCriteriaForClones(String selectionCriteriaForClones) {
      this.selectionCriteriaForClones = selectionCriteriaForClones;
      return this;
    }

    /** Sets whether derived under xeno-free conditions. */
    public Builder xenoFreeConditions(Boolean xenoFreeConditions) {
      this.xenoFreeConditions = xenoFreeConditions;
      return this;
    }

    /** Sets whether derived under GMP. */
    public Builder derivedUnderGmp(Boolean derivedUnderGmp) {
      this.derivedUnderGmp = derivedUnderGmp;
      return this;
    }

    /** Sets whether available as clinical grade. */
    public Builder availableAsClinicalGrade(Boolean availableAsClinicalGrade) {
      this.availableAsClinicalGrade = availableAsClinicalGrade;
      return this;
    }

    /** Builds the value; throws {@link NullPointerException} for a missing required component. */
    public Derivation build() {
      return new Derivation(primaryCellType, primaryCellTypeFreeText, primaryCellLine, primaryCellLineVendor, primaryCellDevelopmentalStage, tissueProcurementLocation, tissueCollectionDate, tissueCollectionYear, reprogrammingPassageNumber, selectionCriteriaForClones, xenoFreeConditions, derivedUnderGmp, availableAsClinicalGrade);
    }
  }
}

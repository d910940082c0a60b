package org.cellbank.ims.core.model;

import java.util.List;
import java.util.Objects;

/**
 * The depositor's culture conditions for a cell line.
 *
 * @param surfaceCoating e.g. {@code gelatine}; may be null
 * @param feederCellType e.g. {@code Human foreskin fibroblasts}; may be null
 * @param feederCellId e.g. {@code CELDA_000001419}; may be null
 * @param passageMethod e.g. {@code mechanically}; may be null
 * @param enzymatically the enzyme, when passaged enzymatically; may be null
 * @param enzymeFree the reagent, when passaged enzyme-free; may be null
 * @param o2Concentration O2 in percent; may be null
 * @param co2Concentration CO2 in percent; may be null
 * @param otherCultureEnvironment other environment conditions; may be null
 * @param cultureMedium the named culture medium; may be null
 * @param passageNumberBanked the passage number banked; may be null
 * @param numberOfVialsBanked the number of vials banked; may be null
 * @param passageHistory whether a passage history exists; may be null
 * @param cultureHistory whether a culture history exists; may be null
 * @param rockInhibitorUsedAtPassage whether a ROCK inhibitor was used at passage
 * @param rockInhibitorUsedAtCryo whether a ROCK inhibitor was used at cryopreservation
 * @param rockInhibitorUsedAtThaw whether a ROCK inhibitor was used at thaw
 * @param otherMedium the medium, when not a named one; may be null
 * @param supplements the medium supplements
 */
public record CultureConditions(
    String surfaceCoating,
    String feederCellType,
    String feederCellId,
    String passageMethod,
    String enzymatically,
    String enzymeFree,
    Integer o2Concentration,
    Integer co2Concentration,
    String otherCultureEnvironment,
    String cultureMedium,
    String passageNumberBanked,
    String numberOfVialsBanked,
    Boolean passageHistory,
    Boolean cultureHistory,
    YesNoUnknown rockInhibitorUsedAtPassage,
    YesNoUnknown rockInhibitorUsedAtCryo,
    YesNoUnknown rockInhibitorUsedAtThaw,
    CultureMediumOther otherMedium,
    List<MediumSupplement> supplements) {

  /** Validates the components and copies the lists. */
  public CultureConditions {
    Objects.requireNonNull(rockInhibitorUsedAtPassage, "rockInhibitorUsedAtPassage");
    Objects.requireNonNull(rockInhibitorUsedAtCryo, "rockInhibitorUsedAtCryo");
    Objects.requireNonNull(rockInhibitorUsedAtThaw, "rockInhibitorUsedAtThaw");
    supplements = List.copyOf(Objects.requireNonNull(supplements, "supplements"));
  }

  /** Returns an empty builder; lists start empty, other components null, false or 0. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts from this value. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.surfaceCoating = surfaceCoating;
    b.feederCellType = feederCellType;
    b.feederCellId = feederCellId;
    b.passageMethod = passageMethod;
    b.enzymatically = enzymatically;
    b.enzymeFree = enzymeFree;
    b.o2Concentration = o2Concentration;
    b.co2Concentration = co2Concentration;
    b.otherCultureEnvironment = otherCultureEnvironment;
    b.cultureMedium = cultureMedium;
    b.passageNumberBanked = passageNumberBanked;
    b.numberOfVialsBanked = numberOfVialsBanked;
    b.passageHistory = passageHistory;
    b.cultureHistory = cultureHistory;
    b.rockInhibitorUsedAtPassage = rockInhibitorUsedAtPassage;
    b.rockInhibitorUsedAtCryo = rockInhibitorUsedAtCryo;
    b.rockInhibitorUsedAtThaw = rockInhibitorUsedAtThaw;
    b.otherMedium = otherMedium;
    b.supplements = supplements;
    return b;
  }

  /** Builds a {@link CultureConditions}. Not thread-safe. */
  public static final class Builder {
    private String surfaceCoating;
    private String feederCellType;
    private String feederCellId;
    private String passageMethod;
    private String enzymatically;
    private String enzymeFree;
    private Integer o2Concentration;
    private Integer co2Concentration;
    private String otherCultureEnvironment;
    private String cultureMedium;
    private String passageNumberBanked;
    private String numberOfVialsBanked;
    private Boolean passageHistory;
    private Boolean cultureHistory;
    private YesNoUnknown rockInhibitorUsedAtPassage;
    private YesNoUnknown rockInhibitorUsedAtCryo;
    private YesNoUnknown rockInhibitorUsedAtThaw;
    private CultureMediumOther otherMedium;
    private List<MediumSupplement> supplements = List.of();

    private Builder() {}

    /** Sets e.g. {@code gelatine}. */
    public Builder surfaceCoating(String surfaceCoating) {
      this.surfaceCoating = surfaceCoating;
      return this;
    }

    /** Sets e.g. {@code Human foreskin fibroblasts}. */
    public Builder feederCellType(String feederCellType) {
      this.feederCellType = feederCellType;
      return this;
    }

    /** Sets e.g. {@code CELDA_000001419}. */
    public Builder feederCellId(String feederCellId) {
      this.feederCellId = feederCellId;
      return this;
    }

    /** Sets e.g. {@code mechanically}. */
    public Builder passageMethod(String passageMethod) {
      this.passageMethod = passageMethod;
      return this;
    }

    /** Sets the enzyme, when passaged enzymatically. */
    public Builder enzymatically(String enzymatically) {
      this.enzymatically = enzymatically;
      return this;
    }

    /** Sets the reagent, when passaged enzyme-free. */
    public Builder enzymeFree(String enzymeFree) {
      this.enzymeFree = enzymeFree;
      return this;
    }

    /** Sets o2 in percent. */
    public Builder o2Concentration(Integer o2Concentration) {
      this.o2Concentration = o2Concentration;
      return this;
    }

    /** Sets cO2 in percent. */
    public Builder co2Concentration(Integer co2Concentration) {
      this.co2Concentration = co2Concentration;
      return this;
    }

    /** Sets other environment conditions. */
    public Builder otherCultureEnvironment(String otherCultureEnvironment) {
      this.otherCultureEnvironment = otherCultureEnvironment;
      return this;
    }

    /** Sets the named culture medium. */
    public Builder cultureMedium(String cultureMedium) {
      this.cultureMedium = cultureMedium;
      return this;
    }

    /** Sets the passage number banked. */
    public Builder passageNumberBanked(String passageNumberBanked) {
      this.passageNumberBanked = passageNumberBanked;
      return this;
    }

    /** Sets the number of vials banked. */
    public Builder numberOfVialsBanked(String numberOfVialsBanked) {
      this.numberOfVialsBanked = numberOfVialsBanked;
      return this;
    }

    /** Sets whether a passage history exists. */
    public Builder passageHistory(Boolean passageHistory) {
      this.passageHistory = passageHistory;
      return this;
    }

    /** Sets whether a culture history exists. */
    public Builder cultureHistory(Boolean cultureHistory) {
      this.cultureHistory = cultureHistory;
      return this;
    }

    /** Sets whether a ROCK inhibitor was used at passage. */
    public Builder rockInhibitorUsedAtPassage(YesNoUnknown rockInhibitorUsedAtPassage) {
      this.rockInhibitorUsedAtPassage = rockInhibitorUsedAtPassage;
      return this;
    }

    /** Sets whether a ROCK inhibitor was used at cryopreservation. */
    public Builder rockInhibitorUsedAtCryo(YesNoUnknown rockInhibitorUsedAtCryo) {
      this.rockInhibitorUsedAtCryo = rockInhibitorUsedAtCryo;
      return this;
    }

    /** Sets whether a ROCK inhibitor was used at thaw. */
    public Builder rockInhibitorUsedAtThaw(YesNoUnknown rockInhibitorUsedAtThaw) {
      this.rockInhibitorUsedAtThaw = rockInhibitorUsedAtThaw;
      return this;
    }

    /** Sets the medium, when not a named one. */
    public Builder otherMedium(CultureMediumOther otherMedium) {
      this.otherMedium = otherMedium;
      return this;
    }

    /** Sets the medium supplements. */
    public Builder supplements(List<MediumSupplement> supplements) {
      this.supplements = supplements;
      return this;
    }

    /** Builds the value; throws {@link NullPointerException} for a missing required component. */
    public CultureConditions build() {
      return new CultureConditions(surfaceCoating, feederCellType, feederCellId, passageMethod, enzymatically, enzymeFree, o2Concentration, co2Concentration, otherCultureEnvironment, cultureMedium, passageNumberBanked, numberOfVialsBanked, passageHistory, cultureHistory, rockInhibitorUsedAtPassage, rockInhibitorUsedAtCryo, rockInhibitorUsedAtThaw, otherMedium, supplements);
    }
  }
}

package org.cellbank.ims.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.cellbank.ims.core.search.SampleLines;
import org.junit.jupiter.api.Test;

/** The reference's rules that live on {@link CellLine}: primary disease, go-live flag, catalogue visibility. */
class CellLineRulesTest {
  private static final Disease NORMAL = SampleLines.NORMAL;
  private static final Disease MJD = SampleLines.MJD;
  private static final Disease PD = SampleLines.PARKINSONS;

  private static DonorDisease donorDisease(Disease disease, boolean primary) {
    return new DonorDisease(disease, null, primary, null, null, null, null, List.of());
  }

  private static CellLine withDiseases(List<DonorDisease> donor, List<CellLineDisease> line) {
    CellLine base = SampleLines.ukbi008a();
    return base.toBuilder().donor(base.donor().toBuilder().diseases(donor).build()).diseases(line).build();
  }

  @Test
  void primaryDisease_isTheFirstMarkedPrimary_donorBeforeLine() {
    CellLine line = withDiseases(List.of(donorDisease(PD, false), donorDisease(MJD, true)), List.of());
    assertThat(line.primaryDisease()).hasValueSatisfying(d -> {
      assertThat(d.disease()).isEqualTo(MJD);
      assertThat(d.ofDonor()).isTrue();
    });
  }

  @Test
  void primaryDisease_withoutAPrimary_passesOverTheNormalTerm() {
    CellLine line = withDiseases(List.of(donorDisease(NORMAL, false), donorDisease(PD, false)), List.of());
    assertThat(line.primaryDisease().map(DiseaseMention::disease)).hasValue(PD);
  }

  @Test
  void primaryDisease_ofOnlyNormal_isNormal_andOfNothingIsEmpty() {
    assertThat(withDiseases(List.of(donorDisease(NORMAL, false)), List.of()).primaryDisease()
        .map(DiseaseMention::disease)).hasValue(NORMAL);
    assertThat(withDiseases(List.of(), List.of()).primaryDisease()).isEmpty();
    assertThat(NORMAL.isNormal()).isTrue();
    assertThat(MJD.isNormal()).isFalse();
  }

  @Test
  void flagGoLive_followsTheIntent_butIsTrueForWithdrawn_andFalseWhenNeverSet() {
    CellLine line = SampleLines.ukbi008a();
    assertThat(line.toBuilder().availableForSale(null).build().flagGoLive()).isFalse();
    assertThat(line.toBuilder().availableForSale(true).build().flagGoLive()).isTrue();
    assertThat(line.toBuilder().availableForSale(false).build().flagGoLive()).isFalse();
    assertThat(line.toBuilder().availableForSale(false).statusLog(status(CellLineStatus.WITHDRAWN)).build()
        .flagGoLive()).isTrue();
  }

  @Test
  void visibleInCatalogue_needsEcacc_andAStatusThatShowsIt() {
    CellLine atEcacc = SampleLines.ukbi008a().toBuilder().availableForSaleAtEcacc(true).build();
    assertThat(atEcacc.toBuilder().statusLog(List.of()).build().visibleInCatalogue()).isTrue();
    for (CellLineStatus status : CellLineStatus.values()) {
      boolean hidden = status == CellLineStatus.WITHDRAWN || status == CellLineStatus.NOT_AVAILABLE
          || status == CellLineStatus.RECALLED;
      assertThat(atEcacc.toBuilder().statusLog(status(status)).build().visibleInCatalogue())
          .as(status.code()).isEqualTo(!hidden);
    }
    assertThat(atEcacc.toBuilder().availableForSaleAtEcacc(false).build().visibleInCatalogue()).isFalse();
  }

  @Test
  void codedEnums_findTheirConstantByCode_andNameTheEnumOtherwise() {
    assertThat(CellLineStatus.fromCode("at_ecacc")).isEqualTo(CellLineStatus.AT_ECACC);
    assertThat(BatchType.fromCode("depositor")).isEqualTo(BatchType.DEPOSITOR);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> YesNoUnknown.fromCode("maybe"))
        .isInstanceOf(org.cellbank.ims.core.ValidationException.class).hasMessage("unknown YesNoUnknown code: maybe");
  }

  private static List<StatusEntry> status(CellLineStatus status) {
    String comment = status == CellLineStatus.RECALLED || status == CellLineStatus.WITHDRAWN ? "a reason" : null;
    return List.of(new StatusEntry(status, comment, "exec1", Instant.parse("2026-11-01T10:00:00Z")));
  }
}

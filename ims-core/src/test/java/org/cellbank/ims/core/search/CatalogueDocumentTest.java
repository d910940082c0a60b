package org.cellbank.ims.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.CellLineDisease;
import org.cellbank.ims.core.model.CellLineStatus;
import org.cellbank.ims.core.model.Donor;
import org.cellbank.ims.core.model.DonorDisease;
import org.cellbank.ims.core.model.NonIntegratingVector;
import org.cellbank.ims.core.model.VectorFreeFactor;
import org.cellbank.ims.core.model.YesNoUnknown;
import org.junit.jupiter.api.Test;

class CatalogueDocumentTest {

  @Test
  void of_ukbi008a_derivesTheDocumentOfTheEbiscIllustration() {
    CatalogueDocument d = CatalogueDocument.of(SampleLines.ukbi008a());
    assertThat(d.biosamplesId()).isEqualTo("SAMEA2590882");
    assertThat(d.name()).isEqualTo("UKBi008-A");
    assertThat(d.depositor()).isEqualTo("Universitatsklinikum Bonn");
    assertThat(d.donorSex()).isEqualTo("male");
    assertThat(d.donorAge()).isEqualTo("35-39");
    assertThat(d.primaryCellType()).isEqualTo("fibroblast of dermis");
    assertThat(d.derivation()).containsExactly("Retrovirus");
    assertThat(d.allDerivation()).containsExactly("Virus", "Retrovirus", "KLF4", "MYC", "POU5F1", "SOX2");
    assertThat(d.primaryDisease()).isEqualTo("Machado-Joseph disease");
    assertThat(d.primaryDiseaseSynonyms()).containsExactly("Azorean disease (disorder)", "MJD", "spinocerebellar ataxia type 3");
    assertThat(d.donorDisease()).containsExactly("Machado-Joseph disease");
    assertThat(d.allDiseases()).containsExactly("Machado-Joseph disease");
    assertThat(d.alternativeNames()).isEqualTo("LB-34-1, iLB-MJD4-34m-r1");
    assertThat(d.geneticModificationDisease()).isEmpty();
    assertThat(d.celllineDiseasesGenes()).isEmpty();
  }

  @Test
  void of_geneEditedLine_listsDiseaseGenesAndTheOtherModificationsGenes() {
    CatalogueDocument d = CatalogueDocument.of(SampleLines.bioni010c2());
    assertThat(d.celllineDiseasesGenes()).containsExactly("Alzheimers disease (ApoE, plm)", "plm");
    assertThat(d.geneticModificationDisease()).containsExactly("Alzheimers disease");
    assertThat(d.allDiseases()).containsExactly("Alzheimers disease");
    assertThat(d.primaryDisease()).isEqualTo("Alzheimers disease");
    assertThat(d.allGenetics()).containsExactly("ApoE", "19q13.32", "NM_001302691: rs429358 (C/C), rs7412 (T/T)",
        "NP_001289620.1 (ApoE3/E3)", "Heterozygous", "plm", "psd");
    assertThat(d.derivation()).containsExactly("Episomal");
    assertThat(d.allDerivation()).containsExactly("Episomal", "KLF4", "L-Myc", "POU5F1", "SOX2", "sh-p53");
    assertThat(d.donorSex()).isEqualTo("female");
  }

  @Test
  void of_normalDonorWithoutGender_defaultsSexAndUsesTheDonorVariantAndTransposon() {
    CatalogueDocument d = CatalogueDocument.of(SampleLines.normalControl());
    assertThat(d.donorSex()).isEqualTo(CatalogueDocument.SEX_NOT_KNOWN);
    assertThat(d.primaryDisease()).as("only 'normal' exists, so the first entry").isEqualTo("normal");
    assertThat(d.allGenetics()).contains("psd", "cytoband location: 3p21", "Homozygous", "26132555");
    assertThat(d.derivation()).containsExactly("Sleeping beauty", "mRNA");
    assertThat(d.allDerivation()).containsExactly("Transposon", "Sleeping beauty", "mRNA");
    assertThat(d.alternativeNames()).isNull();
  }

  @Test
  void primaryDisease_prefersAMarkedPrimary_thenTheFirstNonNormalTerm() {
    Donor donor = Donor.builder().biosamplesId("SAMEA1")
        .diseases(List.of(new DonorDisease(SampleLines.NORMAL, null, false, null, null, null, null, List.of()),
            new DonorDisease(null, "free text disease", false, null, null, null, null, List.of())))
        .build();
    CellLine base = SampleLines.normalControl().toBuilder().donor(donor)
        .diseases(List.of(new CellLineDisease(SampleLines.PARKINSONS, null, false, null, List.of()))).build();
    assertThat(CatalogueDocument.of(base).primaryDisease()).isEqualTo("Parkinson's disease");
    assertThat(CatalogueDocument.of(base).donorDisease()).containsExactly("normal", "free text disease");
    assertThat(CatalogueDocument.of(base).allDiseases()).containsExactly("normal", "free text disease", "Parkinson's disease");

    CellLine marked = base.toBuilder()
        .diseases(List.of(new CellLineDisease(SampleLines.PARKINSONS, null, true, null, List.of()))).build();
    Donor donorPrimary = donor.toBuilder().diseases(List.of(
        new DonorDisease(null, "free text disease", true, null, null, null, null, List.of()))).build();
    assertThat(CatalogueDocument.of(marked).primaryDisease()).isEqualTo("Parkinson's disease");
    assertThat(CatalogueDocument.of(marked.toBuilder().donor(donorPrimary).build()).primaryDisease())
        .as("a donor primary wins over a cell-line primary").isEqualTo("free text disease");
  }

  @Test
  void filterDerivation_ofANonIntegratingLine_isTheVectorPlusEveryFactor() {
    CellLine line = SampleLines.ukbi008a().toBuilder()
        .reprogrammingVector(new NonIntegratingVector("Sendai virus", List.of("OCT4"), YesNoUnknown.NO, List.of(), null))
        .vectorFreeFactors(List.of(new VectorFreeFactor("Small molecules", List.of()), new VectorFreeFactor("miRNA", List.of())))
        .build();
    assertThat(CatalogueDocument.of(line).derivation()).containsExactly("Sendai virus", "Small molecules", "miRNA");
  }

  @Test
  void isVisible_needsEcaccAndAVisibleStatus_andNoStatusPasses() {
    CellLine line = SampleLines.ukbi008a();
    assertThat(CatalogueDocument.isVisible(line)).isTrue();
    assertThat(CatalogueDocument.isVisible(line.toBuilder().availableForSaleAtEcacc(false).build())).isFalse();
    assertThat(CatalogueDocument.isVisible(line.toBuilder().statusLog(List.of()).build())).isTrue();
    for (CellLineStatus hidden : List.of(CellLineStatus.WITHDRAWN, CellLineStatus.NOT_AVAILABLE, CellLineStatus.RECALLED)) {
      CellLine h = line.toBuilder().statusLog(SampleLines.status(hidden)).build();
      assertThat(CatalogueDocument.isVisible(h)).as(hidden.code()).isFalse();
      assertThat(CatalogueDocument.ifVisible(h)).isEmpty();
    }
    for (CellLineStatus shown : List.of(CellLineStatus.AT_ECACC, CellLineStatus.EXPAND_TO_ORDER, CellLineStatus.RESTRICTED_DISTRIBUTION)) {
      assertThat(CatalogueDocument.isVisible(line.toBuilder().statusLog(SampleLines.status(shown)).build())).as(shown.code()).isTrue();
    }
  }

  @Test
  void fields_roundTripThroughFromFields_andTheHashFollowsTheContent() {
    CatalogueDocument d = CatalogueDocument.of(SampleLines.bioni010c2());
    assertThat(CatalogueDocument.fromFields(d.fields())).isEqualTo(d);
    assertThat(d.fields()).doesNotContainKey("alternative_names").containsEntry("donor_sex", "female");
    assertThat(d.hash()).hasSize(64).isEqualTo(CatalogueDocument.of(SampleLines.bioni010c2()).hash());
    assertThat(d.toBuilder().donorAge("70-74").build().hash()).isNotEqualTo(d.hash());
  }

  @Test
  void words_lowerCaseStripPunctuationAndSplit() {
    assertThat(SearchQuery.words("  UKBi008-A, Machado–Joseph  ")).containsExactly("ukbi008a", "machadojoseph");
    assertThat(SearchQuery.words("Universitätsklinikum   Bonn")).containsExactly("universitätsklinikum", "bonn");
    assertThat(SearchQuery.words(" -- ")).isEmpty();
  }
}

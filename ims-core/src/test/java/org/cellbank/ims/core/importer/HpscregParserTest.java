package org.cellbank.ims.core.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cellbank.ims.core.importer.FakeRegistry.fixture;
import static org.cellbank.ims.core.importer.FakeRegistry.with;

import java.util.List;
import org.cellbank.ims.core.ValidationException;
import org.cellbank.ims.core.importer.HpscregDocument.KeptPart;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.CellLineDisease;
import org.cellbank.ims.core.model.DiseaseGenotype;
import org.cellbank.ims.core.model.GeneticModification;
import org.cellbank.ims.core.model.IntegratingVector;
import org.cellbank.ims.core.model.MediumSupplement;
import org.cellbank.ims.core.model.ModificationKind;
import org.cellbank.ims.core.model.NonIntegratingVector;
import org.cellbank.ims.core.model.ScreeningResult;
import org.cellbank.ims.core.model.ValidationStatus;
import org.cellbank.ims.core.model.VectorFreeFactor;
import org.cellbank.ims.core.model.YesNoUnknown;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonNull;
import org.cellbank.ims.http.internal.json.JsonNumber;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonString;
import org.cellbank.ims.http.internal.json.JsonValue;
import org.junit.jupiter.api.Test;

class HpscregParserTest {

  private final HpscregParser parser = HpscregParser.create();

  @Test
  void ukbi008A_topLevelDonorAndDiseases() {
    HpscregDocument doc = parser.parse(fixture("UKBi008-A"));
    CellLine line = doc.line();
    assertThat(line.name()).isEqualTo("UKBi008-A");
    assertThat(line.biosamplesId()).isEqualTo("SAMEA2590882");
    assertThat(line.hpscregId()).isEqualTo("1180");
    assertThat(line.validationStatus()).isEqualTo(ValidationStatus.VALIDATED_VISIBLE);
    assertThat(line.alternativeNames()).containsExactly("LB-34-1", "iLB-MJD4-34m-r1");
    assertThat(line.depositor()).isEqualTo("Universitatsklinikum Bonn");
    assertThat(line.owner()).isEqualTo("Universitatsklinikum Bonn");
    assertThat(line.derivationCountry()).isEqualTo("Germany");
    assertThat(line.donorAge()).isEqualTo("35-39");
    assertThat(line.hasDiseases()).isTrue();
    assertThat(line.hasGeneticModification()).isFalse();
    assertThat(line.diseaseAssociatedPhenotypes()).containsExactly("Gait ataxia", "Dysarthria");
    assertThat(line.nonDiseaseAssociatedPhenotypes()).isEmpty();
    assertThat(line.ecaccId()).isNull();
    assertThat(line.statusLog()).isEmpty();
    assertThat(doc.parentHpscregId()).isNull();

    assertThat(line.donor().biosamplesId()).isEqualTo("SAMEA2590985");
    assertThat(line.donor().gender()).isEqualTo("male");
    assertThat(line.donor().internalDonorIds()).containsExactly("G1882", "RCFB53", "G1870", "RCFB44");
    assertThat(line.donor().diseases()).singleElement().satisfies(d -> {
      assertThat(d.disease().purl()).isEqualTo("http://purl.obolibrary.org/obo/DOID_1440");
      assertThat(d.disease().name()).isEqualTo("Machado-Joseph disease");
      assertThat(d.disease().synonyms()).containsExactly("Azorean disease (disorder)", "MJD", "spinocerebellar ataxia type 3");
      assertThat(d.primary()).isTrue();
      assertThat(d.affectedStatus()).isEqualTo("True");
      assertThat(d.freeTextName()).isNull();
      assertThat(d.variants()).singleElement().satisfies(v -> {
        assertThat(v.variantId()).isEqualTo(7001);
        assertThat(v.gene()).isEqualTo("ATXN3");
        assertThat(v.chromosomeLocation()).isEqualTo("14q32.12");
        assertThat(v.zygosityStatus()).isEqualTo("Heterozygous");
        assertThat(v.publicationPmid()).isEqualTo("22113611");
        assertThat(v.notes()).startsWith("Expanded CAG repeat");
      });
    });
    assertThat(line.diseases()).isEmpty();
    assertThat(line.nonDiseaseModifications()).isEmpty();
    assertThat(doc.kept()).doesNotContain(KeptPart.NON_DISEASE_MODIFICATIONS, KeptPart.KARYOTYPE, KeptPart.CHARACTERISATION)
        .contains(KeptPart.GENOME_ANALYSES, KeptPart.DONOR_GENOME_ANALYSES);
  }

  @Test
  void ukbi008A_derivationReprogrammingCultureAndCharacterisation() {
    CellLine line = parser.parse(fixture("UKBi008-A")).line();
    assertThat(line.derivation().primaryCellType()).isEqualTo("fibroblast of dermis");
    assertThat(line.derivation().primaryCellDevelopmentalStage()).isEqualTo("adult");
    assertThat(line.derivation().tissueCollectionYear()).isEqualTo("2009");
    assertThat(line.derivation().reprogrammingPassageNumber()).isEqualTo("4");
    assertThat(line.derivation().xenoFreeConditions()).isFalse();
    assertThat(line.derivation().derivedUnderGmp()).isFalse();

    IntegratingVector vector = (IntegratingVector) line.reprogrammingVector();
    assertThat(vector.vector()).isEqualTo("Virus");
    assertThat(vector.virus()).isEqualTo("Retrovirus");
    assertThat(vector.genes()).containsExactly("KLF4", "MYC", "POU5F1", "SOX2");
    assertThat(vector.excisable()).isFalse();
    assertThat(vector.absenceOfReprogrammingVectors()).isFalse();
    assertThat(vector.silenced()).isEqualTo(YesNoUnknown.UNKNOWN);
    assertThat(line.vectorFreeFactors()).isEmpty();

    var culture = line.cultureConditions();
    assertThat(culture.surfaceCoating()).isEqualTo("gelatine");
    assertThat(culture.feederCellType()).isEqualTo("Human foreskin fibroblasts");
    assertThat(culture.feederCellId()).isEqualTo("CELDA_000001419");
    assertThat(culture.passageMethod()).isEqualTo("mechanically");
    assertThat(culture.o2Concentration()).isEqualTo(21);
    assertThat(culture.co2Concentration()).isEqualTo(5);
    assertThat(culture.cultureMedium()).isEqualTo("other_medium");
    assertThat(culture.otherMedium()).isNull();
    assertThat(culture.passageNumberBanked()).isEqualTo("10");
    assertThat(culture.numberOfVialsBanked()).isEqualTo("20");
    assertThat(culture.rockInhibitorUsedAtPassage()).isEqualTo(YesNoUnknown.UNKNOWN);
    assertThat(culture.supplements()).containsExactly(
        new MediumSupplement("2-mercaptoethanol", "50", "mikrometer"),
        new MediumSupplement("Glutamax", "2", "millimeter"),
        new MediumSupplement("NEAA", "1", "percent"),
        new MediumSupplement("bFGF", "10", "nanogram_millilitre"));

    assertThat(line.publications()).singleElement().satisfies(p -> {
      assertThat(p.referenceType()).isEqualTo("pubmed");
      assertThat(p.referenceId()).isEqualTo("22113611");
      assertThat(p.referenceUrl()).isEqualTo("http://www.ncbi.nlm.nih.gov/pubmed/22113611");
      assertThat(p.title()).startsWith("Koch P et al.");
    });
    assertThat(line.karyotype().karyotype()).isEqualTo("46XX");
    assertThat(line.karyotype().method()).isEqualTo("G-banding");
    assertThat(line.karyotype().passageNumber()).isEqualTo("30");
    var c = line.characterisation();
    assertThat(c.certificateOfAnalysisFlag()).isTrue();
    assertThat(c.virologyScreeningFlag()).isTrue();
    assertThat(c.hiv1()).isEqualTo(ScreeningResult.NEGATIVE);
    assertThat(c.hiv2()).isNull();
    assertThat(c.mycoplasma()).isEqualTo(ScreeningResult.NEGATIVE);
    assertThat(line.pluritest().pluritestFlag()).isTrue();
    assertThat(line.pluritest().pluripotencyScore()).isEqualTo("42.031");
    assertThat(line.pluritest().noveltyScore()).isEqualTo("1.399");
  }

  @Test
  void bioni010C2_modificationsOtherCompanionsAndGates() {
    HpscregDocument doc = parser.parse(fixture("BIONi010-C-2"));
    CellLine line = doc.line();
    assertThat(doc.parentHpscregId()).isEqualTo("2342");
    assertThat(line.validationStatus()).isEqualTo(ValidationStatus.VALIDATED_NOT_VISIBLE);
    assertThat(line.hasDiseases()).isFalse();
    assertThat(line.hasGeneticModification()).isTrue();
    assertThat(line.nonDiseaseAssociatedPhenotypes()).containsExactly("No neurological symptoms reported");
    assertThat(line.donor().diseases()).singleElement().satisfies(d -> {
      assertThat(d.disease().purl()).endsWith("PATO_0000461");
      assertThat(d.primary()).isFalse();
      assertThat(d.variants()).isEmpty();
    });
    assertThat(line.donor().genomeAnalyses()).extracting(g -> g.analysisMethod()).containsExactly("SNP array");

    CellLineDisease alz = line.diseases().get(0);
    assertThat(line.diseases()).hasSize(1);
    assertThat(alz.disease().name()).isEqualTo("Alzheimers disease");
    assertThat(alz.primary()).isTrue();
    assertThat(alz.notes()).startsWith("APOE genotype");
    assertThat(alz.modifications()).extracting(GeneticModification::kind, GeneticModification::modificationId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ModificationKind.VARIANT, 3101),
            org.assertj.core.groups.Tuple.tuple(ModificationKind.ISOGENIC, 3102),
            org.assertj.core.groups.Tuple.tuple(ModificationKind.GENE_KNOCK_OUT, 3103));
    assertThat(alz.modifications().get(1).modificationType()).isEqualTo("Allele conversion APOE4 to APOE3 (CRISPR/Cas9 HDR)");
    assertThat(alz.modifications().get(2).virus()).isEqualTo("Retrovirus");
    assertThat(alz.modifications().get(2).deliveryMethod()).isEqualTo("Viral");

    assertThat(line.nonDiseaseModifications()).hasSize(2);
    GeneticModification tge = line.nonDiseaseModifications().get(0);
    assertThat(tge.kind()).isEqualTo(ModificationKind.TRANSGENE_EXPRESSION);
    assertThat(tge.transposon()).isEqualTo("PiggyBac");
    GeneticModification ki = line.nonDiseaseModifications().get(1);
    assertThat(ki.kind()).isEqualTo(ModificationKind.GENE_KNOCK_IN);
    assertThat(ki.gene()).isEqualTo("PPP1R12C");
    assertThat(ki.transgene()).isEqualTo("mCherry");
    assertThat(ki.chromosomeLocationTransgene()).isEqualTo("19q13.42 (AAVS1 safe harbour)");
    assertThat(ki.deliveryMethod()).isEqualTo("TALEN");

    IntegratingVector vector = (IntegratingVector) line.reprogrammingVector();
    assertThat(vector.transposon()).isEqualTo("Sleeping beauty");
    assertThat(vector.genes()).containsExactly("POU5F1", "SOX2", "KLF4", "LIN28A", "NANOG");
    assertThat(vector.excisable()).isTrue();
    assertThat(vector.silenced()).isEqualTo(YesNoUnknown.YES);
    assertThat(vector.methods()).containsExactly("PCR");

    assertThat(line.derivation().primaryCellDevelopmentalStage()).isEmpty();
    assertThat(line.derivation().xenoFreeConditions()).isTrue();
    assertThat(line.cultureConditions().passageMethod()).isEqualTo("enzyme_free");
    assertThat(line.cultureConditions().enzymeFree()).isEqualTo("ReLeSR");
    assertThat(line.cultureConditions().rockInhibitorUsedAtPassage()).isEqualTo(YesNoUnknown.NO);
    assertThat(line.cultureConditions().rockInhibitorUsedAtCryo()).isEqualTo(YesNoUnknown.YES);
    assertThat(line.cultureConditions().supplements()).isEmpty();
    assertThat(line.publications()).isEmpty();
    assertThat(line.karyotype().method()).isEqualTo("Molecular karyotyping (SNP array)");
    assertThat(line.karyotype().karyotype()).isEqualTo("46XY");
    assertThat(line.genomeAnalyses()).extracting(g -> g.analysisMethod())
        .containsExactly("Targeted sequencing of the APOE locus", "Whole genome sequencing");
    assertThat(line.genomeAnalyses().get(1).link()).isEqualTo("https://ega-archive.org/studies/EGAS00001009999");
    assertThat(line.characterisation().certificateOfAnalysisPassageNumber()).isEqualTo("P18");
    assertThat(line.pluritest().pluritestFlag()).isFalse();
    assertThat(line.pluritest().pluripotencyScore()).isNull();
  }

  @Test
  void testi010A_minimalLineDefaultsAndCasts() {
    HpscregDocument doc = parser.parse(fixture("TESTi010-A"));
    CellLine line = doc.line();
    assertThat(line.validationStatus()).isEqualTo(ValidationStatus.UNVALIDATED);
    assertThat(line.donorAge()).isNull();
    assertThat(line.owner()).isNull();
    assertThat(line.alternativeNames()).isEmpty();
    assertThat(line.hasDiseases()).isNull();
    NonIntegratingVector vector = (NonIntegratingVector) line.reprogrammingVector();
    assertThat(vector.vector()).isEqualTo("Episomal");
    assertThat(vector.genes()).containsExactly("KLF4", "L-Myc", "POU5F1", "SOX2", "sh-p53");
    assertThat(vector.detectable()).isEqualTo(YesNoUnknown.UNKNOWN);
    assertThat(vector.methods()).containsExactly("PCR");
    assertThat(line.vectorFreeFactors()).containsExactly(
        new VectorFreeFactor("Small molecules", List.of("CHIR99021", "PD0325901", "A-83-01", "HA-100")),
        new VectorFreeFactor("miRNA", List.of()));
    assertThat(line.cultureConditions().enzymatically()).isEqualTo("Other");
    assertThat(line.cultureConditions().o2Concentration()).isNull();
    assertThat(line.cultureConditions().co2Concentration()).isEqualTo(5);
    assertThat(line.cultureConditions().cultureMedium()).isEqualTo("Essential 8");
    assertThat(line.derivation().primaryCellTypeFreeText()).isEqualTo("peripheral blood mononuclear cells");
    assertThat(line.derivation().xenoFreeConditions()).isFalse();
    assertThat(line.karyotype()).isNull();
    assertThat(line.pluritest()).isNull();
    assertThat(line.publications()).isEmpty();
    assertThat(doc.kept()).contains(KeptPart.NON_DISEASE_MODIFICATIONS, KeptPart.KARYOTYPE, KeptPart.CHARACTERISATION,
        KeptPart.GENOME_ANALYSES);
  }

  @Test
  void diseaseGenotype_isReadWhenTheCarriesFlagIsTruthy_elseKept() {
    // The fixture variant sends the two flags as the registry does: "0" and null.
    HpscregDocument doc = parser.parse(fixture("UKBi008-A-genotype"));
    assertThat(doc.line().diseaseGenotype()).isEqualTo(new DiseaseGenotype(false, null));
    assertThat(doc.kept()).doesNotContain(KeptPart.DISEASE_GENOTYPE);

    HpscregDocument without = parser.parse(fixture("UKBi008-A"));
    assertThat(without.line().diseaseGenotype()).isNull();
    assertThat(without.kept()).contains(KeptPart.DISEASE_GENOTYPE);

    JsonObject variant = fixture("UKBi008-A-genotype");
    assertThat(parser.parse(with(with(variant, "carries_disease_phenotype_associated_variants_flag",
        JsonString.of("1")), "variant_of_interest_flag", JsonString.of("1"))).line().diseaseGenotype())
        .isEqualTo(new DiseaseGenotype(true, true));
    assertThat(parser.parse(with(with(variant, "carries_disease_phenotype_associated_variants_flag",
        JsonString.of("1")), "variant_of_interest_flag", JsonString.of("0"))).line().diseaseGenotype())
        .isEqualTo(new DiseaseGenotype(true, false));
    // Truthy but no flag string: a record whose carries flag is unknown (NULLBOOL), as in the reference.
    assertThat(parser.parse(with(variant, "carries_disease_phenotype_associated_variants_flag",
        JsonString.of("unknown"))).line().diseaseGenotype()).isEqualTo(new DiseaseGenotype(null, null));
    for (JsonValue gatedOff : new JsonValue[] {null, JsonNull.INSTANCE, JsonString.of("  ")}) {
      HpscregDocument off = parser.parse(with(with(variant, "carries_disease_phenotype_associated_variants_flag",
          gatedOff), "variant_of_interest_flag", JsonString.of("1")));
      assertThat(off.line().diseaseGenotype()).as("gate %s", gatedOff).isNull();
      assertThat(off.kept()).as("gate %s", gatedOff).contains(KeptPart.DISEASE_GENOTYPE);
    }
  }

  @Test
  void malformedDocuments_throwValidationExceptionNamingTheField() {
    JsonObject doc = fixture("TESTi010-A");
    assertThatThrownBy(() -> parser.parse(with(doc, "diseases", JsonString.of("none"))))
        .isInstanceOf(ValidationException.class).hasMessageContaining("diseases");
    assertThatThrownBy(() -> parser.parse(with(doc, "name", null)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("name");
    assertThatThrownBy(() -> parser.parse(with(doc, "providers", new JsonArray(List.of()))))
        .isInstanceOf(ValidationException.class).hasMessageContaining("providers").hasMessageContaining("Generator");
    assertThatThrownBy(() -> parser.parse(with(doc, "donor", JsonNumber.of(3))))
        .isInstanceOf(ValidationException.class).hasMessageContaining("donor");
    assertThatThrownBy(() -> parser.parse(with(doc, "virology_screening_hiv_1_result", JsonString.of("maybe"))))
        .isInstanceOf(ValidationException.class).hasMessageContaining("virology_screening_hiv_1_result");
    assertThatThrownBy(() -> parser.parse(JsonString.of("Cell line not found")))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void casts_followTheReferenceRules() {
    JsonObject doc = fixture("TESTi010-A");
    JsonObject changed = with(with(with(doc, "biosamples_id", JsonString.of("  SAMEA1  ")),
        "culture_conditions_medium_culture_medium_supplements",
        JsonArray.ofStrings(List.of("bad-no-parts", "EGF###10###ng"))),
        "o2_concentration", JsonNumber.of(21.7));
    CellLine line = parser.parse(changed).line();
    assertThat(line.biosamplesId()).isEqualTo("SAMEA1");
    assertThat(line.cultureConditions().supplements()).containsExactly(new MediumSupplement("EGF", "10", "ng"));
    assertThat(line.cultureConditions().o2Concentration()).isEqualTo(21);
    assertThat(HpscregParser.biosamplesId(with(doc, "biosamples_id", JsonString.of("  ")))).isEmpty();
  }
}

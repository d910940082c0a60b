package org.cellbank.ims.core.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cellbank.ims.core.model.Batch;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.CellLineStatus;
import org.cellbank.ims.core.model.DiseaseGenotype;
import org.cellbank.ims.core.model.DonorDisease;
import org.cellbank.ims.core.model.IntegratingVector;
import org.cellbank.ims.core.model.ModificationKind;
import org.cellbank.ims.core.model.NonIntegratingVector;
import org.cellbank.ims.core.model.StatusEntry;
import org.cellbank.ims.core.model.ValidationStatus;
import org.cellbank.ims.core.model.Vial;
import org.junit.jupiter.api.Test;

class SampleDataTest {

  private static final Set<String> AGE_RANGES = Set.of(
      "0-4", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59",
      "60-64", "65-69", "70-74");

  @Test
  void all_buildsFourLines_parentsBeforeSubclones() {
    List<CellLine> lines = SampleData.all();

    assertThat(lines).extracting(CellLine::name)
        .containsExactly("UKBi008-A", "BIONi010-C", "BIONi010-C-2", "TESTi010-A");
    Set<String> seen = new HashSet<>();
    for (CellLine line : lines) {
      if (line.derivedFrom() != null) {
        assertThat(seen).as("parent of %s inserted first", line.name()).contains(line.derivedFrom());
      }
      seen.add(line.biosamplesId());
    }
  }

  @Test
  void all_naturalKeysAreUnique() {
    List<CellLine> lines = SampleData.all();
    List<String> biosamplesIds = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> ecaccIds = new ArrayList<>();
    List<String> hpscregIds = new ArrayList<>();
    Set<String> donorIds = new HashSet<>();
    for (CellLine line : lines) {
      names.add(line.name());
      biosamplesIds.add(line.biosamplesId());
      ecaccIds.add(line.ecaccId());
      hpscregIds.add(line.hpscregId());
      donorIds.add(line.donor().biosamplesId());
      for (Batch batch : line.batches()) {
        biosamplesIds.add(batch.biosamplesId());
        batch.vials().forEach(v -> biosamplesIds.add(v.biosamplesId()));
      }
    }
    biosamplesIds.addAll(donorIds);

    assertThat(names).doesNotHaveDuplicates().allSatisfy(n -> assertThat(n.length()).isLessThanOrEqualTo(16));
    assertThat(biosamplesIds).doesNotHaveDuplicates();
    assertThat(ecaccIds).doesNotHaveDuplicates();
    assertThat(hpscregIds).doesNotHaveDuplicates();
  }

  @Test
  void all_perLineKeysAreUnique_andValuesFitTheSchema() {
    for (CellLine line : SampleData.all()) {
      assertThat(line.informationPacks()).extracting(p -> p.version()).doesNotHaveDuplicates();
      assertThat(line.publications()).extracting(p -> p.referenceUrl()).doesNotHaveDuplicates();
      assertThat(line.batches()).extracting(Batch::batchId).doesNotHaveDuplicates()
          .allMatch(id -> id.matches("[A-Za-z][0-9]{3}"));
      if (line.donorAge() != null) {
        assertThat(AGE_RANGES).contains(line.donorAge());
      }
      assertThat(line.donor().diseases())
          .extracting(d -> d.disease() == null ? null : d.disease().purl())
          .doesNotHaveDuplicates();
      for (DonorDisease disease : line.donor().diseases()) {
        assertThat(disease.variants()).extracting(v -> v.variantId()).doesNotHaveDuplicates();
      }
      List<String> modificationKeys = new ArrayList<>();
      line.nonDiseaseModifications().forEach(m -> modificationKeys.add(m.kind() + "/" + m.modificationId()));
      assertThat(modificationKeys).doesNotHaveDuplicates();
      line.diseases().forEach(d -> assertThat(d.modifications())
          .extracting(m -> m.kind() + "/" + m.modificationId()).doesNotHaveDuplicates());
      assertThat(timestamps(line)).allSatisfy(
          t -> assertThat(t.truncatedTo(ChronoUnit.MICROS)).isEqualTo(t));
    }
  }

  @Test
  void statusLogs_areNewestFirst() {
    for (CellLine line : SampleData.all()) {
      assertThat(line.statusLog()).hasSizeGreaterThanOrEqualTo(2)
          .isSortedAccordingTo(Comparator.comparing(StatusEntry::changedAt).reversed());
      assertThat(line.informationPacks())
          .isSortedAccordingTo(Comparator.comparing((org.cellbank.ims.core.model.InformationPack p)
              -> p.updatedAt()).reversed());
    }
  }

  @Test
  void ukbi008A_matchesTheCatalogueRecord() {
    CellLine line = SampleData.ukbi008A();

    assertThat(line.biosamplesId()).isEqualTo("SAMEA2590882");
    assertThat(line.alternativeNames()).containsExactly("LB-34-1", "iLB-MJD4-34m-r1");
    assertThat(line.ecaccId()).isEqualTo("66540003");
    assertThat(line.validationStatus()).isEqualTo(ValidationStatus.VALIDATED_VISIBLE);
    assertThat(line.currentStatus()).contains(CellLineStatus.AT_ECACC);
    assertThat(line.statusLog().get(0).changedAt())
        .isEqualTo(Instant.parse("2016-10-20T09:51:00.016090Z"));
    assertThat(line.informationPacks().get(0).updatedAt())
        .isEqualTo(Instant.parse("2015-12-27T09:45:52.574218Z"));
    assertThat(line.donor().biosamplesId()).isEqualTo("SAMEA2590985");
    assertThat(line.donor().internalDonorIds()).containsExactly("G1882", "RCFB53", "G1870", "RCFB44");
    DonorDisease primary = line.donor().diseases().get(0);
    assertThat(primary.primary()).isTrue();
    assertThat(primary.disease().purl()).isEqualTo("http://purl.obolibrary.org/obo/DOID_1440");
    assertThat(line.reprogrammingVector()).isInstanceOf(IntegratingVector.class);
    assertThat(line.reprogrammingVector().genes()).containsExactly("KLF4", "MYC", "POU5F1", "SOX2");
    assertThat(line.cultureConditions().supplements()).hasSize(4);
    assertThat(line.pluritest().pluripotencyScore()).isEqualTo("42.031");
    assertThat(line.characterisation().hiv2()).isNull();
    assertThat(line.diseaseGenotype()).isEqualTo(new DiseaseGenotype(false, null));
  }

  @Test
  void ukbi008A_hasFiftyVialsNamedAfterTheAlternativeName() {
    Batch batch = SampleData.ukbi008A().batches().get(0);

    assertThat(batch.biosamplesId()).isEqualTo("SAMEG301734");
    assertThat(batch.batchId()).isEqualTo("P001");
    assertThat(batch.images()).hasSize(2);
    List<Vial> vials = batch.vials();
    assertThat(vials).hasSize(50);
    assertThat(vials).extracting(Vial::biosamplesId).doesNotHaveDuplicates()
        .allMatch(id -> id.matches("SAMEA[0-9]+"));
    assertThat(vials.get(0).biosamplesId()).isEqualTo("SAMEA2590959");
    assertThat(vials.get(49).biosamplesId()).isEqualTo("SAMEA2590893");
    for (int n = 1; n <= 50; n++) {
      String number = String.format("%04d", n);
      assertThat(vials.get(n - 1).number()).isEqualTo(number);
      assertThat(vials.get(n - 1).name()).isEqualTo("LB-34-1 P001 vial " + number);
    }
  }

  @Test
  void bioni010C2_isAGeneEditedSubcloneOfBioni010C() {
    CellLine parent = SampleData.bioni010C();
    CellLine subclone = SampleData.bioni010C2();

    assertThat(subclone.derivedFrom()).isEqualTo(parent.biosamplesId());
    assertThat(subclone.donor()).isEqualTo(parent.donor());
    assertThat(subclone.diseases()).singleElement().satisfies(d -> {
      assertThat(d.disease().purl()).isEqualTo("http://www.ebi.ac.uk/efo/EFO_0000249");
      assertThat(d.modifications().get(0).kind()).isEqualTo(ModificationKind.VARIANT);
      assertThat(d.modifications().get(0).notes())
          .isEqualTo("ApoE3/E3 isogenic mutant of BIONi010-C (ApoE3/E4)");
    });
    assertThat(subclone.nonDiseaseModifications()).extracting(m -> m.kind())
        .contains(ModificationKind.GENE_KNOCK_IN, ModificationKind.GENE_KNOCK_OUT);
  }

  @Test
  void testi010A_hasThePost2020Batch() {
    CellLine line = SampleData.testi010A();

    assertThat(line.reprogrammingVector()).isInstanceOf(NonIntegratingVector.class);
    Batch batch = line.batches().get(0);
    assertThat(batch.biosamplesId()).isEqualTo("TESTi010-A_M001");
    assertThat(batch.vials().get(0)).isEqualTo(
        new Vial("TESTi010-A_M001_0001", "TESTi010-A M001 vial 0001", "0001", "P001"));
    assertThat(line.donor().diseases().get(0).variants().get(0).publicationPmid())
        .isEqualTo("26132555");
  }

  private static List<Instant> timestamps(CellLine line) {
    List<Instant> all = new ArrayList<>();
    line.statusLog().forEach(s -> all.add(s.changedAt()));
    line.informationPacks().forEach(p -> all.add(p.updatedAt()));
    return all;
  }
}

package org.cellbank.ims.core.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.cellbank.ims.core.ValidationException;
import org.cellbank.ims.core.model.Batch;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.Disease;
import org.cellbank.ims.core.model.DiseaseGenotype;
import org.cellbank.ims.core.model.DonorDisease;
import org.cellbank.ims.core.model.IntegratingVector;
import org.cellbank.ims.core.model.NonIntegratingVector;
import org.cellbank.ims.core.model.StatusEntry;
import org.cellbank.ims.core.model.Vial;
import org.junit.jupiter.api.Test;

class SyntheticCellLinesTest {

  private static final Set<String> AGE_RANGES = Set.of(
      "0-4", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59",
      "60-64", "65-69", "70-74");

  @Test
  void generate_isDeterministicForASeed() {
    assertThat(SyntheticCellLines.generate(300, 42L)).isEqualTo(SyntheticCellLines.generate(300, 42L));
    assertThat(SyntheticCellLines.generate(30, 42L)).isNotEqualTo(SyntheticCellLines.generate(30, 43L));
  }

  @Test
  void generate_streamAndLineAgree() {
    List<CellLine> lines = SyntheticCellLines.generate(50, 7L);

    assertThat(SyntheticCellLines.stream(50, 7L).collect(Collectors.toList())).isEqualTo(lines);
    assertThat(SyntheticCellLines.line(37, 7L)).isEqualTo(lines.get(37));
  }

  @Test
  void generate_naturalKeysAreUniqueAcross5000Lines() {
    List<CellLine> lines = SyntheticCellLines.generate(5_000, 1L);
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
    for (CellLine sample : SampleData.all()) {
      biosamplesIds.add(sample.biosamplesId());
      names.add(sample.name());
      ecaccIds.add(sample.ecaccId());
      hpscregIds.add(sample.hpscregId());
    }

    assertThat(names).allMatch(n -> !n.isEmpty() && n.length() <= 16);
    assertThat(new HashSet<>(names)).hasSize(names.size());
    assertThat(biosamplesIds).hasSize(5_000 * (1 + 1 + 5) + donorIds.size() + 4);
    assertThat(new HashSet<>(biosamplesIds)).hasSize(biosamplesIds.size());
    assertThat(ecaccIds).allMatch(id -> id.length() <= 10);
    assertThat(new HashSet<>(ecaccIds)).hasSize(ecaccIds.size());
    assertThat(hpscregIds).allMatch(id -> id.length() <= 10);
    assertThat(new HashSet<>(hpscregIds)).hasSize(hpscregIds.size());
    assertThat(donorIds).hasSize(5_000 / 3 + 1);
  }

  @Test
  void generate_everyLineIsFullyPopulated() {
    List<CellLine> lines = SyntheticCellLines.generate(300, 99L);
    assertThat(lines).extracting(CellLine::diseaseGenotype).containsNull()
        .contains(new DiseaseGenotype(false, null), new DiseaseGenotype(true, false), new DiseaseGenotype(null, true),
            new DiseaseGenotype(true, true), new DiseaseGenotype(false, false), new DiseaseGenotype(null, null));
    for (CellLine line : lines) {
      assertThat(AGE_RANGES).contains(line.donorAge());
      assertThat(line.donor().diseases()).hasSizeBetween(1, 2)
          .allSatisfy(d -> assertThat(d.variants()).hasSize(1));
      assertThat(line.donor().diseases()).extracting(d -> d.disease().purl()).doesNotHaveDuplicates();
      assertThat(line.diseases()).singleElement()
          .satisfies(d -> assertThat(d.modifications()).hasSize(2));
      assertThat(line.nonDiseaseModifications()).hasSize(1);
      assertThat(line.derivation()).isNotNull();
      assertThat(line.reprogrammingVector()).isNotNull();
      assertThat(line.reprogrammingVector().genes()).doesNotHaveDuplicates();
      assertThat(line.vectorFreeFactors()).hasSize(1);
      assertThat(line.cultureConditions().otherMedium()).isNotNull();
      assertThat(line.cultureConditions().supplements()).hasSize(3);
      assertThat(line.characterisation()).isNotNull();
      assertThat(line.pluritest()).isNotNull();
      assertThat(line.karyotype()).isNotNull();
      assertThat(line.genomeAnalyses()).hasSize(1);
      assertThat(line.publications()).hasSize(1);
      assertThat(line.informationPacks()).hasSize(1);
      assertThat(line.statusLog()).hasSize(2)
          .isSortedAccordingTo(Comparator.comparing(StatusEntry::changedAt).reversed());
      assertThat(line.statusLog()).allSatisfy(s -> assertThat(s.changedAt().truncatedTo(ChronoUnit.MICROS))
          .isEqualTo(s.changedAt()));
      assertThat(line.batches()).singleElement().satisfies(b -> {
        assertThat(b.images()).hasSize(1);
        assertThat(b.vials()).hasSize(5).extracting(Vial::name)
            .allMatch(n -> n.startsWith(line.name() + " " + b.batchId() + " vial "));
      });
    }
  }

  @Test
  void generate_siblingLinesShareADonor_andVectorsAlternate() {
    List<CellLine> lines = SyntheticCellLines.generate(6, 5L);

    assertThat(lines).extracting(CellLine::name).containsExactly(
        "SYNi00001-A", "SYNi00001-B", "SYNi00001-C", "SYNi00002-A", "SYNi00002-B", "SYNi00002-C");
    assertThat(lines.get(1).donor()).isEqualTo(lines.get(0).donor());
    assertThat(lines.get(2).donor()).isEqualTo(lines.get(0).donor());
    assertThat(lines.get(3).donor().biosamplesId()).isNotEqualTo(lines.get(0).donor().biosamplesId());
    assertThat(lines.get(0).reprogrammingVector()).isInstanceOf(IntegratingVector.class);
    assertThat(lines.get(1).reprogrammingVector()).isInstanceOf(NonIntegratingVector.class);
  }

  @Test
  void generate_oneDiseaseTermPerPurl() {
    Map<String, Disease> byPurl = new java.util.HashMap<>();
    for (CellLine line : SyntheticCellLines.generate(600, 3L)) {
      List<Disease> diseases = new ArrayList<>();
      line.donor().diseases().stream().map(DonorDisease::disease).forEach(diseases::add);
      line.diseases().forEach(d -> diseases.add(d.disease()));
      for (Disease d : diseases) {
        assertThat(byPurl.computeIfAbsent(d.purl(), p -> d)).isEqualTo(d);
      }
    }
    assertThat(byPurl).hasSizeGreaterThanOrEqualTo(10);
  }

  @Test
  void generate_rejectsCountsOutOfRange() {
    assertThatThrownBy(() -> SyntheticCellLines.generate(-1, 1L)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> SyntheticCellLines.generate(SyntheticCellLines.MAX_COUNT + 1, 1L))
        .isInstanceOf(ValidationException.class);
    assertThat(SyntheticCellLines.line(SyntheticCellLines.MAX_COUNT - 1, 1L).name()).hasSizeLessThanOrEqualTo(16);
  }
}

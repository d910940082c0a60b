package org.cellbank.ims.core.sample;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.cellbank.ims.core.ValidationException;
import org.cellbank.ims.core.model.Batch;
import org.cellbank.ims.core.model.BatchCultureConditions;
import org.cellbank.ims.core.model.BatchImage;
import org.cellbank.ims.core.model.BatchType;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.CellLineDisease;
import org.cellbank.ims.core.model.CellLineStatus;
import org.cellbank.ims.core.model.Characterisation;
import org.cellbank.ims.core.model.CultureConditions;
import org.cellbank.ims.core.model.CultureMediumOther;
import org.cellbank.ims.core.model.Derivation;
import org.cellbank.ims.core.model.Disease;
import org.cellbank.ims.core.model.DiseaseGenotype;
import org.cellbank.ims.core.model.Donor;
import org.cellbank.ims.core.model.DonorDisease;
import org.cellbank.ims.core.model.GeneticModification;
import org.cellbank.ims.core.model.GenomeAnalysis;
import org.cellbank.ims.core.model.InformationPack;
import org.cellbank.ims.core.model.IntegratingVector;
import org.cellbank.ims.core.model.Karyotype;
import org.cellbank.ims.core.model.MediaFile;
import org.cellbank.ims.core.model.MediumSupplement;
import org.cellbank.ims.core.model.ModificationKind;
import org.cellbank.ims.core.model.NonIntegratingVector;
import org.cellbank.ims.core.model.Pluritest;
import org.cellbank.ims.core.model.Publication;
import org.cellbank.ims.core.model.ReprogrammingVector;
import org.cellbank.ims.core.model.ScreeningResult;
import org.cellbank.ims.core.model.StatusEntry;
import org.cellbank.ims.core.model.ValidationStatus;
import org.cellbank.ims.core.model.Variant;
import org.cellbank.ims.core.model.VectorFreeFactor;
import org.cellbank.ims.core.model.Vial;
import org.cellbank.ims.core.model.YesNoUnknown;

/**
 * A deterministic generator of fully populated, realistic-looking cell lines for load tests,
 * benchmarks and demos.
 *
 * <p>Line {@code i} depends only on {@code i} and the seed, so {@link #line(int, long)},
 * {@link #stream(int, long)} and {@link #generate(int, long)} agree: {@code generate(n, s).get(i)}
 * equals {@code line(i, s)}. Every three consecutive lines ({@code 3k}, {@code 3k+1}, {@code 3k+2})
 * are sibling lines of one donor, named {@code SYNi<k+1, 5 digits>-A}, {@code -B} and {@code -C}
 * (e.g. {@code SYNi00001-A}), and hold equal {@link Donor} records.
 *
 * <p>Natural keys are unique across lines and never collide with {@link SampleData}: line BioSamples
 * ids {@code SAMEA9<index+1, 6 digits>}, donor ids {@code SAMEA8<k+1, 6 digits>}, batch keys
 * {@code <line>_<batch id>}, vial ids {@code <line>_<batch id>_<NNNN>}, hPSCreg ids from 100001 and
 * ECACC numbers from 66800001. Disease terms come from a fixed pool, so one PURL always has the same
 * name and synonyms. Donor ages are the seeded age ranges; timestamps have microsecond precision.
 *
 * <p>Each line has: a donor with one or two diseases, each with one variant; one cell-line disease
 * with two modifications; one non-disease modification; a derivation; a reprogramming vector,
 * integrating for even indexes and non-integrating for odd ones; one vector-free factor; culture
 * conditions with an "other" medium and three supplements; characterisation; PluriTest; karyotype;
 * disease-genotype flags for three lines in four (index {@code i % 4 != 3}), each flag true, false or
 * unknown, so every combination occurs among any twelve consecutive lines; one genome analysis; one publication; one CLIP; a two-entry status log (newest first); and one batch
 * with one image and five vials.
 *
 * <pre>{@code
 * List<CellLine> lines = SyntheticCellLines.generate(10_000, 42L);
 * SyntheticCellLines.stream(100_000, 42L).forEach(repository::insert);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class SyntheticCellLines {

  /** The largest number of lines the generator can make with unique names and ECACC numbers. */
  public static final int MAX_COUNT = 199_999;

  private static final long DONOR_SALT = 0x5DEECE66DL;
  private static final int VIALS_PER_BATCH = 5;
  private static final long EPOCH_2014 = 1_388_534_400L; // 2014-01-01T00:00:00Z
  private static final long SIX_YEARS_SECONDS = 6L * 365 * 24 * 3600;

  private static final String[] AGE_RANGES = {
    "0-4", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59",
    "60-64", "65-69", "70-74"
  };

  /** Depositor, city (the tissue procurement location), country, short code for alternative names. */
  private static final String[][] DEPOSITORS = {
    {"Universitatsklinikum Bonn", "Bonn", "Germany", "UKB"},
    {"Bioneer A/S", "Horsholm", "Denmark", "BION"},
    {"University of Edinburgh", "Edinburgh", "United Kingdom", "EDi"},
    {"Karolinska Institutet", "Stockholm", "Sweden", "KI"},
    {"Istituto di Ricerca Pediatrica", "Padova", "Italy", "IRP"},
    {"Leiden University Medical Center", "Leiden", "Netherlands", "LUMC"},
  };

  private static final String[] DONOR_COUNTRIES = {
    "Germany", "Denmark", "United Kingdom", "Sweden", "Italy", "Netherlands", "Spain", "France"
  };

  private static final String[] ETHNICITIES = {"Caucasian", "Asian", "African", "Hispanic", "Mixed"};

  private static final Disease NORMAL = new Disease(
      "http://purl.obolibrary.org/obo/PATO_0000461", "normal",
      List.of("Normalities", "Health", "Normalcy", "Normality"));

  /** A disease term and one typical variant: gene, location, nucleotide HGVS, protein HGVS. */
  private record DiseaseTemplate(Disease disease, String gene, String location, String nucleotide,
      String protein) {}

  private static final DiseaseTemplate[] DISEASES = {
    new DiseaseTemplate(new Disease("http://www.ebi.ac.uk/efo/EFO_0002508", "Parkinson's disease",
        List.of("Parkinson disease", "PD", "Paralysis agitans")),
        "LRRK2", "12q12", "NM_198578.4:c.6055G>A", "NP_940980.4:p.(Gly2019Ser)"),
    new DiseaseTemplate(new Disease("http://www.ebi.ac.uk/efo/EFO_0000249", "Alzheimers disease",
        List.of("Alzheimer", "Alzheimer Senile Dementia", "Presenile Alzheimer Dementia")),
        "PSEN1", "14q24.2", "NM_000021.4:c.438T>G", "NP_000012.1:p.(Met146Leu)"),
    new DiseaseTemplate(new Disease("http://purl.obolibrary.org/obo/DOID_1440",
        "Machado-Joseph disease",
        List.of("Azorean disease (disorder)", "MJD", "spinocerebellar ataxia type 3")),
        "ATXN3", "14q32.12", "NM_004993.6:c.892_894CAG[72]", "NP_004984.2:p.(Gln298[72])"),
    new DiseaseTemplate(new Disease("http://www.ebi.ac.uk/efo/EFO_0000253",
        "amyotrophic lateral sclerosis", List.of("ALS", "Lou Gehrig's disease")),
        "SOD1", "21q22.11", "NM_000454.5:c.272A>C", "NP_000445.1:p.(Asp91Ala)"),
    new DiseaseTemplate(new Disease("http://purl.obolibrary.org/obo/DOID_12858",
        "Huntington's disease", List.of("Huntington chorea", "HD")),
        "HTT", "4p16.3", "NM_002111.8:c.52_54CAG[44]", "NP_002102.4:p.(Gln18[44])"),
    new DiseaseTemplate(new Disease("http://purl.obolibrary.org/obo/DOID_1485", "cystic fibrosis",
        List.of("CF", "mucoviscidosis")),
        "CFTR", "7q31.2", "NM_000492.4:c.1521_1523del", "NP_000483.3:p.(Phe508del)"),
    new DiseaseTemplate(new Disease("http://purl.obolibrary.org/obo/DOID_11723",
        "Duchenne muscular dystrophy", List.of("DMD", "pseudohypertrophic muscular dystrophy")),
        "DMD", "Xp21.2", "NM_004006.3:c.6439-?_6614+?del", "NP_003997.2:p.(Asp2147Valfs*4)"),
    new DiseaseTemplate(new Disease("http://www.ebi.ac.uk/efo/EFO_0001359",
        "type I diabetes mellitus", List.of("T1D", "insulin-dependent diabetes mellitus")),
        "INS", "11p15.5", "NM_000207.3:c.94G>A", "NP_000198.1:p.(Gly32Ser)"),
    new DiseaseTemplate(new Disease("http://www.ebi.ac.uk/efo/EFO_0000692", "schizophrenia",
        List.of("Schizophrenic disorders", "dementia praecox")),
        "DISC1", "1q42.2", "NM_018662.3:c.2243_2244del", "NP_061132.2:p.(Phe748Cysfs*2)"),
    new DiseaseTemplate(new Disease("http://www.ebi.ac.uk/efo/EFO_0000289", "bipolar disorder",
        List.of("manic-depressive illness", "bipolar affective disorder")),
        "CACNA1C", "12p13.33", "NM_000719.7:c.1216G>A", "NP_000710.5:p.(Gly406Arg)"),
  };

  private static final String[] CELL_TYPES = {
    "fibroblast of dermis", "peripheral blood mononuclear cell", "keratinocyte", "T cell",
    "erythroblast", "kidney epithelial cell"
  };

  private static final String[] SURFACES = {
    "Matrigel", "Geltrex", "Laminin-521", "Vitronectin", "gelatine"
  };

  private static final String[][] SUPPLEMENTS = {
    {"2-mercaptoethanol", "50", "mikrometer"},
    {"Glutamax", "2", "millimeter"},
    {"NEAA", "1", "percent"},
    {"bFGF", "10", "nanogram_millilitre"},
    {"Penicillin-Streptomycin", "1", "percent"},
    {"TGF-beta1", "2", "nanogram_millilitre"},
    {"Insulin-Transferrin-Selenium", "1", "percent"},
  };

  private static final String[] PROTEIN_SOURCES = {
    "knockout_serum_replacement", "bovine_serum_albumin", "human_serum_albumin"
  };

  private static final String[] BATCH_MEDIA = {"mTeSR", "mTeSR1", "Essential 8", "StemFlex"};

  private static final String[] AUTHORS = {
    "Koch P", "Schmid B", "Hansen K", "Rossi M", "Lindqvist A", "de Vries J", "Garcia L",
    "Murphy C"
  };

  private static final String[] WITHDRAWAL_REASONS = {
    "Withdrawn at the depositor's request",
    "Consent for distribution withdrawn by the donor",
    "Failed identity testing (STR mismatch)"
  };

  private SyntheticCellLines() {}

  /**
   * Generates {@code count} lines, the same ones for the same seed.
   *
   * @param count how many lines, from 0 to {@link #MAX_COUNT}
   * @param seed the random seed
   * @return the lines in index order; unmodifiable
   * @throws ValidationException when count is out of range
   */
  public static List<CellLine> generate(int count, long seed) {
    checkCount(count);
    List<CellLine> lines = new ArrayList<>(count);
    DonorProfile profile = null;
    for (int i = 0; i < count; i++) {
      if (i % 3 == 0) {
        profile = donorProfile(i / 3, seed);
      }
      lines.add(build(i, seed, profile));
    }
    return List.copyOf(lines);
  }

  /**
   * Streams {@code count} lines lazily, in index order; for inserting more lines than fit
   * comfortably in memory.
   *
   * @param count how many lines, from 0 to {@link #MAX_COUNT}
   * @param seed the random seed
   * @return a sequential stream of the lines {@link #generate(int, long)} returns
   * @throws ValidationException when count is out of range
   */
  public static Stream<CellLine> stream(int count, long seed) {
    checkCount(count);
    int donors = (count + 2) / 3;
    return IntStream.range(0, donors).boxed().flatMap(d -> {
      DonorProfile profile = donorProfile(d, seed);
      return IntStream.range(3 * d, Math.min(3 * d + 3, count))
          .mapToObj(i -> build(i, seed, profile));
    });
  }

  /**
   * Returns line {@code index} for this seed, without generating the others.
   *
   * @param index the line's index, from 0 to {@link #MAX_COUNT} - 1
   * @param seed the random seed
   * @return the line
   * @throws ValidationException when index is out of range
   */
  public static CellLine line(int index, long seed) {
    if (index < 0 || index >= MAX_COUNT) {
      throw new ValidationException(
          "synthetic line index must be from 0 to " + (MAX_COUNT - 1) + ": " + index);
    }
    return build(index, seed, donorProfile(index / 3, seed));
  }

  private static CellLine build(int index, long seed, DonorProfile profile) {
    int donorIndex = index / 3;
    Random r = new Random(mix(seed, index));

    String name = "SYNi" + pad(donorIndex + 1, 5) + "-" + (char) ('A' + index % 3);
    DiseaseTemplate lineDisease = profile.primary != null
        ? profile.primary : DISEASES[r.nextInt(DISEASES.length)];
    Instant imported = instant(EPOCH_2014 + (long) (r.nextDouble() * SIX_YEARS_SECONDS), r);
    Instant changed = imported.plusSeconds(86_400L + r.nextInt(400 * 86_400));
    int passage = 10 + r.nextInt(30);
    List<StatusEntry> statusLog = statusLog(imported, changed, r);

    return CellLine.builder()
        .name(name)
        .biosamplesId("SAMEA9" + pad(index + 1, 6))
        .alternativeNames(List.of(profile.depositorCode + "-" + (donorIndex + 1) + "-"
            + (index % 3 + 1)))
        .hpscregId(Integer.toString(100_001 + index))
        .ecaccId(Integer.toString(66_800_001 + index))
        .validationStatus(r.nextInt(10) == 0
            ? ValidationStatus.VALIDATED_NOT_VISIBLE : ValidationStatus.VALIDATED_VISIBLE)
        .availableForSale(true)
        .availableForSaleAtEcacc(statusLog.get(0).status() == CellLineStatus.AT_ECACC)
        .donor(profile.donor)
        .donorAge(profile.age)
        .depositor(profile.depositor[0])
        .owner(profile.depositor[0])
        .derivationCountry(profile.depositor[2])
        .hasDiseases(profile.primary != null)
        .diseaseAssociatedPhenotypes(profile.primary != null
            ? List.of("Clinical diagnosis of " + profile.primary.disease.name()) : List.of())
        .nonDiseaseAssociatedPhenotypes(List.of("No other phenotypes reported"))
        .hasGeneticModification(true)
        .publicNotes("Synthetic line " + name + " generated for testing; not a real cell line.")
        .diseases(List.of(new CellLineDisease(lineDisease.disease, null, true,
            "Gene-edited model of " + lineDisease.disease.name(),
            diseaseModifications(index, lineDisease, r))))
        .nonDiseaseModifications(List.of(nonDiseaseModification(index, r)))
        .derivation(Derivation.builder()
            .primaryCellType(CELL_TYPES[r.nextInt(CELL_TYPES.length)])
            .primaryCellDevelopmentalStage("adult")
            .tissueProcurementLocation(profile.depositor[1])
            .tissueCollectionYear(Integer.toString(2008 + r.nextInt(12)))
            .reprogrammingPassageNumber(Integer.toString(1 + r.nextInt(6)))
            .selectionCriteriaForClones("Morphology of ES-like colonies")
            .xenoFreeConditions(r.nextBoolean())
            .derivedUnderGmp(r.nextInt(10) == 0)
            .availableAsClinicalGrade(false)
            .build())
        .reprogrammingVector(vector(index, r))
        .vectorFreeFactors(List.of(vectorFreeFactor(r)))
        .cultureConditions(cultureConditions(passage, r))
        .characterisation(new Characterisation(
            true, "P" + passage, true,
            ScreeningResult.NEGATIVE,
            r.nextInt(4) == 0 ? ScreeningResult.NOT_DONE : ScreeningResult.NEGATIVE,
            ScreeningResult.NEGATIVE, ScreeningResult.NEGATIVE, ScreeningResult.NEGATIVE))
        .pluritest(new Pluritest(true, decimal(20 + r.nextInt(26_000) / 1000.0),
            decimal(1 + r.nextInt(800) / 1000.0), null))
        .karyotype(new Karyotype("male".equals(profile.donor.gender()) ? "46XY" : "46XX",
            r.nextBoolean() ? "G-banding" : "Molecular karyotyping (SNP array)",
            Integer.toString(passage)))
        .diseaseGenotype(diseaseGenotype(index))
        .genomeAnalyses(List.of(new GenomeAnalysis(
            r.nextBoolean() ? "Whole genome sequencing" : "SNP array",
            "https://ega-archive.org/studies/EGAS" + pad(1_000_000 + index, 11))))
        .publications(List.of(publication(name, lineDisease, imported, r)))
        .informationPacks(List.of(new InformationPack("v1",
            media(imported, name + ".CLIP.v1.pdf", r), imported.plusSeconds(3_600))))
        .statusLog(statusLog)
        .batches(List.of(batch(name, changed, r)))
        .build();
  }

  // From the index rather than the random stream, so that the other generated values stay as they were.
  private static DiseaseGenotype diseaseGenotype(int index) {
    if (index % 4 == 3) {
      return null;
    }
    return new DiseaseGenotype(flag(index % 3), flag(index / 4 % 3));
  }

  private static Boolean flag(int k) {
    return k == 0 ? Boolean.FALSE : k == 1 ? Boolean.TRUE : null;
  }

  private static void checkCount(int count) {
    if (count < 0 || count > MAX_COUNT) {
      throw new ValidationException(
          "synthetic line count must be from 0 to " + MAX_COUNT + ": " + count);
    }
  }

  /** What sibling lines share: derived from the donor index and the seed only. */
  private static final class DonorProfile {
    final Donor donor;
    final String age;
    final String[] depositor;
    final String depositorCode;
    final DiseaseTemplate primary;

    DonorProfile(Donor donor, String age, String[] depositor, String depositorCode,
        DiseaseTemplate primary) {
      this.donor = donor;
      this.age = age;
      this.depositor = depositor;
      this.depositorCode = depositorCode;
      this.primary = primary;
    }
  }

  private static DonorProfile donorProfile(int donorIndex, long seed) {
    Random r = new Random(mix(seed ^ DONOR_SALT, donorIndex));
    String[] depositor = DEPOSITORS[r.nextInt(DEPOSITORS.length)];
    String gender = r.nextBoolean() ? "male" : "female";
    String age = AGE_RANGES[r.nextInt(AGE_RANGES.length)];
    int variantBase = donorIndex * 10;
    List<DonorDisease> diseases = new ArrayList<>(2);
    DiseaseTemplate primary = null;
    if (r.nextInt(100) < 15) {
      DiseaseTemplate carried = DISEASES[r.nextInt(DISEASES.length)];
      diseases.add(new DonorDisease(NORMAL, null, false, null, "False", "True",
          "Healthy carrier", List.of(variant(variantBase + 1, carried, "Heterozygous", r))));
    } else {
      int first = r.nextInt(DISEASES.length);
      primary = DISEASES[first];
      diseases.add(new DonorDisease(primary.disease, null, true,
          r.nextBoolean() ? "Early" : "Symptomatic", "True", null, null,
          List.of(variant(variantBase + 1, primary, "Heterozygous", r))));
      if (r.nextBoolean()) {
        int second = (first + 1 + r.nextInt(DISEASES.length - 1)) % DISEASES.length;
        DiseaseTemplate other = DISEASES[second];
        diseases.add(new DonorDisease(other.disease, null, false, null, "False", "True", null,
            List.of(variant(variantBase + 2, other, "Heterozygous", r))));
      }
    }
    String donorId = "SAMEA8" + pad(donorIndex + 1, 6);
    Donor donor = Donor.builder()
        .biosamplesId(donorId)
        .gender(gender)
        .internalDonorIds(List.of("D" + pad(donorIndex + 1, 6), "SYN-" + (1000 + r.nextInt(9000))))
        .countryOfOrigin(DONOR_COUNTRIES[r.nextInt(DONOR_COUNTRIES.length)])
        .ethnicity(ETHNICITIES[r.nextInt(ETHNICITIES.length)])
        .familyHistory(primary != null ? "First-degree relative affected" : "None reported")
        .medicalHistory(primary != null ? "Diagnosed with " + primary.disease.name() : "Healthy")
        .clinicalInformation("Sample taken with informed consent for iPSC derivation")
        .karyotype("male".equals(gender) ? "46XY" : "46XX")
        .karyotypeMethod("G-banding")
        .diseases(diseases)
        .genomeAnalyses(List.of(new GenomeAnalysis("SNP array",
            "https://ega-archive.org/datasets/EGAD" + pad(2_000_000 + donorIndex, 11))))
        .build();
    return new DonorProfile(donor, age, depositor, depositor[3], primary);
  }

  private static Variant variant(int id, DiseaseTemplate t, String zygosity, Random r) {
    return new Variant(id, t.gene, t.location, t.nucleotide, t.protein, zygosity,
        Integer.toString(10_000 + r.nextInt(900_000)), "rs" + (100_000 + r.nextInt(90_000_000)),
        null, Integer.toString(20_000_000 + r.nextInt(15_000_000)), null);
  }

  private static List<GeneticModification> diseaseModifications(
      int index, DiseaseTemplate t, Random r) {
    int base = index * 4;
    GeneticModification variant = GeneticModification.builder()
        .kind(ModificationKind.VARIANT)
        .modificationId(base + 1)
        .gene(t.gene)
        .chromosomeLocation(t.location)
        .nucleotideSequenceHgvs(t.nucleotide)
        .proteinSequenceHgvs(t.protein)
        .zygosityStatus(r.nextBoolean() ? "Heterozygous" : "Homozygous")
        .dbsnpId("rs" + (100_000 + r.nextInt(90_000_000)))
        .notes("Introduced by CRISPR/Cas9 homology-directed repair")
        .build();
    GeneticModification.Builder second = GeneticModification.builder()
        .modificationId(base + 2)
        .gene(t.gene)
        .chromosomeLocation(t.location);
    switch (index % 3) {
      case 0 -> second.kind(ModificationKind.ISOGENIC)
          .zygosityStatus("Homozygous")
          .proteinSequenceHgvs(t.protein)
          .modificationType("Gene correction (CRISPR/Cas9 HDR)");
      case 1 -> second.kind(ModificationKind.GENE_KNOCK_OUT)
          .deliveryMethod("CRISPR/Cas9")
          .notes("Frameshift deletion in the first coding exon");
      default -> second.kind(ModificationKind.GENE_KNOCK_IN)
          .transgene("EGFP")
          .chromosomeLocationTransgene(t.location)
          .deliveryMethod("TALEN")
          .notes("C-terminal EGFP fusion");
    }
    return List.of(variant, second.build());
  }

  private static GeneticModification nonDiseaseModification(int index, Random r) {
    int id = index * 4 + 3;
    if (r.nextBoolean()) {
      return GeneticModification.builder()
          .kind(ModificationKind.TRANSGENE_EXPRESSION)
          .modificationId(id)
          .gene(r.nextBoolean() ? "NEUROG2" : "NGN2")
          .deliveryMethod("Transposon")
          .transposon("PiggyBac")
          .notes("Doxycycline-inducible transgene")
          .build();
    }
    return GeneticModification.builder()
        .kind(ModificationKind.GENE_KNOCK_IN)
        .modificationId(id)
        .gene("PPP1R12C")
        .transgene(r.nextBoolean() ? "mCherry" : "EGFP")
        .chromosomeLocation("19q13.42")
        .chromosomeLocationTransgene("19q13.42 (AAVS1 safe harbour)")
        .deliveryMethod("TALEN")
        .build();
  }

  private static ReprogrammingVector vector(int index, Random r) {
    if (index % 2 == 0) {
      switch (r.nextInt(4)) {
        case 0:
          return new IntegratingVector("Virus", "Retrovirus", null, false, false,
              List.of("KLF4", "MYC", "POU5F1", "SOX2"), YesNoUnknown.UNKNOWN, List.of(), null);
        case 1:
          return new IntegratingVector("Virus", "Lentivirus", null, true, true,
              List.of("POU5F1", "SOX2", "KLF4", "MYC"), YesNoUnknown.YES, List.of("PCR"),
              "Polycistronic cassette excised with Cre recombinase");
        case 2:
          return new IntegratingVector("Transposon", null, "Sleeping beauty", true, true,
              List.of("POU5F1", "SOX2", "KLF4", "LIN28A", "NANOG"), YesNoUnknown.YES,
              List.of("PCR"), "Transposon excised; absence confirmed by PCR");
        default:
          return new IntegratingVector("Transposon", null, "PiggyBac", true, false,
              List.of("POU5F1", "SOX2", "KLF4", "MYC"), YesNoUnknown.NO, List.of("qRT-PCR"),
              "Residual transgene expression detected");
      }
    }
    switch (r.nextInt(3)) {
      case 0:
        return new NonIntegratingVector("Sendai virus",
            List.of("POU5F1", "SOX2", "KLF4", "MYC"), YesNoUnknown.NO, List.of("RT-PCR"),
            "Sendai virus not detected after passage 10");
      case 1:
        return new NonIntegratingVector("Episomal",
            List.of("KLF4", "L-Myc", "POU5F1", "SOX2", "sh-p53"), YesNoUnknown.UNKNOWN,
            List.of("PCR"), "Episomal plasmid not detected at passage 10");
      default:
        return new NonIntegratingVector("Minicircle DNA",
            List.of("POU5F1", "SOX2", "LIN28A", "NANOG"), YesNoUnknown.NO, List.of("PCR"), null);
    }
  }

  private static VectorFreeFactor vectorFreeFactor(Random r) {
    switch (r.nextInt(4)) {
      case 0:
        return new VectorFreeFactor("Small molecules",
            List.of("CHIR99021", "PD0325901", "A-83-01", "HA-100"));
      case 1:
        return new VectorFreeFactor("mRNA", List.of("POU5F1", "SOX2", "KLF4", "LIN28A"));
      case 2:
        return new VectorFreeFactor("miRNA", List.of("miR-302/367 cluster"));
      default:
        return new VectorFreeFactor("Protein", List.of("POU5F1", "SOX2"));
    }
  }

  private static CultureConditions cultureConditions(int passage, Random r) {
    CultureConditions.Builder b = CultureConditions.builder()
        .surfaceCoating(SURFACES[r.nextInt(SURFACES.length)])
        .o2Concentration(r.nextInt(5) == 0 ? 5 : 21)
        .co2Concentration(5)
        .otherCultureEnvironment(r.nextBoolean() ? "Humidified incubator" : "37C")
        .cultureMedium("other_medium")
        .passageNumberBanked(Integer.toString(passage))
        .numberOfVialsBanked(Integer.toString(10 + r.nextInt(40)))
        .passageHistory(true)
        .cultureHistory(r.nextBoolean())
        .rockInhibitorUsedAtPassage(YesNoUnknown.values()[r.nextInt(3)])
        .rockInhibitorUsedAtCryo(YesNoUnknown.values()[r.nextInt(3)])
        .rockInhibitorUsedAtThaw(YesNoUnknown.values()[r.nextInt(3)])
        .otherMedium(new CultureMediumOther(r.nextBoolean() ? "DMEM/F12" : "KnockOut DMEM",
            PROTEIN_SOURCES[r.nextInt(PROTEIN_SOURCES.length)], r.nextBoolean() ? 20 : 15));
    switch (r.nextInt(3)) {
      case 0 -> b.passageMethod("mechanically")
          .feederCellType("Human foreskin fibroblasts")
          .feederCellId("CELDA_000001419");
      case 1 -> b.passageMethod("enzymatically").enzymatically(r.nextBoolean() ? "Dispase" : "Accutase");
      default -> b.passageMethod("enzyme_free").enzymeFree(r.nextBoolean() ? "EDTA" : "ReLeSR");
    }
    int first = r.nextInt(SUPPLEMENTS.length);
    List<MediumSupplement> supplements = new ArrayList<>(3);
    for (int k = 0; k < 3; k++) {
      String[] s = SUPPLEMENTS[(first + k * 2) % SUPPLEMENTS.length];
      supplements.add(new MediumSupplement(s[0], s[1], s[2]));
    }
    return b.supplements(supplements).build();
  }

  private static Publication publication(
      String name, DiseaseTemplate t, Instant imported, Random r) {
    String pmid = Integer.toString(25_000_000 + r.nextInt(10_000_000));
    int year = imported.atZone(ZoneOffset.UTC).getYear();
    return new Publication("pubmed", pmid, "http://www.ncbi.nlm.nih.gov/pubmed/" + pmid,
        AUTHORS[r.nextInt(AUTHORS.length)] + " et al. Generation of the induced pluripotent stem"
            + " cell line " + name + " from a donor with " + t.disease.name()
            + ". Stem Cell Res. " + year + ";" + (10 + r.nextInt(40)) + ":"
            + (100_000 + r.nextInt(900_000)) + ".");
  }

  private static List<StatusEntry> statusLog(Instant imported, Instant changed, Random r) {
    int roll = r.nextInt(100);
    StatusEntry latest;
    if (roll < 45) {
      latest = new StatusEntry(CellLineStatus.AT_ECACC, "", null, changed);
    } else if (roll < 70) {
      latest = new StatusEntry(CellLineStatus.EXPAND_TO_ORDER, null, null, changed);
    } else if (roll < 90) {
      latest = new StatusEntry(CellLineStatus.RESTRICTED_DISTRIBUTION,
          "Distribution to academic users only", null, changed);
    } else {
      latest = new StatusEntry(CellLineStatus.WITHDRAWN,
          WITHDRAWAL_REASONS[r.nextInt(WITHDRAWAL_REASONS.length)], null, changed);
    }
    return List.of(latest, new StatusEntry(
        CellLineStatus.NOT_AVAILABLE, "Initial value at first import", null, imported));
  }

  private static Batch batch(String name, Instant when, Random r) {
    BatchType type;
    String batchId;
    switch (r.nextInt(4)) {
      case 0 -> {
        type = BatchType.ECACC;
        batchId = "E001";
      }
      case 1 -> {
        type = BatchType.CENTRAL_FACILITY;
        batchId = "C001";
      }
      default -> {
        type = BatchType.DEPOSITOR;
        batchId = "P001";
      }
    }
    String key = name + "_" + batchId;
    List<Vial> vials = new ArrayList<>(VIALS_PER_BATCH);
    for (int n = 1; n <= VIALS_PER_BATCH; n++) {
      String number = pad(n, 4);
      vials.add(new Vial(key + "_" + number, name + " " + batchId + " vial " + number, number,
          type == BatchType.DEPOSITOR ? null : "P001"));
    }
    int shipped = r.nextInt(20);
    return Batch.builder()
        .biosamplesId(key)
        .batchId(batchId)
        .type(type)
        .vialsAtCentralFacility(r.nextInt(5))
        .vialsShippedToEcacc(shipped)
        .vialsShippedToFraunhofer(r.nextInt(6))
        .certificateOfAnalysis(media(when, name + "." + batchId + ".CoA.pdf", r))
        .cultureConditions(new BatchCultureConditions(
            BATCH_MEDIA[r.nextInt(BATCH_MEDIA.length)], r.nextBoolean() ? "EDTA" : "ReLeSR",
            r.nextBoolean() ? "Matrigel / Geltrex" : "Laminin-521", "21%", "5%", "37C"))
        .images(List.of(new BatchImage(media(when, name + "." + batchId + ".10x.jpg", r),
            r.nextBoolean() ? "10x" : "4x",
            r.nextBoolean() ? "48 hours post-passage" : "Confluence")))
        .vials(vials)
        .build();
  }

  /** A media file in the {@code celllines/YYYY/MM/DD/<uuid>/<name>} layout, with a random MD5. */
  private static MediaFile media(Instant when, String fileName, Random r) {
    ZonedDateTime t = when.atZone(ZoneOffset.UTC);
    StringBuilder key = new StringBuilder(96).append("celllines/").append(t.getYear()).append('/')
        .append(pad(t.getMonthValue(), 2)).append('/').append(pad(t.getDayOfMonth(), 2)).append('/');
    String hex = hex32(r);
    key.append(hex, 0, 8).append('-').append(hex, 8, 12).append("-4").append(hex, 13, 16)
        .append('-').append("89ab".charAt(r.nextInt(4))).append(hex, 17, 20).append('-')
        .append(hex, 20, 32).append('/').append(fileName);
    return new MediaFile(key.toString(), hex32(r));
  }

  private static String hex32(Random r) {
    String hi = Long.toHexString(r.nextLong());
    String lo = Long.toHexString(r.nextLong());
    return "0000000000000000".substring(hi.length()) + hi
        + "0000000000000000".substring(lo.length()) + lo;
  }

  private static Instant instant(long epochSecond, Random r) {
    return Instant.ofEpochSecond(epochSecond, r.nextInt(1_000_000) * 1_000L);
  }

  private static String decimal(double value) {
    long thousandths = Math.round(value * 1000);
    String frac = Long.toString(thousandths % 1000);
    return (thousandths / 1000) + "." + "000".substring(frac.length()) + frac;
  }

  private static String pad(int n, int width) {
    String s = Integer.toString(n);
    return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
  }

  /** A SplitMix64 finaliser over the seed and an index, so neighbouring indexes get unrelated streams. */
  private static long mix(long seed, long index) {
    long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}

package org.cellbank.ims.core.sample;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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
import org.cellbank.ims.core.model.ScreeningResult;
import org.cellbank.ims.core.model.StatusEntry;
import org.cellbank.ims.core.model.ValidationStatus;
import org.cellbank.ims.core.model.Variant;
import org.cellbank.ims.core.model.VectorFreeFactor;
import org.cellbank.ims.core.model.Vial;
import org.cellbank.ims.core.model.YesNoUnknown;

/**
 * Realistic sample cell lines, built from the public facts of the biobank's catalogue and from the
 * hPSCreg export fixtures.
 *
 * <p>{@link #ukbi008A()} is a catalogue line stocked by ECACC with a 50-vial depositor batch;
 * {@link #bioni010C()} and {@link #bioni010C2()} are a parent line and its ApoE gene-edited subclone,
 * which share a donor and cover every kind of genetic modification; {@link #testi010A()} is a sparse
 * test line with a non-integrating vector, vector-free factors and a post-2020 batch. Values the
 * sources do not give (hPSCreg ids of the parent line, media keys of images, some notes) are
 * invented but keep the real formats.
 *
 * <p>Every natural key the database holds unique is unique across {@link #all()}. Timestamps have at
 * most microsecond precision. Each call builds new (immutable) records. Thread-safe.
 */
public final class SampleData {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private static final String UKBI008A_BIOSAMPLES = "SAMEA2590882";
  private static final String BIONI010C_BIOSAMPLES = "SAMEA104493150";
  private static final String BIONI010C2_BIOSAMPLES = "SAMEA104493170";
  private static final String TESTI010A_BIOSAMPLES = "SAMEA999000101";

  private SampleData() {}

  /**
   * Returns every sample line, parents before their subclones, so that inserting them in list order
   * always finds the line a subclone is derived from.
   *
   * @return UKBi008-A, BIONi010-C, BIONi010-C-2 and TESTi010-A, in that order; unmodifiable
   */
  public static List<CellLine> all() {
    return List.of(ukbi008A(), bioni010C(), bioni010C2(), testi010A());
  }

  /**
   * Returns UKBi008-A ({@code SAMEA2590882}), a Machado-Joseph disease line from the
   * Universitatsklinikum Bonn, stocked by ECACC.
   *
   * <p>It has an integrating retroviral vector, depositor culture conditions with an "other" medium
   * and four supplements, PluriTest and virology results, a karyotype, disease-genotype flags (no
   * disease-associated variants carried, variant of interest unknown), a publication, one CLIP, a
   * two-entry status log (newest first) and batch {@code SAMEG301734}/{@code P001} with two images
   * and 50 vials. The karyotype {@code 46XX} with a male donor is kept verbatim from the source,
   * which is not internally consistent.
   *
   * @return the line
   */
  public static CellLine ukbi008A() {
    Disease mjd = new Disease(
        "http://purl.obolibrary.org/obo/DOID_1440",
        "Machado-Joseph disease",
        List.of("Azorean disease (disorder)", "MJD", "spinocerebellar ataxia type 3"));
    Disease depression = new Disease(
        "http://www.ebi.ac.uk/efo/EFO_0003761", "unipolar depression", List.of());
    Disease antisocial = new Disease(
        "http://www.ebi.ac.uk/efo/EFO_0004890", "anti-social behavior", List.of());
    Variant atxn3 = new Variant(
        7001, "ATXN3", "14q32.12", null, null, "Heterozygous",
        null, null, null, "22113611",
        "Expanded CAG repeat in ATXN3; repeat length not given in this record.");
    Donor donor = Donor.builder()
        .biosamplesId("SAMEA2590985")
        .gender("male")
        .internalDonorIds(List.of("G1882", "RCFB53", "G1870", "RCFB44"))
        .countryOfOrigin("Germany")
        .ethnicity("Caucasian")
        .familyHistory("Father affected by spinocerebellar ataxia")
        .medicalHistory("Progressive gait ataxia since the early thirties")
        .clinicalInformation("Skin biopsy taken at the neurology outpatient clinic")
        .karyotype("46XY")
        .karyotypeMethod("G-banding")
        .diseases(List.of(
            new DonorDisease(mjd, null, true, "Symptomatic", "True", null,
                "Diagnosis confirmed by ATXN3 repeat analysis", List.of(atxn3)),
            new DonorDisease(depression, null, false, null, "True", null, null, List.of()),
            new DonorDisease(antisocial, null, false, null, "False", null, null, List.of())))
        .genomeAnalyses(List.of(new GenomeAnalysis(
            "SNP array", "https://www.ebi.ac.uk/arrayexpress/experiments/E-MTAB-4057/")))
        .build();

    Derivation derivation = Derivation.builder()
        .primaryCellType("fibroblast of dermis")
        .primaryCellDevelopmentalStage("adult")
        .tissueProcurementLocation("Universitatsklinikum Bonn")
        .tissueCollectionYear("2009")
        .reprogrammingPassageNumber("4")
        .selectionCriteriaForClones("Morphology of ES-like colonies")
        .xenoFreeConditions(false)
        .derivedUnderGmp(false)
        .availableAsClinicalGrade(false)
        .build();

    CultureConditions culture = CultureConditions.builder()
        .surfaceCoating("gelatine")
        .feederCellType("Human foreskin fibroblasts")
        .feederCellId("CELDA_000001419")
        .passageMethod("mechanically")
        .o2Concentration(21)
        .co2Concentration(5)
        .cultureMedium("other_medium")
        .passageNumberBanked("10")
        .numberOfVialsBanked("20")
        .passageHistory(true)
        .cultureHistory(true)
        .rockInhibitorUsedAtPassage(YesNoUnknown.UNKNOWN)
        .rockInhibitorUsedAtCryo(YesNoUnknown.UNKNOWN)
        .rockInhibitorUsedAtThaw(YesNoUnknown.UNKNOWN)
        .otherMedium(new CultureMediumOther("KnockOut DMEM", "knockout_serum_replacement", 20))
        .supplements(List.of(
            new MediumSupplement("2-mercaptoethanol", "50", "mikrometer"),
            new MediumSupplement("Glutamax", "2", "millimeter"),
            new MediumSupplement("NEAA", "1", "percent"),
            new MediumSupplement("bFGF", "10", "nanogram_millilitre")))
        .build();

    Batch batch = Batch.builder()
        .biosamplesId("SAMEG301734")
        .batchId("P001")
        .type(BatchType.DEPOSITOR)
        .vialsAtCentralFacility(0)
        .vialsShippedToEcacc(19)
        .vialsShippedToFraunhofer(5)
        .certificateOfAnalysis(new MediaFile(
            "celllines/2016/02/04/d26fe5d9-6e4c-498c-b01c-d2894f8cfe45/UKBi008-A.P001.CoA.v3.pdf",
            "7dba4abad952d3937ad7da650c14b4e1"))
        .cultureConditions(new BatchCultureConditions(
            "mTeSR", "EDTA", "Matrigel / Geltrex", "21%", "5%", "37C"))
        .images(List.of(
            new BatchImage(new MediaFile(
                "celllines/2016/02/04/3c9e52a1-7b0f-4d8e-9a61-0f2b54c8e7d3/UKBi008-A.P001.10x.jpg",
                "17fedc0a2e8d58c6db3f96a8e6e21791"), "10x", "48 hours post-passage"),
            new BatchImage(new MediaFile(
                "celllines/2016/02/04/8f1d6b27-c4a5-4e09-b3d2-6a7e90c15f48/UKBi008-A.P001.4x.jpg",
                "87a520c2a822ab95acc32de5e803ec64"), "4x", "Confluence")))
        .vials(ukbi008AVials())
        .build();

    return CellLine.builder()
        .name("UKBi008-A")
        .biosamplesId(UKBI008A_BIOSAMPLES)
        .alternativeNames(List.of("LB-34-1", "iLB-MJD4-34m-r1"))
        .hpscregId("1180")
        .ecaccId("66540003")
        .validationStatus(ValidationStatus.VALIDATED_VISIBLE)
        .availableForSale(true)
        .availableForSaleAtEcacc(true)
        .donor(donor)
        .donorAge("35-39")
        .depositor("Universitatsklinikum Bonn")
        .owner("Universitatsklinikum Bonn")
        .derivationCountry("Germany")
        .hasDiseases(true)
        .diseaseAssociatedPhenotypes(List.of("Gait ataxia", "Dysarthria"))
        .nonDiseaseAssociatedPhenotypes(List.of("No cognitive impairment reported"))
        .hasGeneticModification(false)
        .publicNotes("Patient-specific line for modelling spinocerebellar ataxia type 3.")
        .derivation(derivation)
        .reprogrammingVector(new IntegratingVector(
            "Virus", "Retrovirus", null, false, false,
            List.of("KLF4", "MYC", "POU5F1", "SOX2"), YesNoUnknown.UNKNOWN, List.of(), null))
        .cultureConditions(culture)
        .characterisation(new Characterisation(
            true, null, true,
            ScreeningResult.NEGATIVE, null, ScreeningResult.NEGATIVE,
            ScreeningResult.NEGATIVE, ScreeningResult.NEGATIVE))
        .pluritest(new Pluritest(true, "42.031", "1.399", null))
        .karyotype(new Karyotype("46XX", "G-banding", "30"))
        .diseaseGenotype(new DiseaseGenotype(false, null))
        .genomeAnalyses(List.of(new GenomeAnalysis(
            "SNP array", "https://www.ebi.ac.uk/arrayexpress/experiments/E-MTAB-4058/")))
        .publications(List.of(new Publication(
            "pubmed", "22113611", "http://www.ncbi.nlm.nih.gov/pubmed/22113611",
            "Koch P et al. Excitation-induced ataxin-3 aggregation in neurons from patients with"
                + " Machado-Joseph disease. Nature. 2011 Nov 23;480(7378):543-6.")))
        .informationPacks(List.of(new InformationPack(
            "v1",
            new MediaFile(
                "celllines/2015/12/27/1abeb45f-0d61-47bc-a78f-eaeeff2cb799/UKBi008-A.CLIP.v1.pdf",
                "5c49eec2c58e768de88553e085eed576"),
            paris("2015-12-27T10:45:52.574218"))))
        .statusLog(List.of(
            new StatusEntry(CellLineStatus.AT_ECACC, "", null, paris("2016-10-20T11:51:00.016090")),
            new StatusEntry(CellLineStatus.NOT_AVAILABLE, "Initial value at first import", null,
                paris("2015-11-19T14:22:07.481203"))))
        .batches(List.of(batch))
        .build();
  }

  /**
   * Returns BIONi010-C, the parent (ApoE3/E4) line of {@link #bioni010C2()}; both share donor
   * {@code SAMEA104493100}.
   *
   * <p>It has no genetic modification of its own, a Sleeping beauty transposon as reprogramming
   * vector, two CLIP versions (newest first) and a depositor batch of 10 vials.
   *
   * @return the line
   */
  public static CellLine bioni010C() {
    return CellLine.builder()
        .name("BIONi010-C")
        .biosamplesId(BIONI010C_BIOSAMPLES)
        .alternativeNames(List.of("BIONi010-C APOE3/E4"))
        .hpscregId("2342")
        .ecaccId("66540101")
        .validationStatus(ValidationStatus.VALIDATED_VISIBLE)
        .availableForSale(true)
        .availableForSaleAtEcacc(true)
        .donor(bioneerDonor())
        .donorAge("20-24")
        .depositor("Bioneer A/S")
        .owner("Bioneer A/S")
        .derivationCountry("Denmark")
        .hasDiseases(false)
        .nonDiseaseAssociatedPhenotypes(List.of("No neurological symptoms reported"))
        .hasGeneticModification(false)
        .publicNotes("Healthy-donor line carrying APOE3/E4; parental line of the gene-edited"
            + " BIONi010-C subclones.")
        .derivation(bioneerDerivation())
        .reprogrammingVector(bioneerVector())
        .cultureConditions(bioneerCulture())
        .characterisation(new Characterisation(
            true, "P16", true,
            ScreeningResult.NEGATIVE, ScreeningResult.NEGATIVE, ScreeningResult.NEGATIVE,
            ScreeningResult.NEGATIVE, ScreeningResult.NEGATIVE))
        .pluritest(new Pluritest(true, "38.772", "1.284",
            "https://www.ebi.ac.uk/arrayexpress/experiments/E-MTAB-6130/"))
        .karyotype(new Karyotype("46XY", "G-banding", "12"))
        .genomeAnalyses(List.of(new GenomeAnalysis(
            "Whole genome sequencing", "https://ega-archive.org/studies/EGAS00001009998")))
        .informationPacks(List.of(
            new InformationPack("v2",
                new MediaFile(
                    "celllines/2018/03/14/6b0e2f4c-9a7d-4c31-8e55-21d7f0a9c3b6/BIONi010-C.CLIP.v2.pdf",
                    "b1946ac92492d2347c6235b4d2611184"),
                paris("2018-03-14T09:12:44.120931")),
            new InformationPack("v1",
                new MediaFile(
                    "celllines/2017/06/02/e4a1c8d0-5f3b-4b6e-a2c7-93d85e1f0b27/BIONi010-C.CLIP.v1.pdf",
                    "591785b794601e212b260e25925636fd"),
                paris("2017-06-02T16:40:03.508214"))))
        .statusLog(List.of(
            new StatusEntry(CellLineStatus.AT_ECACC, "Released after ECACC QC", null,
                paris("2018-04-09T10:05:31.772340")),
            new StatusEntry(CellLineStatus.NOT_AVAILABLE, "Initial value at first import", null,
                paris("2017-05-22T08:30:00.000125"))))
        .batches(List.of(Batch.builder()
            .biosamplesId("SAMEG330182")
            .batchId("P001")
            .type(BatchType.DEPOSITOR)
            .vialsAtCentralFacility(2)
            .vialsShippedToEcacc(8)
            .vialsShippedToFraunhofer(0)
            .certificateOfAnalysis(new MediaFile(
                "celllines/2017/09/18/0d7c4e92-36ab-4f15-9e8b-c2a61f05d874/BIONi010-C.P001.CoA.pdf",
                "0cc175b9c0f1b6a831c399e269772661"))
            .cultureConditions(new BatchCultureConditions(
                "mTeSR1", "EDTA", "Laminin-521", "21%", "5%", "37C"))
            .images(List.of(new BatchImage(
                new MediaFile(
                    "celllines/2017/09/18/a58f3e17-2c94-4d0b-8b6e-7f13c9d2e540/BIONi010-C.P001.10x.jpg",
                    "92eb5ffee6ae2fec3ad71c777531578f"),
                "10x", "72 hours post-passage")))
            .vials(vials("BIONi010-C", "P001", 10, null))
            .build()))
        .build();
  }

  /**
   * Returns BIONi010-C-2, the ApoE3/E3 gene-edited subclone of {@link #bioni010C()}.
   *
   * <p>{@code derivedFrom} is the parent's BioSamples id. The cell-line disease "Alzheimers disease"
   * carries a Variant, an isogenic modification and a gene knock-out; the non-disease modifications
   * are a transgene expression and two gene knock-ins and a knock-out. PluriTest was not done (flag
   * false, no scores), as in the registry export.
   *
   * @return the line
   */
  public static CellLine bioni010C2() {
    Disease alzheimers = new Disease(
        "http://www.ebi.ac.uk/efo/EFO_0000249",
        "Alzheimers disease",
        List.of("Disease", "Alzheimer", "Alzheimer Senile Dementia",
            "Dementia in Alzheimer's disease", "unspecified (disorder)",
            "Presenile Alzheimer Dementia"));
    List<GeneticModification> diseaseModifications = List.of(
        GeneticModification.builder()
            .kind(ModificationKind.VARIANT)
            .modificationId(3101)
            .gene("ApoE")
            .chromosomeLocation("19q13.32")
            .nucleotideSequenceHgvs("NM_001302691: rs429358 (C/C), rs7412 (T/T)")
            .proteinSequenceHgvs("NP_001289620.1 (ApoE3/E3)")
            .zygosityStatus("Heterozygous")
            .dbsnpId("rs429358")
            .notes("ApoE3/E3 isogenic mutant of BIONi010-C (ApoE3/E4)")
            .build(),
        GeneticModification.builder()
            .kind(ModificationKind.ISOGENIC)
            .modificationId(3102)
            .gene("ApoE")
            .chromosomeLocation("19q13.32")
            .proteinSequenceHgvs("NP_001289620.1 (ApoE3/E3)")
            .zygosityStatus("Homozygous")
            .modificationType("Allele conversion APOE4 to APOE3 (CRISPR/Cas9 HDR)")
            .build(),
        GeneticModification.builder()
            .kind(ModificationKind.GENE_KNOCK_OUT)
            .modificationId(3103)
            .gene("SORL1")
            .chromosomeLocation("11q24.1")
            .deliveryMethod("Viral")
            .virus("Retrovirus")
            .notes("Frameshift in exon 6 of one allele")
            .build());
    List<GeneticModification> nonDiseaseModifications = List.of(
        GeneticModification.builder()
            .kind(ModificationKind.TRANSGENE_EXPRESSION)
            .modificationId(3104)
            .gene("NEUROG2")
            .deliveryMethod("Transposon")
            .transposon("PiggyBac")
            .notes("Doxycycline-inducible NEUROG2 for rapid neuronal induction")
            .build(),
        GeneticModification.builder()
            .kind(ModificationKind.GENE_KNOCK_IN)
            .modificationId(3105)
            .gene("PPP1R12C")
            .transgene("mCherry")
            .chromosomeLocation("19q13.42")
            .chromosomeLocationTransgene("19q13.42 (AAVS1 safe harbour)")
            .deliveryMethod("TALEN")
            .build(),
        GeneticModification.builder()
            .kind(ModificationKind.GENE_KNOCK_IN)
            .modificationId(3106)
            .gene("plm")
            .transgene("psd")
            .deliveryMethod("TALEN")
            .notes("Test knock-in")
            .build(),
        GeneticModification.builder()
            .kind(ModificationKind.GENE_KNOCK_OUT)
            .modificationId(3107)
            .gene("plm")
            .deliveryMethod("Viral")
            .virus("Retrovirus")
            .notes("Test knock-out")
            .build());

    return CellLine.builder()
        .name("BIONi010-C-2")
        .biosamplesId(BIONI010C2_BIOSAMPLES)
        .alternativeNames(List.of("BIONi010-C APOE3/E3 clone 2"))
        .hpscregId("2876")
        .ecaccId("66770012")
        .validationStatus(ValidationStatus.VALIDATED_NOT_VISIBLE)
        .availableForSale(true)
        .availableForSaleAtEcacc(false)
        .donor(bioneerDonor())
        .donorAge("20-24")
        .depositor("Bioneer A/S")
        .owner("Bioneer A/S")
        .derivationCountry("Denmark")
        .hasDiseases(false)
        .diseaseAssociatedPhenotypes(List.of("Reduced amyloid-beta secretion in neurons"))
        .nonDiseaseAssociatedPhenotypes(List.of("No neurological symptoms reported"))
        .hasGeneticModification(true)
        .derivedFrom(BIONI010C_BIOSAMPLES)
        .publicNotes("Gene-edited APOE3/E3 subclone of BIONi010-C (APOE3/E4). Order the parental"
            + " line as an isogenic control.")
        .diseases(List.of(new CellLineDisease(
            alzheimers, null, true,
            "APOE genotype is a major risk modifier for late-onset Alzheimer's disease.",
            diseaseModifications)))
        .nonDiseaseModifications(nonDiseaseModifications)
        .derivation(bioneerDerivation())
        .reprogrammingVector(bioneerVector())
        .cultureConditions(bioneerCulture())
        .characterisation(new Characterisation(
            true, "P18", true,
            ScreeningResult.NEGATIVE, ScreeningResult.NEGATIVE, ScreeningResult.NEGATIVE,
            ScreeningResult.NEGATIVE, ScreeningResult.NEGATIVE))
        .pluritest(new Pluritest(false, null, null, null))
        .karyotype(new Karyotype("46XY", "Molecular karyotyping (SNP array)", "15"))
        .genomeAnalyses(List.of(
            new GenomeAnalysis("Targeted sequencing of the APOE locus", null),
            new GenomeAnalysis(
                "Whole genome sequencing", "https://ega-archive.org/studies/EGAS00001009999")))
        .informationPacks(List.of(new InformationPack(
            "v1",
            new MediaFile(
                "celllines/2020/06/30/7e2b9d41-0c8f-4a6d-b5e3-19f4c2d8a076/BIONi010-C-2.CLIP.v1.pdf",
                "4a8a08f09d37b73795649038408b5f33"),
            paris("2020-06-30T15:27:18.904412"))))
        .statusLog(List.of(
            new StatusEntry(CellLineStatus.RESTRICTED_DISTRIBUTION,
                "Distributed together with the parental line as an isogenic pair", null,
                paris("2020-07-15T13:02:45.300017")),
            new StatusEntry(CellLineStatus.NOT_AVAILABLE, "Initial value at first import", null,
                paris("2020-03-05T02:14:09.661980"))))
        .batches(List.of(Batch.builder()
            .biosamplesId("BIONi010-C-2_E001")
            .batchId("E001")
            .type(BatchType.ECACC)
            .vialsAtCentralFacility(0)
            .vialsShippedToEcacc(12)
            .vialsShippedToFraunhofer(0)
            .certificateOfAnalysis(new MediaFile(
                "celllines/2020/07/10/c3f81a6e-92d4-47b0-a1e5-5d0c7b2f4e98/BIONi010-C-2.E001.CoA.pdf",
                "8277e0910d750195b448797616e091ad"))
            .cultureConditions(new BatchCultureConditions(
                "mTeSR1", "ReLeSR", "Laminin-521", "21%", "5%", "37C"))
            .images(List.of(new BatchImage(
                new MediaFile(
                    "celllines/2020/07/10/f29d0b6c-4e71-4a38-9c05-8b3e1a7d6f21/BIONi010-C-2.E001.10x.jpg",
                    "e1671797c52e15f763380b45e841ec32"),
                "10x", "Day 5 post-thaw")))
            .vials(vials("BIONi010-C-2", "E001", 12, "P001"))
            .build()))
        .build();
  }

  /**
   * Returns TESTi010-A, a sparse test line (unvalidated, no donor age, no karyotype, PluriTest or
   * publication, a characterisation whose values are all absent) with a non-integrating episomal
   * vector, two vector-free factors and the post-2020 batch {@code TESTi010-A_M001}.
   *
   * <p>The batch's vials are {@code TESTi010-A_M001_0001} to {@code _0010}, named
   * {@code "TESTi010-A M001 vial 0001"} and so on, each derived from {@code P001}.
   *
   * @return the line
   */
  public static CellLine testi010A() {
    Disease normal = new Disease(
        "http://purl.obolibrary.org/obo/PATO_0000461",
        "normal",
        List.of("Normalities", "Health", "Normalcy", "Normality"));
    Variant psd = new Variant(
        7201, "psd", "cytoband location: 3p21",
        "NM_005228.3:c.2312_2314delinsGCGTGGACAACG",
        "NP_005219.2:p.(Val689_Glu690delinsGlyValAspAsn)",
        "Homozygous", null, null, null, "26132555", "Test variant of a healthy donor");
    Donor donor = Donor.builder()
        .biosamplesId("SAMEA3105780")
        .gender("female")
        .internalDonorIds(List.of("TEST-D010"))
        .countryOfOrigin("United Kingdom")
        .ethnicity("Not reported")
        .diseases(List.of(
            new DonorDisease(normal, null, false, null, "False", null, null, List.of(psd))))
        .build();
    return CellLine.builder()
        .name("TESTi010-A")
        .biosamplesId(TESTI010A_BIOSAMPLES)
        .hpscregId("3501")
        .ecaccId("66770099")
        .validationStatus(ValidationStatus.UNVALIDATED)
        .availableForSale(false)
        .availableForSaleAtEcacc(false)
        .donor(donor)
        .depositor("EBiSC Test Institute")
        .owner("EBiSC Test Institute")
        .derivationCountry("United Kingdom")
        .hasDiseases(false)
        .hasGeneticModification(false)
        .publicNotes("Test line; not for distribution.")
        .derivation(Derivation.builder()
            .primaryCellTypeFreeText("peripheral blood mononuclear cells")
            .primaryCellDevelopmentalStage("")
            .tissueCollectionYear("2019")
            .reprogrammingPassageNumber("0")
            .xenoFreeConditions(false)
            .derivedUnderGmp(false)
            .availableAsClinicalGrade(false)
            .build())
        .reprogrammingVector(new NonIntegratingVector(
            "Episomal", List.of("KLF4", "L-Myc", "POU5F1", "SOX2", "sh-p53"),
            YesNoUnknown.UNKNOWN, List.of("PCR"),
            "Episomal plasmid not detected at passage 10."))
        .vectorFreeFactors(List.of(
            new VectorFreeFactor("Small molecules",
                List.of("CHIR99021", "PD0325901", "A-83-01", "HA-100")),
            new VectorFreeFactor("miRNA", List.of())))
        .cultureConditions(CultureConditions.builder()
            .passageMethod("enzymatically")
            .enzymatically("Other")
            .co2Concentration(5)
            .cultureMedium("Essential 8")
            .rockInhibitorUsedAtPassage(YesNoUnknown.UNKNOWN)
            .rockInhibitorUsedAtCryo(YesNoUnknown.UNKNOWN)
            .rockInhibitorUsedAtThaw(YesNoUnknown.UNKNOWN)
            .build())
        .characterisation(new Characterisation(null, null, null, null, null, null, null, null))
        .informationPacks(List.of(new InformationPack(
            "v1",
            new MediaFile(
                "celllines/2020/02/20/5d3c8a7e-1b2f-4e96-8c40-a7f9e2b6d135/TESTi010-A.CLIP.v1.pdf",
                "3f6b1a9d0c2e48d7b5a1e9c04f7d2b68"),
            paris("2020-02-20T09:00:00.000001"))))
        .statusLog(List.of(
            new StatusEntry(CellLineStatus.EXPAND_TO_ORDER, null, null,
                paris("2020-02-24T17:45:12.250000")),
            new StatusEntry(CellLineStatus.NOT_AVAILABLE, "Initial value at first import", null,
                paris("2020-02-18T03:10:55.123456"))))
        .batches(List.of(Batch.builder()
            .biosamplesId("TESTi010-A_M001")
            .batchId("M001")
            .type(BatchType.CENTRAL_FACILITY)
            .vialsAtCentralFacility(10)
            .vialsShippedToEcacc(0)
            .vialsShippedToFraunhofer(0)
            .certificateOfAnalysis(new MediaFile(
                "celllines/2020/02/21/9a0b7c6d-2e4f-4a18-b3c5-6d7e8f9a0b1c/TESTi010-A.M001.CoA.pdf",
                "9e107d9d372bb6826bd81d3542a419d6"))
            .cultureConditions(new BatchCultureConditions(
                "Essential 8", "EDTA", "Vitronectin", "21%", "5%", "37C"))
            .images(List.of(new BatchImage(
                new MediaFile(
                    "celllines/2020/02/21/1f2e3d4c-5b6a-4798-8a9b-0c1d2e3f4a5b/TESTi010-A.M001.4x.jpg",
                    "e4d909c290d0fb1ca068ffaddf22cbd0"),
                "4x", "Day 4 post-thaw")))
            .vials(vials("TESTi010-A", "M001", 10, "P001"))
            .build()))
        .build();
  }

  private static Donor bioneerDonor() {
    Disease normal = new Disease(
        "http://purl.obolibrary.org/obo/PATO_0000461",
        "normal",
        List.of("Normalities", "Health", "Normalcy", "Normality"));
    Variant apoe = new Variant(
        7101, "ApoE", "19q13.32",
        "NM_001302691: rs429358 (T/C), rs7412 (C/C)",
        "NP_001289620.1 (ApoE3/E4)",
        "Heterozygous", null, "rs429358", null, null,
        "APOE3/E4 carrier; no neurological symptoms at donation");
    return Donor.builder()
        .biosamplesId("SAMEA104493100")
        .gender("male")
        .internalDonorIds(List.of("BIO-D010"))
        .countryOfOrigin("Denmark")
        .ethnicity("Caucasian")
        .familyHistory("Mother diagnosed with late-onset Alzheimer's disease")
        .medicalHistory("No chronic illness reported")
        .clinicalInformation("Healthy volunteer")
        .karyotype("46XY")
        .karyotypeMethod("Molecular karyotyping (SNP array)")
        .diseases(List.of(
            new DonorDisease(normal, null, false, null, "False", null, null, List.of(apoe))))
        .genomeAnalyses(List.of(new GenomeAnalysis(
            "SNP array", "https://ega-archive.org/studies/EGAS00001009997")))
        .build();
  }

  private static Derivation bioneerDerivation() {
    return Derivation.builder()
        .primaryCellType("fibroblast of dermis")
        .primaryCellDevelopmentalStage("")
        .tissueProcurementLocation("Denmark")
        .tissueCollectionYear("2015")
        .reprogrammingPassageNumber("3")
        .selectionCriteriaForClones(
            "Single-cell cloning after editing; Sanger sequencing of the APOE locus")
        .xenoFreeConditions(true)
        .derivedUnderGmp(false)
        .availableAsClinicalGrade(false)
        .build();
  }

  private static IntegratingVector bioneerVector() {
    return new IntegratingVector(
        "Transposon", null, "Sleeping beauty", true, true,
        List.of("POU5F1", "SOX2", "KLF4", "LIN28A", "NANOG"),
        YesNoUnknown.YES, List.of("PCR"),
        "Transposon excised; absence confirmed by PCR on genomic DNA.");
  }

  private static CultureConditions bioneerCulture() {
    return CultureConditions.builder()
        .surfaceCoating("Laminin-521")
        .passageMethod("enzyme_free")
        .enzymeFree("ReLeSR")
        .o2Concentration(21)
        .co2Concentration(5)
        .cultureMedium("mTeSR 1")
        .passageNumberBanked("18")
        .numberOfVialsBanked("30")
        .passageHistory(true)
        .cultureHistory(false)
        .rockInhibitorUsedAtPassage(YesNoUnknown.NO)
        .rockInhibitorUsedAtCryo(YesNoUnknown.YES)
        .rockInhibitorUsedAtThaw(YesNoUnknown.YES)
        .supplements(List.of(new MediumSupplement("Penicillin-Streptomycin", "1", "percent")))
        .build();
  }

  /**
   * The 50 vials of UKBi008-A P001. The source gives the legacy ids of the first and the last vial
   * only; the others are filled from the neighbouring accessions, skipping the line's and the
   * donor's ids.
   */
  private static List<Vial> ukbi008AVials() {
    List<Vial> vials = new ArrayList<>(50);
    for (int n = 1; n <= 50; n++) {
      long accession;
      if (n == 1) {
        accession = 2590959L;
      } else if (n == 50) {
        accession = 2590893L;
      } else if (n <= 26) {
        accession = 2590958L + n; // 2590960 .. 2590984
      } else {
        accession = 2590867L + n; // 2590894 .. 2590916
      }
      String number = pad4(n);
      vials.add(new Vial("SAMEA" + accession, "LB-34-1 P001 vial " + number, number, null));
    }
    return List.copyOf(vials);
  }

  private static List<Vial> vials(String line, String batchId, int count, String derivedFrom) {
    List<Vial> vials = new ArrayList<>(count);
    for (int n = 1; n <= count; n++) {
      String number = pad4(n);
      vials.add(new Vial(
          line + "_" + batchId + "_" + number, line + " " + batchId + " vial " + number,
          number, derivedFrom));
    }
    return List.copyOf(vials);
  }

  private static String pad4(int n) {
    String s = Integer.toString(n);
    return "0000".substring(s.length()) + s;
  }

  private static Instant paris(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(PARIS).toInstant();
  }
}

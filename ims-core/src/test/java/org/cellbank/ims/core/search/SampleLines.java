package org.cellbank.ims.core.search;

import java.time.Instant;
import java.util.List;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.CellLineDisease;
import org.cellbank.ims.core.model.CellLineStatus;
import org.cellbank.ims.core.model.Derivation;
import org.cellbank.ims.core.model.Disease;
import org.cellbank.ims.core.model.Donor;
import org.cellbank.ims.core.model.DonorDisease;
import org.cellbank.ims.core.model.GeneticModification;
import org.cellbank.ims.core.model.IntegratingVector;
import org.cellbank.ims.core.model.ModificationKind;
import org.cellbank.ims.core.model.NonIntegratingVector;
import org.cellbank.ims.core.model.StatusEntry;
import org.cellbank.ims.core.model.ValidationStatus;
import org.cellbank.ims.core.model.Variant;
import org.cellbank.ims.core.model.VectorFreeFactor;
import org.cellbank.ims.core.model.YesNoUnknown;

/** Realistic cell lines for search tests, after the EBiSC sample records. */
public final class SampleLines {

  private SampleLines() {}

  /** Machado-Joseph disease, as in the ontology. */
  public static final Disease MJD = new Disease("http://purl.obolibrary.org/obo/DOID_1440", "Machado-Joseph disease",
      List.of("Azorean disease (disorder)", "MJD", "spinocerebellar ataxia type 3"));
  /** Alzheimer's disease. */
  public static final Disease ALZHEIMERS = new Disease("http://www.ebi.ac.uk/efo/EFO_0000249", "Alzheimers disease", List.of());
  /** Parkinson's disease. */
  public static final Disease PARKINSONS = new Disease("http://www.ebi.ac.uk/efo/EFO_0002508", "Parkinson's disease", List.of());
  /** The "normal" term. */
  public static final Disease NORMAL = new Disease("http://purl.obolibrary.org/obo/PATO_0000461", "normal",
      List.of("Normalities", "Health", "Normalcy", "Normality"));

  /** A status log with one entry. */
  public static List<StatusEntry> status(CellLineStatus status) {
    String comment = status == CellLineStatus.WITHDRAWN || status == CellLineStatus.RECALLED ? "depositor request" : "";
    return List.of(new StatusEntry(status, comment, "executive", Instant.parse("2016-10-20T11:51:00Z")));
  }

  /** UKBi008-A: a Machado-Joseph disease line from Bonn, retrovirus-reprogrammed, stocked by ECACC. */
  public static CellLine ukbi008a() {
    Donor donor = Donor.builder()
        .biosamplesId("SAMEA2590985")
        .gender("male")
        .internalDonorIds(List.of("G1882", "RCFB53"))
        .diseases(List.of(new DonorDisease(MJD, null, true, null, "True", null, null, List.of())))
        .build();
    return CellLine.builder()
        .name("UKBi008-A")
        .biosamplesId("SAMEA2590882")
        .alternativeNames(List.of("LB-34-1", "iLB-MJD4-34m-r1"))
        .ecaccId("66540003")
        .validationStatus(ValidationStatus.VALIDATED_VISIBLE)
        .availableForSale(true)
        .availableForSaleAtEcacc(true)
        .donor(donor)
        .donorAge("35-39")
        .depositor("Universitatsklinikum Bonn")
        .hasDiseases(true)
        .derivation(Derivation.builder().primaryCellType("fibroblast of dermis").build())
        .reprogrammingVector(new IntegratingVector("Virus", "Retrovirus", null, false, false,
            List.of("KLF4", "MYC", "POU5F1", "SOX2"), YesNoUnknown.UNKNOWN, List.of(), null))
        .statusLog(status(CellLineStatus.AT_ECACC))
        .build();
  }

  /** BIONi010-C-2: a gene-edited Alzheimer's line (ApoE variant), episomal, expand to order. */
  public static CellLine bioni010c2() {
    GeneticModification apoe = GeneticModification.builder().kind(ModificationKind.VARIANT).modificationId(1)
        .gene("ApoE").chromosomeLocation("19q13.32")
        .nucleotideSequenceHgvs("NM_001302691: rs429358 (C/C), rs7412 (T/T)")
        .proteinSequenceHgvs("NP_001289620.1 (ApoE3/E3)").zygosityStatus("Heterozygous")
        .notes("ApoE3/E3 isogenic mutant of BIONi010-C (ApoE3/E4)").build();
    GeneticModification knockIn = GeneticModification.builder().kind(ModificationKind.GENE_KNOCK_IN).modificationId(2)
        .gene("plm").transgene("psd").deliveryMethod("TALEN").build();
    GeneticModification knockOut = GeneticModification.builder().kind(ModificationKind.GENE_KNOCK_OUT).modificationId(3)
        .gene("plm").deliveryMethod("Viral").virus("Retrovirus").build();
    Donor donor = Donor.builder().biosamplesId("SAMEA3105780").gender("female")
        .diseases(List.of(new DonorDisease(ALZHEIMERS, null, false, null, null, null, null, List.of()))).build();
    return CellLine.builder()
        .name("BIONi010-C-2")
        .biosamplesId("SAMEA103988285")
        .validationStatus(ValidationStatus.VALIDATED_VISIBLE)
        .availableForSaleAtEcacc(true)
        .donor(donor)
        .donorAge("65-69")
        .depositor("Bioneer A/S")
        .hasGeneticModification(true)
        .derivedFrom("SAMEA103988281")
        .diseases(List.of(new CellLineDisease(ALZHEIMERS, null, true, null, List.of(apoe, knockIn))))
        .nonDiseaseModifications(List.of(knockOut))
        .reprogrammingVector(new NonIntegratingVector("Episomal", List.of("KLF4", "L-Myc", "POU5F1", "SOX2", "sh-p53"),
            YesNoUnknown.UNKNOWN, List.of(), null))
        .statusLog(status(CellLineStatus.EXPAND_TO_ORDER))
        .build();
  }

  /** A healthy-donor control with a donor variant, a Sleeping Beauty transposon and an mRNA factor. */
  public static CellLine normalControl() {
    Variant variant = new Variant(7, "psd", "cytoband location: 3p21", "NM_005228.3:c.2312_2314delinsGCGTGGACAACG",
        "NP_005219.2:p.(Val689_Glu690delinsGlyValAspAsn)", "Homozygous", null, null, null, "26132555", null);
    Donor donor = Donor.builder().biosamplesId("SAMEA3105781")
        .diseases(List.of(new DonorDisease(NORMAL, null, false, null, null, null, null, List.of(variant)))).build();
    return CellLine.builder()
        .name("WTSIi002-A")
        .biosamplesId("SAMEA2398402")
        .validationStatus(ValidationStatus.VALIDATED_VISIBLE)
        .availableForSaleAtEcacc(true)
        .donor(donor)
        .donorAge("40-44")
        .depositor("Wellcome Trust Sanger Institute")
        .reprogrammingVector(new IntegratingVector("Transposon", null, "Sleeping beauty", true, null, List.of(),
            YesNoUnknown.UNKNOWN, List.of(), null))
        .vectorFreeFactors(List.of(new VectorFreeFactor("mRNA", List.of("OCT4"))))
        .build();
  }
}

package org.cellbank.ims.core.site;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cellbank.ims.core.model.Batch;
import org.cellbank.ims.core.model.BatchCultureConditions;
import org.cellbank.ims.core.model.BatchImage;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.CellLineDisease;
import org.cellbank.ims.core.model.CellLineStatus;
import org.cellbank.ims.core.model.Characterisation;
import org.cellbank.ims.core.model.Coded;
import org.cellbank.ims.core.model.CultureConditions;
import org.cellbank.ims.core.model.Derivation;
import org.cellbank.ims.core.model.DiseaseMention;
import org.cellbank.ims.core.model.Donor;
import org.cellbank.ims.core.model.DonorDisease;
import org.cellbank.ims.core.model.GeneticModification;
import org.cellbank.ims.core.model.GenomeAnalysis;
import org.cellbank.ims.core.model.InformationPack;
import org.cellbank.ims.core.model.IntegratingVector;
import org.cellbank.ims.core.model.MediumSupplement;
import org.cellbank.ims.core.model.NonIntegratingVector;
import org.cellbank.ims.core.model.Pluritest;
import org.cellbank.ims.core.model.Publication;
import org.cellbank.ims.core.model.ReprogrammingVector;
import org.cellbank.ims.core.model.Variant;
import org.cellbank.ims.core.model.VectorFreeFactor;
import org.cellbank.ims.http.UrlEncoding;

/**
 * What a cell line's page shows, as the template's scope: sections of titled groups of
 * label/value rows, the latest batch's images and the buy box. Empty values are left out, so a
 * sparse line gives a short page rather than a page of blanks.
 */
final class LinePageModel {
  static final String ECACC_URL = "https://www.culturecollections.org.uk/products/celllines/ipsc/detail.jsp?refId=";
  static final String BIOSAMPLES_URL = "https://www.ebi.ac.uk/biosamples/samples/";
  static final String HPSCREG_URL = "https://hpscreg.eu/cell-line/";

  private final Catalogue catalogue;
  private final CellLine line;
  private final String mediaBaseUrl;
  private final List<String> mediaKeys = new ArrayList<>();

  LinePageModel(Catalogue catalogue, CellLine line, String mediaBaseUrl) {
    this.catalogue = catalogue;
    this.line = line;
    this.mediaBaseUrl = mediaBaseUrl;
  }

  /** The scope of the status page of a line that exists but is not in the catalogue. */
  static Map<String, Object> statusScope(CellLine line) {
    Map<String, Object> scope = new HashMap<>();
    scope.put("name", line.name());
    CellLineStatus status = line.currentStatus().orElse(null);
    scope.put("statusText", status == null || status == CellLineStatus.AT_ECACC
        || status == CellLineStatus.EXPAND_TO_ORDER || status == CellLineStatus.RESTRICTED_DISTRIBUTION
        ? "Not currently listed by ECACC" : status.displayName());
    return scope;
  }

  Map<String, Object> scope() {
    Map<String, Object> scope = new HashMap<>();
    scope.put("name", line.name());
    scope.put("description", summary());
    scope.put("notes", blank(line.publicNotes()) ? null : line.publicNotes());
    List<Map<String, Object>> sections = new ArrayList<>();
    sections.add(section("donor", "Donor", donorGroups()));
    sections.add(section("general", "General", List.of(group(null, generalRows()))));
    sections.add(section("related", "Related lines", related()));
    sections.add(section("derivation", "Derivation", derivationGroups()));
    sections.add(section("culture", "Culture conditions", cultureGroups()));
    sections.add(section("characterisation", "Characterisation", characterisationGroups()));
    sections.add(section("genotyping", "Genotyping", genotypingGroups()));
    sections.add(section("modification", "Genetic modification", modificationGroups()));
    scope.put("sections", sections);
    List<Map<String, Object>> images = images();
    scope.put("images", images);
    scope.put("hasImages", !images.isEmpty());
    scope.put("buy", buyBox());
    return scope;
  }

  private String summary() {
    StringBuilder s = new StringBuilder(line.name()).append(": human pluripotent stem cell line");
    Donor donor = line.donor();
    if (donor != null && !blank(donor.gender())) {
      s.append(" from a ").append(donor.gender()).append(" donor");
      if (!blank(line.donorAge())) {
        s.append(" aged ").append(line.donorAge());
      }
    }
    line.primaryDisease().ifPresent(d -> s.append(", ").append(d.name()));
    if (!blank(line.depositor())) {
      s.append(", deposited by ").append(line.depositor());
    }
    return s.append('.').toString();
  }

  private List<Map<String, Object>> donorGroups() {
    List<Map<String, Object>> groups = new ArrayList<>();
    Donor donor = line.donor();
    List<Map<String, Object>> rows = new ArrayList<>();
    if (donor != null) {
      row(rows, "Sex", donor.gender());
    }
    row(rows, "Age", line.donorAge());
    if (donor != null) {
      row(rows, "Ethnicity", donor.ethnicity());
      row(rows, "Karyotype", donor.karyotype());
      row(rows, "Family history", donor.familyHistory());
      row(rows, "Medical history", donor.medicalHistory());
      row(rows, "Clinical information", donor.clinicalInformation());
    }
    row(rows, "Disease-associated phenotypes", String.join(", ", line.diseaseAssociatedPhenotypes()));
    row(rows, "Other phenotypes", String.join(", ", line.nonDiseaseAssociatedPhenotypes()));
    groups.add(group(null, rows));
    if (donor != null) {
      for (DonorDisease d : donor.diseases()) {
        List<Map<String, Object>> disease = new ArrayList<>();
        row(disease, "Affected", yesNo(d.affectedStatus()));
        row(disease, "Carrier", yesNo(d.carrier()));
        row(disease, "Stage", d.stage());
        row(disease, "Notes", d.notes());
        for (Variant v : d.variants()) {
          row(disease, "Variant", variant(v));
        }
        String name = diseaseName(d.disease() == null ? null : d.disease().name(), d.freeTextName());
        groups.add(group("Disease status: " + name + (d.primary() ? " (primary)" : ""), disease));
      }
    }
    return groups;
  }

  private List<Map<String, Object>> generalRows() {
    List<Map<String, Object>> rows = new ArrayList<>();
    row(rows, "Depositor", line.depositor());
    row(rows, "Name", line.name());
    row(rows, "Alternative names", String.join(", ", line.alternativeNames()));
    link(rows, "BioSamples", line.biosamplesId(), BIOSAMPLES_URL + UrlEncoding.encodePathSegment(line.biosamplesId()));
    link(rows, "hPSCreg", line.name(), HPSCREG_URL + UrlEncoding.encodePathSegment(line.name()));
    row(rows, "Derivation country", line.derivationCountry());
    line.primaryDisease().ifPresent(d -> row(rows, "Primary disease", d.name()));
    for (Publication p : line.publications()) {
      String text = blank(p.title()) ? p.referenceType() + " " + p.referenceId() : p.title();
      if (!blank(p.referenceUrl()) && safeUrl(p.referenceUrl())) {
        link(rows, "Publication", text, p.referenceUrl());
      } else {
        row(rows, "Publication", text);
      }
    }
    return rows;
  }

  private List<Map<String, Object>> related() {
    List<Map<String, Object>> rows = new ArrayList<>();
    CellLine parent = catalogue.parent(line);
    if (parent != null) {
      lines(rows, "Derived from", List.of(parent));
    }
    lines(rows, "Subclones", catalogue.subclones(line));
    lines(rows, "Other subclones of the parent line", catalogue.siblings(line));
    lines(rows, "Lines from the same donor", catalogue.sameDonor(line));
    return rows.isEmpty() ? List.of() : List.of(group(null, rows));
  }

  private List<Map<String, Object>> derivationGroups() {
    List<Map<String, Object>> groups = new ArrayList<>();
    Derivation d = line.derivation();
    if (d != null) {
      List<Map<String, Object>> rows = new ArrayList<>();
      row(rows, "Primary cell type", first(d.primaryCellType(), d.primaryCellTypeFreeText()));
      row(rows, "Primary cell line", d.primaryCellLine());
      row(rows, "Primary cell line vendor", d.primaryCellLineVendor());
      row(rows, "Developmental stage", d.primaryCellDevelopmentalStage());
      row(rows, "Tissue procurement location", d.tissueProcurementLocation());
      row(rows, "Tissue collection", d.tissueCollectionDate() != null ? d.tissueCollectionDate().toString()
          : d.tissueCollectionYear());
      row(rows, "Passage number at reprogramming", d.reprogrammingPassageNumber());
      row(rows, "Selection criteria for clones", d.selectionCriteriaForClones());
      // Read from the derivation itself: the reference looked these up on a wrong relation.
      row(rows, "Xeno-free conditions", yesNo(d.xenoFreeConditions()));
      row(rows, "Derived under GMP", yesNo(d.derivedUnderGmp()));
      row(rows, "Available as clinical grade", yesNo(d.availableAsClinicalGrade()));
      groups.add(group(null, rows));
    }
    ReprogrammingVector vector = line.reprogrammingVector();
    List<Map<String, Object>> rows = new ArrayList<>();
    if (vector instanceof IntegratingVector v) {
      row(rows, "Vector type", "Integrating");
      row(rows, "Vector", v.vector());
      row(rows, "Virus", v.virus());
      row(rows, "Transposon", v.transposon());
      row(rows, "Genes", String.join(", ", v.genes()));
      row(rows, "Excisable", yesNo(v.excisable()));
      row(rows, "Absence of reprogramming vectors", yesNo(v.absenceOfReprogrammingVectors()));
      row(rows, "Silenced", coded(v.silenced()));
      row(rows, "Silencing methods", String.join(", ", v.methods()));
      row(rows, "Silencing notes", v.silencingNotes());
    } else if (vector instanceof NonIntegratingVector v) {
      row(rows, "Vector type", "Non-integrating");
      row(rows, "Vector", v.vector());
      row(rows, "Genes", String.join(", ", v.genes()));
      row(rows, "Detectable", coded(v.detectable()));
      row(rows, "Detection methods", String.join(", ", v.methods()));
      row(rows, "Detection notes", v.detectionNotes());
    }
    for (VectorFreeFactor f : line.vectorFreeFactors()) {
      row(rows, "Vector-free factor", f.molecules().isEmpty() ? f.factor()
          : f.factor() + " (" + String.join(", ", f.molecules()) + ")");
    }
    if (!rows.isEmpty()) {
      groups.add(group("Reprogramming", rows));
    }
    return groups;
  }

  private List<Map<String, Object>> cultureGroups() {
    Batch latest = latestBatch();
    if (latest != null && latest.cultureConditions() != null) {
      BatchCultureConditions c = latest.cultureConditions();
      List<Map<String, Object>> rows = new ArrayList<>();
      row(rows, "Culture medium", c.cultureMedium());
      row(rows, "Passage method", c.passageMethod());
      row(rows, "Matrix", c.matrix());
      row(rows, "O2 concentration", c.o2Concentration());
      row(rows, "CO2 concentration", c.co2Concentration());
      row(rows, "Temperature", c.temperature());
      if (!rows.isEmpty()) {
        return List.of(group("Batch " + latest.batchId() + " (the latest)", rows));
      }
    }
    CultureConditions c = line.cultureConditions();
    if (c == null) {
      return List.of();
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    row(rows, "Surface coating", c.surfaceCoating());
    row(rows, "Feeder cells", c.feederCellType());
    row(rows, "Feeder cell id", c.feederCellId());
    row(rows, "Passage method", c.passageMethod());
    row(rows, "Enzymatic", c.enzymatically());
    row(rows, "Enzyme-free", c.enzymeFree());
    row(rows, "O2 concentration", c.o2Concentration() == null ? null : c.o2Concentration() + "%");
    row(rows, "CO2 concentration", c.co2Concentration() == null ? null : c.co2Concentration() + "%");
    row(rows, "Other culture environment", c.otherCultureEnvironment());
    if (c.otherMedium() != null) {
      row(rows, "Culture medium", c.otherMedium().base());
      row(rows, "Protein source", c.otherMedium().proteinSource());
      row(rows, "Serum concentration", c.otherMedium().serumConcentration() == null ? null
          : c.otherMedium().serumConcentration() + "%");
    } else {
      row(rows, "Culture medium", c.cultureMedium());
    }
    for (MediumSupplement s : c.supplements()) {
      row(rows, "Supplement", s.supplement() + (blank(s.amount()) ? "" : " " + s.amount()
          + (blank(s.unit()) ? "" : " " + s.unit())));
    }
    row(rows, "Passage number banked", c.passageNumberBanked());
    row(rows, "Vials banked", c.numberOfVialsBanked());
    row(rows, "ROCK inhibitor at passage", coded(c.rockInhibitorUsedAtPassage()));
    row(rows, "ROCK inhibitor at cryopreservation", coded(c.rockInhibitorUsedAtCryo()));
    row(rows, "ROCK inhibitor at thaw", coded(c.rockInhibitorUsedAtThaw()));
    return List.of(group("The depositor's conditions", rows));
  }

  private List<Map<String, Object>> characterisationGroups() {
    List<Map<String, Object>> groups = new ArrayList<>();
    Characterisation c = line.characterisation();
    if (c != null) {
      List<Map<String, Object>> rows = new ArrayList<>();
      row(rows, "Certificate of analysis", yesNo(c.certificateOfAnalysisFlag()));
      row(rows, "Passage number of the certificate", c.certificateOfAnalysisPassageNumber());
      row(rows, "Virology screening", yesNo(c.virologyScreeningFlag()));
      row(rows, "HIV 1", coded(c.hiv1()));
      row(rows, "HIV 2", coded(c.hiv2()));
      row(rows, "Hepatitis B", coded(c.hepatitisB()));
      row(rows, "Hepatitis C", coded(c.hepatitisC()));
      row(rows, "Mycoplasma", coded(c.mycoplasma()));
      groups.add(group(null, rows));
    }
    Pluritest p = line.pluritest();
    if (p != null) {
      List<Map<String, Object>> rows = new ArrayList<>();
      row(rows, "PluriTest done", yesNo(p.pluritestFlag()));
      row(rows, "Pluripotency score", p.pluripotencyScore());
      row(rows, "Novelty score", p.noveltyScore());
      if (!blank(p.microarrayUrl()) && safeUrl(p.microarrayUrl())) {
        link(rows, "Microarray data", p.microarrayUrl(), p.microarrayUrl());
      }
      groups.add(group("PluriTest", rows));
    }
    if (atEcacc()) {
      groups.add(note("Sterility", "ECACC tests every batch it distributes for sterility and mycoplasma."));
    }
    return groups;
  }

  private List<Map<String, Object>> genotypingGroups() {
    List<Map<String, Object>> groups = new ArrayList<>();
    List<Map<String, Object>> rows = new ArrayList<>();
    if (line.karyotype() != null) {
      row(rows, "Karyotype", line.karyotype().karyotype());
      row(rows, "Karyotyping method", line.karyotype().method());
      row(rows, "Passage number", line.karyotype().passageNumber());
    }
    if (line.diseaseGenotype() != null) {
      row(rows, "Carries disease-associated variants",
          yesNo(line.diseaseGenotype().carriesDiseasePhenotypeAssociatedVariants()));
      row(rows, "Variant of interest", yesNo(line.diseaseGenotype().variantOfInterest()));
    }
    analyses(rows, "Genome-wide analysis of the line", line.genomeAnalyses());
    if (line.donor() != null) {
      analyses(rows, "Genome-wide analysis of the donor", line.donor().genomeAnalyses());
    }
    groups.add(group(null, rows));
    if (atEcacc()) {
      groups.add(note("STR profile", "ECACC confirms each batch's identity by STR profiling."));
    }
    return groups;
  }

  private List<Map<String, Object>> modificationGroups() {
    List<Map<String, Object>> groups = new ArrayList<>();
    for (CellLineDisease d : line.diseases()) {
      List<Map<String, Object>> rows = new ArrayList<>();
      row(rows, "Notes", d.notes());
      for (GeneticModification m : d.modifications()) {
        row(rows, m.kind().displayName(), modification(m));
      }
      groups.add(group(diseaseName(d.disease() == null ? null : d.disease().name(), d.freeTextName()), rows));
    }
    if (!line.nonDiseaseModifications().isEmpty()) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (GeneticModification m : line.nonDiseaseModifications()) {
        row(rows, m.kind().displayName(), modification(m));
      }
      groups.add(group("Not linked to a disease", rows));
    }
    if (groups.isEmpty()) {
      groups.add(note(null, Boolean.FALSE.equals(line.hasGeneticModification())
          ? "The line is not genetically modified." : "No genetic modification recorded."));
    }
    return groups;
  }

  private List<Map<String, Object>> images() {
    Batch latest = latestBatch();
    List<Map<String, Object>> out = new ArrayList<>();
    if (latest == null) {
      return out;
    }
    for (BatchImage image : latest.images()) {
      StringBuilder caption = new StringBuilder("Batch ").append(latest.batchId());
      if (!blank(image.magnification())) {
        caption.append(", ").append(image.magnification());
      }
      if (!blank(image.timePoint())) {
        caption.append(", ").append(image.timePoint());
      }
      Map<String, Object> m = new HashMap<>();
      m.put("src", media(image.file().key()));
      m.put("alt", line.name() + " cells in culture, " + caption);
      m.put("caption", caption.toString());
      out.add(m);
    }
    return out;
  }

  private Map<String, Object> buyBox() {
    Map<String, Object> buy = new HashMap<>();
    CellLineStatus status = line.currentStatus().orElse(null);
    buy.put("stock", status == null ? "Available from ECACC" : switch (status) {
      case AT_ECACC -> "In stock at ECACC";
      case EXPAND_TO_ORDER -> "Expanded to order: ask ECACC for the lead time";
      case RESTRICTED_DISTRIBUTION -> "Restricted distribution: ask ECACC about the conditions";
      default -> status.displayName();
    });
    if (!blank(line.ecaccId())) {
      buy.put("ecaccUrl", ECACC_URL + UrlEncoding.encodeQueryComponent(line.ecaccId()) + "&collection=ecacc_ipsc");
      buy.put("ecaccId", line.ecaccId());
    }
    if (!line.informationPacks().isEmpty()) {
      InformationPack clip = line.informationPacks().get(0);
      Map<String, Object> c = new HashMap<>();
      c.put("href", media(clip.file().key()));
      c.put("version", clip.version());
      buy.put("clip", c);
    }
    return buy;
  }

  private boolean atEcacc() {
    return line.currentStatus().orElse(null) == CellLineStatus.AT_ECACC;
  }

  private Batch latestBatch() {
    return line.batches().isEmpty() ? null : line.batches().get(line.batches().size() - 1);
  }

  /** The media keys the page links to (its images and CLIP), once {@link #scope()} has run. */
  List<String> mediaKeys() {
    return mediaKeys;
  }

  private String media(String key) {
    mediaKeys.add(key);
    return mediaBaseUrl + UrlEncoding.encodePath(key);
  }

  private void lines(List<Map<String, Object>> rows, String label, List<CellLine> related) {
    if (related.isEmpty()) {
      return;
    }
    List<Map<String, Object>> items = new ArrayList<>();
    for (CellLine other : related) {
      String text = other.name();
      DiseaseMention disease = other.primaryDisease().orElse(null);
      if (disease != null) {
        text = text + " (" + disease.name() + ")";
      }
      // Lines that are not in the catalogue are named without a link, as the reference does.
      items.add(item(text, other.visibleInCatalogue() ? "/" + UrlEncoding.encodePathSegment(other.name()) + "/" : null));
    }
    Map<String, Object> row = new HashMap<>();
    row.put("label", label);
    row.put("items", items);
    rows.add(row);
  }

  private static void analyses(List<Map<String, Object>> rows, String label, List<GenomeAnalysis> analyses) {
    for (GenomeAnalysis a : analyses) {
      String text = blank(a.analysisMethod()) ? "Analysis" : a.analysisMethod();
      if (!blank(a.link()) && safeUrl(a.link())) {
        link(rows, label, text, a.link());
      } else {
        row(rows, label, text);
      }
    }
  }

  private static String variant(Variant v) {
    List<String> parts = new ArrayList<>();
    add(parts, v.gene());
    add(parts, v.chromosomeLocation());
    add(parts, v.nucleotideSequenceHgvs());
    add(parts, v.proteinSequenceHgvs());
    add(parts, v.zygosityStatus());
    add(parts, v.clinvarId() == null ? null : "ClinVar " + v.clinvarId());
    add(parts, v.dbsnpId() == null ? null : "dbSNP " + v.dbsnpId());
    add(parts, v.dbvarId() == null ? null : "dbVar " + v.dbvarId());
    add(parts, v.publicationPmid() == null ? null : "PMID " + v.publicationPmid());
    add(parts, v.notes());
    return String.join("; ", parts);
  }

  private static String modification(GeneticModification m) {
    List<String> parts = new ArrayList<>();
    add(parts, m.gene());
    add(parts, m.transgene());
    add(parts, m.chromosomeLocation());
    add(parts, m.chromosomeLocationTransgene());
    add(parts, m.nucleotideSequenceHgvs());
    add(parts, m.proteinSequenceHgvs());
    add(parts, m.zygosityStatus());
    add(parts, m.modificationType());
    add(parts, m.deliveryMethod());
    add(parts, m.virus());
    add(parts, m.transposon());
    add(parts, m.clinvarId() == null ? null : "ClinVar " + m.clinvarId());
    add(parts, m.dbsnpId() == null ? null : "dbSNP " + m.dbsnpId());
    add(parts, m.publicationPmid() == null ? null : "PMID " + m.publicationPmid());
    add(parts, m.notes());
    return parts.isEmpty() ? "Recorded without details" : String.join("; ", parts);
  }

  private static Map<String, Object> section(String id, String title, List<Map<String, Object>> groups) {
    List<Map<String, Object>> kept = new ArrayList<>();
    for (Map<String, Object> g : groups) {
      if (!((List<?>) g.get("rows")).isEmpty() || g.get("text") != null) {
        kept.add(g);
      }
    }
    Map<String, Object> s = new HashMap<>();
    s.put("id", id);
    s.put("title", title);
    s.put("groups", kept);
    s.put("empty", kept.isEmpty());
    return s;
  }

  private static Map<String, Object> group(String heading, List<Map<String, Object>> rows) {
    Map<String, Object> g = new HashMap<>();
    g.put("heading", heading);
    g.put("rows", rows);
    g.put("hasRows", !rows.isEmpty());
    return g;
  }

  private static Map<String, Object> note(String heading, String text) {
    Map<String, Object> g = group(heading, List.of());
    g.put("text", text);
    return g;
  }

  private static void row(List<Map<String, Object>> rows, String label, String value) {
    if (!blank(value)) {
      Map<String, Object> row = new HashMap<>();
      row.put("label", label);
      row.put("items", List.of(item(value, null)));
      rows.add(row);
    }
  }

  private static void link(List<Map<String, Object>> rows, String label, String text, String href) {
    if (!blank(text)) {
      Map<String, Object> row = new HashMap<>();
      row.put("label", label);
      row.put("items", List.of(item(text, href)));
      rows.add(row);
    }
  }

  private static Map<String, Object> item(String text, String href) {
    Map<String, Object> m = new HashMap<>();
    m.put("text", text);
    m.put("href", href);
    return m;
  }

  private static void add(List<String> parts, String value) {
    if (!blank(value)) {
      parts.add(value);
    }
  }

  private static String diseaseName(String normalised, String freeText) {
    return !blank(normalised) ? normalised : !blank(freeText) ? freeText : "Unnamed disease";
  }

  private static String first(String a, String b) {
    return !blank(a) ? a : b;
  }

  private static String yesNo(Boolean value) {
    return value == null ? null : value ? "Yes" : "No";
  }

  // The registry sends "True"/"False" texts for affected and carrier status.
  private static String yesNo(String value) {
    if (value == null) {
      return null;
    }
    return value.equalsIgnoreCase("true") ? "Yes" : value.equalsIgnoreCase("false") ? "No" : value;
  }

  private static String coded(Coded value) {
    return value == null ? null : value.displayName();
  }

  // Only web links become href values: a javascript: or data: URL from the registry stays text.
  private static boolean safeUrl(String url) {
    return url.startsWith("https://") || url.startsWith("http://");
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}

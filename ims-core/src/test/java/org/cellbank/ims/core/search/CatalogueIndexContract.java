package org.cellbank.ims.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link CatalogueIndex} shares; each implementation's test extends it.
 */
public abstract class CatalogueIndexContract {

  /** A fresh, empty index (its own alias or instance). */
  protected abstract CatalogueIndex newIndex();

  protected CatalogueIndex index;
  protected List<CatalogueDocument> dataset;

  /** Forty generated documents plus the three sample lines. */
  public static List<CatalogueDocument> dataset() {
    List<CatalogueDocument> docs = new ArrayList<>();
    String[] sexes = {"male", "female", CatalogueDocument.SEX_NOT_KNOWN};
    String[] ages = {"20-24", "35-39", "60-64", null};
    List<List<String>> diseases = List.of(List.of("Parkinson's disease"), List.of("Alzheimers disease"),
        List.of("Parkinson's disease", "normal"), List.of(), List.of("normal"));
    List<List<String>> derivations = List.of(List.of("Sendai virus"), List.of("Episomal"), List.of("Retrovirus", "mRNA"));
    for (int i = 0; i < 40; i++) {
      docs.add(CatalogueDocument.builder()
          .biosamplesId(String.format("SAMEA9%06d", i))
          .name(String.format("GENi%03d-A", i))
          .depositor("Generated Institute")
          .donorSex(sexes[i % 3])
          .donorAge(ages[i % 4])
          .allDiseases(diseases.get(i % 5))
          .donorDisease(diseases.get(i % 5))
          .derivation(derivations.get((i / 2) % 3))
          .allDerivation(derivations.get((i / 2) % 3))
          .build());
    }
    docs.add(CatalogueDocument.of(SampleLines.ukbi008a()));
    docs.add(CatalogueDocument.of(SampleLines.bioni010c2()));
    docs.add(CatalogueDocument.of(SampleLines.normalControl()));
    return List.copyOf(docs);
  }

  @BeforeEach
  void loadDataset() {
    index = newIndex();
    dataset = dataset();
    index.rebuild(dataset.iterator(), n -> { });
  }

  private List<String> ids(String text) {
    return index.search(SearchQuery.builder().text(text).page(0, 100).build()).ids();
  }

  private long expected(Predicate<CatalogueDocument> p) {
    return dataset.stream().filter(p).count();
  }

  @Test
  void text_findsUkbi008aByNamePrefix_punctuationFreeName_alternativeName_disease_andDerivation() {
    for (String q : List.of("ukbi008", "UKBi008-A", "ukbi008a", "UKBI", "machado", "LB-34-1",
        "retrovirus", "azorean", "bonn", "SAMEA2590882", "fibroblast")) {
      assertThat(ids(q)).as(q).contains("SAMEA2590882");
    }
    assertThat(ids("ukbi008")).containsExactly("SAMEA2590882");
  }

  @Test
  void text_everyWordMustMatch() {
    assertThat(ids("machado bonn")).containsExactly("SAMEA2590882");
    assertThat(ids("machado bioneer")).isEmpty();
    assertThat(ids("apoe bioneer")).containsExactly("SAMEA103988285");
    assertThat(ids("zzzz")).isEmpty();
  }

  @Test
  void emptyText_matchesEverything_withAnExactTotal() {
    SearchResult r = index.search(SearchQuery.builder().text("  -  ").page(0, 5).build());
    assertThat(r.total()).isEqualTo(dataset.size());
    assertThat(r.hits()).hasSize(5);
  }

  @Test
  void facetFilter_alone_keepsOnlyDocumentsWithTheValue() {
    SearchResult r = index.search(SearchQuery.builder().filter(Facet.DONOR_SEX, "male").page(0, 100).build());
    assertThat(r.total()).isEqualTo(expected(d -> d.donorSex().equals("male")));
    assertThat(r.hits()).allMatch(d -> d.donorSex().equals("male"));

    SearchResult disease = index.search(SearchQuery.builder().filter(Facet.DISEASE, "Parkinson's disease").page(0, 100).build());
    assertThat(disease.total()).isEqualTo(expected(d -> d.allDiseases().contains("Parkinson's disease")));
  }

  @Test
  void facetFilters_areOrWithinAFacet_andAndAcrossFacets() {
    SearchQuery q = SearchQuery.builder()
        .filter(Facet.DONOR_AGE, "20-24", "60-64")
        .filter(Facet.DERIVATION, "Episomal")
        .page(0, 100).build();
    SearchResult r = index.search(q);
    long want = expected(d -> ("20-24".equals(d.donorAge()) || "60-64".equals(d.donorAge()))
        && d.derivation().contains("Episomal"));
    assertThat(want).isPositive();
    assertThat(r.total()).isEqualTo(want);
  }

  @Test
  void facetCounts_areDisjunctive_eachFacetIgnoresOnlyItsOwnSelection() {
    SearchResult r = index.search(SearchQuery.builder()
        .filter(Facet.DONOR_SEX, "male").filter(Facet.DERIVATION, "Episomal").page(0, 0).build());
    Predicate<CatalogueDocument> episomal = d -> d.derivation().contains("Episomal");
    Predicate<CatalogueDocument> male = d -> d.donorSex().equals("male");
    Map<String, Long> sexCounts = counts(r.facet(Facet.DONOR_SEX));
    assertThat(sexCounts).containsEntry("male", expected(episomal.and(male)))
        .containsEntry("female", expected(episomal.and(d -> d.donorSex().equals("female"))));
    Map<String, Long> derivationCounts = counts(r.facet(Facet.DERIVATION));
    assertThat(derivationCounts).containsEntry("Episomal", expected(male.and(episomal)))
        .containsEntry("Sendai virus", expected(male.and(d -> d.derivation().contains("Sendai virus"))));
    Map<String, Long> ageCounts = counts(r.facet(Facet.DONOR_AGE));
    assertThat(ageCounts.values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(expected(male.and(episomal).and(d -> d.donorAge() != null)));
    assertThat(r.facet(Facet.DONOR_SEX)).extracting(FacetCount::value).isSorted();
  }

  @Test
  void facetCounts_followTheText() {
    SearchResult r = index.search(SearchQuery.builder().text("gen").page(0, 0).build());
    assertThat(counts(r.facet(Facet.DISEASE))).containsEntry("Parkinson's disease", 16L).containsEntry("normal", 16L)
        .doesNotContainKey("Machado-Joseph disease");
  }

  @Test
  void sort_byNameAscAndDesc_andByAgeWithMissingLast() {
    List<String> asc = index.search(SearchQuery.builder().sort(Sort.asc(SortField.NAME)).page(0, 100).build())
        .hits().stream().map(CatalogueDocument::name).toList();
    assertThat(asc).isSortedAccordingTo(Comparator.naturalOrder()).hasSize(dataset.size());
    List<String> desc = index.search(SearchQuery.builder().sort(Sort.desc(SortField.NAME)).page(0, 100).build())
        .hits().stream().map(CatalogueDocument::name).toList();
    assertThat(desc).isSortedAccordingTo(Comparator.reverseOrder());

    List<CatalogueDocument> byAge = index.search(SearchQuery.builder().sort(Sort.desc(SortField.DONOR_AGE)).page(0, 100).build()).hits();
    assertThat(byAge.get(0).donorAge()).isEqualTo("65-69");
    assertThat(byAge.get(byAge.size() - 1).donorAge()).isNull();
  }

  @Test
  void paging_coversEveryHitOnce_inSortOrder() {
    List<String> seen = new ArrayList<>();
    for (int from = 0; from < dataset.size(); from += 7) {
      seen.addAll(index.search(SearchQuery.builder().sort(Sort.asc(SortField.NAME)).page(from, 7).build())
          .hits().stream().map(CatalogueDocument::name).toList());
    }
    assertThat(seen).hasSize(dataset.size()).doesNotHaveDuplicates().isSortedAccordingTo(Comparator.naturalOrder());
  }

  @Test
  void upsertReplaces_deleteRemoves_andDeletingAnAbsentIdIsFine() {
    CatalogueDocument ukb = CatalogueDocument.of(SampleLines.ukbi008a());
    index.upsert(ukb.toBuilder().donorSex("female").build());
    index.delete("SAMEA103988285");
    index.delete("SAMEA-NEVER-THERE");
    index.refresh();
    assertThat(index.search(SearchQuery.builder().text("ukbi008").build()).hits()).singleElement()
        .extracting(CatalogueDocument::donorSex).isEqualTo("female");
    assertThat(ids("bioneer")).isEmpty();
  }

  @Test
  void apply_upsertsAndDeletesInOneBatch() {
    IndexUpdate u = index.apply(new IndexChanges(
        List.of(CatalogueDocument.builder().biosamplesId("SAMEA-NEW").name("NEWi001-A").depositor("New").build()),
        List.of("SAMEA2590882")));
    index.refresh();
    assertThat(u.isComplete()).isTrue();
    assertThat(ids("newi001")).containsExactly("SAMEA-NEW");
    assertThat(ids("ukbi008")).isEmpty();
  }

  @Test
  void rebuild_replacesTheWholeContent() {
    RebuildResult r = index.rebuild(List.of(CatalogueDocument.of(SampleLines.ukbi008a())).iterator(), n -> { });
    assertThat(r.documents()).isEqualTo(1);
    assertThat(index.search(SearchQuery.all()).ids()).containsExactly("SAMEA2590882");
  }

  @Test
  void storedHashes_areTheDocumentsHashes() {
    Map<String, String> hashes = index.storedHashes();
    assertThat(hashes).hasSize(dataset.size());
    Set<String> mismatched = new HashSet<>();
    for (CatalogueDocument d : dataset) {
      if (!d.hash().equals(hashes.get(d.biosamplesId()))) {
        mismatched.add(d.biosamplesId());
      }
    }
    assertThat(mismatched).isEmpty();
  }

  @Test
  void hits_roundTripTheDocuments() {
    CatalogueDocument bion = CatalogueDocument.of(SampleLines.bioni010c2());
    assertThat(index.search(SearchQuery.builder().text("BIONi010-C-2").build()).hits()).contains(bion);
  }

  private static Map<String, Long> counts(List<FacetCount> counts) {
    return counts.stream().collect(Collectors.toMap(FacetCount::value, FacetCount::count));
  }
}

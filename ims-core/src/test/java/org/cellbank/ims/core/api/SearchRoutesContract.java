package org.cellbank.ims.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.cellbank.ims.core.search.CatalogueDocument;
import org.cellbank.ims.core.search.CatalogueIndex;
import org.cellbank.ims.core.search.SearchQuery;
import org.cellbank.ims.core.search.CatalogueIndexContract;
import org.cellbank.ims.http.HttpRequest;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.Router;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonNull;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.http.internal.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v0/search} over an index loaded with {@link CatalogueIndexContract#dataset()}; each
 * index implementation's test extends it.
 */
public abstract class SearchRoutesContract {

  /** A fresh, empty index. */
  protected abstract CatalogueIndex newIndex();

  private Router router;
  private List<CatalogueDocument> dataset;

  @BeforeEach
  void loadDataset() {
    CatalogueIndex index = newIndex();
    dataset = CatalogueIndexContract.dataset();
    index.rebuild(dataset.iterator(), n -> { });
    router = SearchRoutes.create(index).addTo(Router.builder()).build();
  }

  /** GET with query parameters given as name, value pairs. */
  private HttpResponse get(String... query) {
    HttpRequest.Builder b = HttpRequest.builder("GET", "/api/v0/search").requestId("test");
    for (int i = 0; i < query.length; i += 2) {
      b.queryParameter(query[i], query[i + 1]);
    }
    return router.handle(b.build());
  }

  private static JsonObject json(HttpResponse response) {
    return JsonReader.create().read(response.body()).asObject();
  }

  private long expected(Predicate<CatalogueDocument> p) {
    return dataset.stream().filter(p).count();
  }

  private static List<String> names(JsonObject answer) {
    List<String> names = new ArrayList<>();
    for (JsonValue v : answer.findArray("objects").orElseThrow().elements()) {
      names.add(v.asObject().findString("name").orElseThrow());
    }
    return names;
  }

  private static String message(HttpResponse r) {
    return json(r).findObject("error").orElseThrow().findString("message").orElseThrow();
  }

  @Test
  void text_atTheWordLimit_isSearched_andOneMoreWord_answers400NamingTheLimit() {
    StringBuilder words = new StringBuilder();
    for (int i = 0; i < SearchQuery.MAX_WORDS; i++) {
      words.append("ataxia").append(i).append(' ');
    }
    HttpResponse atLimit = get("q", words.toString().trim(), "disease", "Machado-Joseph disease");
    assertThat(atLimit.status()).as(atLimit.bodyText()).isEqualTo(200);
    assertThat(json(atLimit).findObject("meta").orElseThrow().findNumber("total_count").orElseThrow().longValue())
        .isZero();

    HttpResponse over = get("q", words + "one-more");
    assertThat(over.status()).isEqualTo(400);
    assertThat(message(over)).isEqualTo("the search text has 33 words; at most 32 are allowed");
  }

  @Test
  void text_longerThanTheLimit_answers400NamingTheLimit() {
    HttpResponse r = get("q", "a".repeat(SearchQuery.MAX_TEXT_LENGTH + 1));
    assertThat(r.status()).isEqualTo(400);
    assertThat(message(r)).isEqualTo("the search text has 501 characters; at most 500 are allowed");
    HttpResponse huge = get("q", "ataxia ".repeat(15_000));
    assertThat(huge.status()).isEqualTo(400);
    assertThat(message(huge)).contains("longer than 4096 characters");
  }

  @Test
  void text_findsTheLineWithItsStoredFields_metaAndFacets() {
    HttpResponse r = get("q", "UKBi008-A");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).hasValue("application/json");
    JsonObject answer = json(r);
    assertThat(answer.members().keySet()).containsExactly("facets", "meta", "objects");
    JsonObject meta = answer.findObject("meta").orElseThrow();
    assertThat(meta.findNumber("total_count").orElseThrow().longValue()).isEqualTo(1);
    assertThat(meta.findNumber("limit").orElseThrow().longValue()).isEqualTo(50);
    assertThat(meta.findNumber("offset").orElseThrow().longValue()).isZero();
    assertThat(meta.find("next")).contains(JsonNull.INSTANCE);
    assertThat(meta.find("previous")).contains(JsonNull.INSTANCE);
    JsonObject hit = answer.findArray("objects").orElseThrow().get(0).asObject();
    CatalogueDocument ukb = dataset.stream().filter(d -> d.name().equals("UKBi008-A")).findFirst().orElseThrow();
    assertThat(hit.findString("biosamples_id")).contains(ukb.biosamplesId());
    assertThat(hit.findString("resource_uri")).contains("/api/v0/cell-lines/" + ukb.biosamplesId());
    assertThat(hit.findString("donor_sex")).contains(ukb.donorSex());
    assertThat(hit.findArray("derivation").orElseThrow().size()).isEqualTo(ukb.derivation().size());
    assertThat(hit.members().keySet()).containsAll(ukb.fields().keySet()).doesNotContain("doc_hash");
    JsonObject facets = answer.findObject("facets").orElseThrow();
    assertThat(facets.members().keySet()).containsExactly("derivation", "disease", "donor_age", "donor_sex");
    JsonObject sex = facets.findArray("donor_sex").orElseThrow().get(0).asObject();
    assertThat(sex.findString("term")).contains(ukb.donorSex());
    assertThat(sex.findNumber("count").orElseThrow().longValue()).isEqualTo(1);
  }

  @Test
  void repeatedFacetValues_areOr_andFacetsAreAnd() {
    JsonObject answer = json(get("donor_sex", "male", "donor_sex", "female", "derivation", "Episomal", "limit", "1000"));
    long want = expected(d -> (d.donorSex().equals("male") || d.donorSex().equals("female"))
        && d.derivation().contains("Episomal"));
    assertThat(answer.findObject("meta").orElseThrow().findNumber("total_count").orElseThrow().longValue()).isEqualTo(want);
    assertThat(answer.findArray("objects").orElseThrow().size()).isEqualTo((int) want);
    Map<String, JsonValue> facets = answer.findObject("facets").orElseThrow().members();
    long maleEpisomal = expected(d -> d.donorSex().equals("male") && d.derivation().contains("Episomal"));
    JsonArray sexes = facets.get("donor_sex").asArray();
    assertThat(sexes.elements()).anySatisfy(v -> {
      assertThat(v.asObject().findString("term")).contains("male");
      assertThat(v.asObject().findNumber("count").orElseThrow().longValue()).isEqualTo(maleEpisomal);
    });
  }

  @Test
  void diseaseAndAgeFilters_andEmptyValuesAreIgnored() {
    JsonObject answer = json(get("disease", "Parkinson's disease", "donor_age", "20-24", "donor_age", "", "limit", "0"));
    long want = expected(d -> d.allDiseases().contains("Parkinson's disease") && "20-24".equals(d.donorAge()));
    assertThat(answer.findObject("meta").orElseThrow().findNumber("total_count").orElseThrow().longValue()).isEqualTo(want);
    assertThat(answer.findObject("meta").orElseThrow().findNumber("limit").orElseThrow().longValue()).isEqualTo(1000);
  }

  @Test
  void sort_ascendingAndDescending() {
    List<String> asc = names(json(get("sort", "name", "limit", "1000")));
    List<String> desc = names(json(get("sort", "-name", "limit", "1000")));
    assertThat(asc).hasSize(dataset.size()).isSorted();
    List<String> reversed = new ArrayList<>(asc);
    java.util.Collections.reverse(reversed);
    assertThat(desc).containsExactlyElementsOf(reversed);
  }

  @Test
  void paging_linksRepeatTheQueryButNeverTheKey() {
    JsonObject meta = json(get("q", "generated", "sort", "name", "limit", "10", "offset", "10", "api_key", "secret"))
        .findObject("meta").orElseThrow();
    assertThat(meta.findNumber("total_count").orElseThrow().longValue()).isEqualTo(40);
    assertThat(meta.findString("next")).contains("/api/v0/search?q=generated&sort=name&limit=10&offset=20");
    assertThat(meta.findString("previous")).contains("/api/v0/search?q=generated&sort=name&limit=10&offset=0");
    List<String> page = names(json(get("q", "generated", "sort", "name", "limit", "10", "offset", "10")));
    assertThat(page).containsExactly("GENi010-A", "GENi011-A", "GENi012-A", "GENi013-A", "GENi014-A",
        "GENi015-A", "GENi016-A", "GENi017-A", "GENi018-A", "GENi019-A");
  }

  @Test
  void badParameters_answer400Json() {
    assertThat(message(get("sex", "male"))).startsWith("unknown search parameter sex");
    assertThat(message(get("sort", "colour"))).startsWith("sort must be one of name, donor_disease");
    assertThat(message(get("sort", "name", "sort", "-name"))).isEqualTo("sort may be given once");
    assertThat(message(get("q", "a", "q", "b"))).isEqualTo("q may be given once");
    assertThat(get("limit", "-1").status()).isEqualTo(400);
    assertThat(get("offset", "x").status()).isEqualTo(400);
    assertThat(message(get("offset", "99990", "limit", "20"))).isEqualTo("offset + limit must be at most 100000");
    assertThat(get("offset", "99950", "limit", "50").status()).isEqualTo(200);
  }
}

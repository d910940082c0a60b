package org.cellbank.ims.examples.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.cellbank.ims.core.api.MediaRoutes;
import org.cellbank.ims.core.auth.ApiKeyAuthentication;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CatalogueDocuments;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.OutboxDrainer;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.db.SearchOutbox;
import org.cellbank.ims.core.media.FileSystemMediaStore;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.CellLineStatus;
import org.cellbank.ims.core.model.StatusEntry;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.core.sample.SyntheticCellLines;
import org.cellbank.ims.core.site.FileSystemSiteStore;
import org.cellbank.ims.core.site.SiteGenerator;
import org.cellbank.ims.examples.lambda.ImsApplication;
import org.cellbank.ims.search.ManagedOpenSearchClient;
import org.cellbank.ims.search.OpenSearchCatalogueIndex;
import org.cellbank.ims.search.OpenSearchClients;
import org.cellbank.ims.testkit.ImsOpenSearch;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The website in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver})
 * against the local server's assembly: the database, an embedded OpenSearch node, the generated
 * site and the public search. A screenshot of each page visited is kept under
 * {@code target/screenshots}. Without Chromium the class fails: it is never skipped.
 */
class WebsiteBrowserTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  private static LocalHttpServer server;
  private static ImsOpenSearch openSearch;
  private static ManagedOpenSearchClient client;
  private static String base;
  private static String withdrawn;
  private static String axe;
  private HeadlessChromium chromium;
  private WebDriver browser;

  @BeforeAll
  static void start() throws Exception {
    axe = HeadlessChromium.requireInstalledAndReadAxe();

    DataSource dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    CellLineRepository lines = CellLineRepository.builder().dataSource(dataSource)
        .searchOutbox(SearchOutbox.create(dataSource)).build();
    SampleDataLoader.create(lines).loadMissing(SampleData.all());
    List<CellLine> synthetic = SyntheticCellLines.generate(24, 7L);
    SampleDataLoader.create(lines).loadMissing(synthetic);
    Path media = dir.resolve("media");
    SampleMediaFiles.ensure(media, SampleData.all());
    FileSystemMediaStore mediaStore = FileSystemMediaStore.builder().root(media)
        .baseUri(URI.create("http://127.0.0.1:1/media/")).signingKey(new byte[32]).build();

    openSearch = ImsOpenSearch.builder().docker(false).build();
    client = OpenSearchClients.http(openSearch.httpUrl());
    OpenSearchCatalogueIndex index = OpenSearchCatalogueIndex.builder().client(client.client()).replicas(0).build();
    index.createIfMissing();
    index.rebuild(CatalogueDocuments.allVisible(lines), n -> { });

    FileSystemSiteStore siteStore = FileSystemSiteStore.create(dir.resolve("site"));
    SiteGenerator site = SiteGenerator.builder().cellLines(lines).store(siteStore).media(mediaStore)
        .siteUrl(URI.create("http://127.0.0.1/")).build();
    OutboxDrainer drainer = OutboxDrainer.builder().dataSource(dataSource).index(index)
        .documents(CatalogueDocuments.source(lines)).afterBatch(site.drainHook()).build();
    drainer.drain();
    site.generateAll();
    // A visible line withdrawn after the site was generated: the drain's hook rewrites its page.
    CellLine line = synthetic.stream().filter(CellLine::visibleInCatalogue).findFirst().orElseThrow();
    withdrawn = line.name();
    lines.appendStatus(line.biosamplesId(), new StatusEntry(CellLineStatus.WITHDRAWN, "contamination", "exec1",
        Instant.now()));
    assertThat(drainer.drain().deleted()).isEqualTo(1);

    ApiKeys keys = ApiKeys.create(dataSource);
    server = LocalServer.serve(ImsApplication.builder().dataSource(dataSource)
        .auth(ApiKeyAuthentication.requiring(keys, Role.PARTNER)).cellLines(lines)
        .media(MediaRoutes.builder().store(mediaStore).build()).catalogueIndex(index).build(), 0,
        new LocalServer.Site(siteStore, site.contentSecurityPolicy()));
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (client != null) {
      client.close();
    }
    if (openSearch != null) {
      openSearch.close();
    }
  }

  @BeforeEach
  void openBrowser(TestInfo info) throws Exception {
    chromium = HeadlessChromium.start(dir, info.getTestMethod().orElseThrow().getName(), null);
    browser = chromium.driver();
  }

  @AfterEach
  void closeBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void search_ataxia_findsUKBi008A_andKeepsTheQueryInTheUrl() {
    open("/");
    browser.findElement(By.id("q")).sendKeys("ataxia");
    waitFor(() -> resultNames().contains("UKBi008-A") && resultNames().size() == count());
    assertThat(browser.getCurrentUrl()).contains("q=ataxia");
    assertThat(browser.findElement(By.id("count")).getText()).contains("found");
    screenshot("search-ataxia");
    browser.findElement(By.linkText("UKBi008-A")).click();
    waitFor(() -> browser.getCurrentUrl().endsWith("/UKBi008-A/"));
  }

  @Test
  void facetSelection_narrowsTheResults_andChangesTheOtherFacetsCounts_andBackUndoesIt() {
    open("/");
    waitFor(() -> count() > 3 && resultNames().size() == count());
    int all = count();
    List<String> ageBefore = facetLabels("donor_age");
    WebElement male = browser.findElements(By.cssSelector("fieldset[data-facet='donor_sex'] label")).stream()
        .filter(l -> l.getText().startsWith("male (")).findFirst().orElseThrow();
    int males = Integer.parseInt(male.getText().replaceAll("\\D", ""));
    assertThat(males).isBetween(1, all - 1);
    male.click();
    waitFor(() -> count() == males && resultNames().size() == males);
    assertThat(browser.getCurrentUrl()).contains("donor_sex=male");
    assertThat(facetLabels("donor_age")).isNotEqualTo(ageBefore);
    // The selected facet's own counts still count every sex (disjunctive).
    assertThat(facetLabels("donor_sex")).hasSizeGreaterThan(1);
    screenshot("search-facet");
    browser.navigate().back();
    waitFor(() -> count() == all);
  }

  @Test
  void sorting_cyclesAscendingDescendingNone() {
    open("/");
    waitFor(() -> count() > 3 && resultNames().size() == count());
    WebElement name = browser.findElement(By.cssSelector("th[data-sort='name']"));
    List<String> sorted = new ArrayList<>(resultNames());
    sorted.sort(null);
    name.findElement(By.tagName("button")).click();
    waitFor(() -> "ascending".equals(name.getAttribute("aria-sort")) && resultNames().equals(sorted));
    assertThat(browser.getCurrentUrl()).contains("sort=name");
    List<String> reversed = new ArrayList<>(sorted);
    java.util.Collections.reverse(reversed);
    name.findElement(By.tagName("button")).click();
    waitFor(() -> "descending".equals(name.getAttribute("aria-sort")) && resultNames().equals(reversed));
    assertThat(browser.getCurrentUrl()).contains("sort=-name");
    name.findElement(By.tagName("button")).sendKeys(Keys.ENTER);
    waitFor(() -> name.getAttribute("aria-sort") == null && !browser.getCurrentUrl().contains("sort="));
    screenshot("search-sorted");
  }

  @Test
  void linePage_showsDonorDerivationAndBatchImages_andTheBareNameRedirects() {
    open("/UKBi008-A");
    assertThat(browser.getCurrentUrl()).isEqualTo(base + "/UKBi008-A/");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("UKBi008-A");
    assertThat(browser.findElement(By.id("donor")).getText()).contains("male", "35-39", "Caucasian",
        "Machado-Joseph disease");
    assertThat(browser.findElement(By.id("derivation")).getText()).contains("fibroblast of dermis", "Retrovirus",
        "Xeno-free conditions\nNo");
    List<WebElement> images = browser.findElements(By.cssSelector("#images img"));
    assertThat(images).hasSize(2);
    for (WebElement image : images) {
      // The images load lazily: scrolled into view, each must decode (the published copy is served).
      ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView();", image);
      waitFor(() -> ((Number) ((JavascriptExecutor) browser).executeScript(
          "return arguments[0].complete ? arguments[0].naturalWidth : 0;", image)).intValue() > 0);
      assertThat(image.getAttribute("src")).startsWith(base + "/files/celllines/");
      assertThat(image.getAttribute("alt")).startsWith("UKBi008-A cells in culture");
    }
    assertThat(browser.findElement(By.cssSelector(".buy")).getText()).contains("In stock at ECACC");
    screenshot("line-UKBi008-A");
  }

  @Test
  void withdrawnLine_showsTheStatusPage() {
    open("/" + withdrawn + "/");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(withdrawn);
    assertThat(browser.findElement(By.tagName("main")).getText()).contains("not available from the catalogue",
        "Withdrawn");
    assertThat(browser.findElements(By.id("donor"))).isEmpty();
    screenshot("status-withdrawn");
  }

  @Test
  void unknownName_showsThe404Page_withStatus404() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/NOSUCHi001-A/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    assertThat(r.body()).contains("Page not found");
    open("/NOSUCHi001-A/");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Page not found");
    screenshot("not-found");
  }

  @Test
  void everyPage_isServedWithACspWithoutUnsafeInline_andTheRightContentType() throws Exception {
    for (String path : List.of("/", "/UKBi008-A/", "/" + withdrawn + "/", "/sitemap.xml", "/robots.txt", "/nope")) {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
          HttpResponse.BodyHandlers.ofString());
      String csp = r.headers().firstValue("content-security-policy").orElse("");
      assertThat(csp).as(path).contains("script-src 'self'").doesNotContain("unsafe-inline");
      String type = r.headers().firstValue("content-type").orElse("");
      assertThat(type).as(path).isEqualTo(path.endsWith(".xml") ? "application/xml; charset=utf-8"
          : path.endsWith(".txt") ? "text/plain; charset=utf-8" : "text/html; charset=utf-8");
    }
    // The page's own script runs under that policy: the results it renders appear.
    open("/");
    waitFor(() -> count() > 0 && resultNames().size() == count());
  }

  @Test
  void keyboardAlone_reachesTheSkipLinkAndTheSearchBox() {
    open("/");
    browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
    WebElement active = browser.switchTo().activeElement();
    assertThat(active.getText()).isEqualTo("Skip to the content");
    active.sendKeys(Keys.ENTER);
    waitFor(() -> browser.getCurrentUrl().endsWith("#main"));
  }

  @Test
  void axeCore_findsNoSeriousOrCriticalViolation_onTheSearchPage_aLinePage_andAStatusPage() {
    List<String> problems = new ArrayList<>();
    open("/");
    waitFor(() -> count() > 0 && resultNames().size() == count());
    problems.addAll(axe("search"));
    open("/UKBi008-A/");
    problems.addAll(axe("line-UKBi008-A"));
    open("/" + withdrawn + "/");
    problems.addAll(axe("status"));
    open("/nope/");
    problems.addAll(axe("404"));
    assertThat(problems).isEmpty();
    // The check can fail: an image without a text alternative is a critical violation.
    ((JavascriptExecutor) browser).executeScript(
        "var i = document.createElement('img'); i.src = '/files/none.jpg'; document.getElementById('main').appendChild(i);");
    assertThat(axe("404-broken")).anyMatch(p -> p.contains("critical image-alt"));
  }

  private List<String> axe(String page) {
    return chromium.axe(axe, page);
  }

  private void open(String path) {
    browser.get(base + path);
  }

  private int count() {
    String text = browser.findElement(By.id("count")).getText();
    return text.matches("\\d+ cell lines? found.*") ? Integer.parseInt(text.replaceAll("^(\\d+).*$", "$1")) : -1;
  }

  private List<String> resultNames() {
    List<String> names = new ArrayList<>();
    for (WebElement th : browser.findElements(By.cssSelector("#results tbody th"))) {
      names.add(th.getText());
    }
    return names;
  }

  private List<String> facetLabels(String facet) {
    List<String> labels = new ArrayList<>();
    for (WebElement l : browser.findElements(By.cssSelector("fieldset[data-facet='" + facet + "'] label"))) {
      labels.add(l.getText());
    }
    return labels;
  }

  private void waitFor(java.util.function.BooleanSupplier condition) {
    chromium.waitFor(condition);
  }

  private void screenshot(String name) {
    chromium.screenshot(name);
  }
}

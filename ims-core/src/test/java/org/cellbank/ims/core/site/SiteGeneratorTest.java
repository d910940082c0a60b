package org.cellbank.ims.core.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
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
import org.cellbank.ims.core.search.InMemoryCatalogueIndex;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated site on a real database with the sample lines. */
class SiteGeneratorTest {
  @TempDir Path dir;
  private CellLineRepository lines;
  private DataSource dataSource;
  private FileSystemSiteStore store;
  private SiteGenerator site;

  @BeforeEach
  void setUp() {
    dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    lines = CellLineRepository.builder().dataSource(dataSource).searchOutbox(SearchOutbox.create(dataSource)).build();
    SampleDataLoader.create(lines).loadMissing(SampleData.all());
    store = FileSystemSiteStore.create(dir.resolve("site"));
    site = SiteGenerator.builder().cellLines(lines).store(store).siteUrl(URI.create("https://cells.example.org"))
        .build();
  }

  @Test
  void generateAll_writesFullPagesForVisibleLines_statusPagesForTheOthers_andTheFixedFiles() throws Exception {
    SiteReport report = site.generateAll();

    // UKBi008-A and BIONi010-C are in the catalogue; BIONi010-C-2 and TESTi010-A are not on ECACC.
    assertThat(report.linePages()).isEqualTo(2);
    assertThat(report.statusPages()).isEqualTo(2);
    String ukbi = page("UKBi008-A/index.html");
    assertThat(ukbi).contains("<h1>UKBi008-A</h1>", "Machado-Joseph disease", "Caucasian", "35-39",
        "fibroblast of dermis", "Retrovirus", "KLF4, MYC, POU5F1, SOX2",
        "/media/celllines/2016/02/04/3c9e52a1-7b0f-4d8e-9a61-0f2b54c8e7d3/UKBi008-A.P001.10x.jpg",
        "Batch P001 (the latest)", "mTeSR", "In stock at ECACC", "refId&#61;66540003", "UKBi008-A.CLIP.v1.pdf",
        "https://www.ebi.ac.uk/biosamples/samples/SAMEA2590882", "rel=\"canonical\" href=\"https://cells.example.org/UKBi008-A/\"");
    // The reference's quirk rendered these blank or wrong: here each says what the derivation holds.
    assertThat(ukbi).contains("<dt>Xeno-free conditions</dt><dd><span>No</span>", "<dt>Derived under GMP</dt><dd><span>No</span>",
        "<dt>Available as clinical grade</dt><dd><span>No</span>");
    // The disease-genotype flags: "no" is shown, the unknown variant-of-interest flag is left out.
    assertThat(ukbi).contains("<dt>Carries disease-associated variants</dt><dd><span>No</span>")
        .doesNotContain("Variant of interest");
    String parent = page("BIONi010-C/index.html");
    // A subclone that is not in the catalogue is named without a link.
    assertThat(parent).contains("<dt>Subclones</dt>", "BIONi010-C-2").doesNotContain("href=\"/BIONi010-C-2/\"");
    assertThat(page("BIONi010-C-2/index.html")).contains("Not currently listed by ECACC");
    String status = page("TESTi010-A/index.html");
    assertThat(status).contains("not available from the catalogue", "noindex").doesNotContain("Donor");

    assertThat(page("index.html")).contains("data-search-api=\"/api/public/search\"", "id=\"q\"");
    assertThat(page("404.html")).contains("Page not found");
    assertThat(page("robots.txt")).contains("Sitemap: https://cells.example.org/sitemap.xml");
    assertThat(page("sitemap.xml")).contains("<loc>https://cells.example.org/UKBi008-A/</loc>")
        .doesNotContain("TESTi010-A");
    List<String> assets = new ArrayList<>();
    try (Stream<Path> files = Files.list(store.root().resolve("assets"))) {
      files.forEach(f -> assets.add(f.getFileName().toString()));
    }
    assertThat(assets).hasSize(4).allMatch(a -> a.matches("(site|search|staff)\\.[0-9a-f]{10}\\.(css|js)"));
  }

  @Test
  void pages_haveNoInlineScriptOrStyle_andEscapeValues() throws Exception {
    CellLine ukbi = lines.getByBiosamplesId("SAMEA2590882");
    lines.update(ukbi.toBuilder().publicNotes("<script>alert('x')</script> & more").build());
    site.generateAll();
    for (String path : List.of("index.html", "404.html", "UKBi008-A/index.html", "TESTi010-A/index.html")) {
      String html = page(path);
      assertThat(html).as(path).doesNotContain(" style=", "<style", "onclick", "onload", "javascript:");
      assertThat(html.replaceAll("<script src=\"/assets/search\\.[0-9a-f]{10}\\.js\" defer></script>", ""))
          .as(path).doesNotContain("<script");
    }
    assertThat(page("UKBi008-A/index.html")).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more");
  }

  @Test
  void regenerate_rewritesTheChangedLine_andTheSitemap() throws Exception {
    site.generateAll();
    assertThat(page("sitemap.xml")).contains("/BIONi010-C/");
    lines.appendStatus("SAMEA104493150", new StatusEntry(CellLineStatus.WITHDRAWN, "test", "exec1", Instant.now()));

    SiteReport report = site.regenerate(List.of("SAMEA104493150"));

    assertThat(page("BIONi010-C/index.html")).contains("not available from the catalogue", "Withdrawn");
    assertThat(page("sitemap.xml")).doesNotContain("/BIONi010-C/");
    // The line and its subclone, whose page names it: two status pages, nothing else.
    assertThat(report.statusPages()).isEqualTo(2);
    assertThat(report.linePages()).isEqualTo(0);
    assertThat(page("UKBi008-A/index.html")).contains("<h1>UKBi008-A</h1>");
    assertThat(site.regenerate(List.of("SAMEA-unknown")).files()).isEqualTo(1);
  }

  @Test
  void aRenamedLine_leavesAPageAtItsOldNamePointingToTheNewOne() throws Exception {
    site.generateAll();
    lines.update(lines.getByBiosamplesId("SAMEA2590882").toBuilder().name("UKBi008-B").build());

    SiteReport report = site.regenerate(List.of("SAMEA2590882"));

    assertThat(report.movedPages()).isEqualTo(1);
    assertThat(page("UKBi008-B/index.html")).contains("<h1>UKBi008-B</h1>", "Machado-Joseph disease");
    String moved = page("UKBi008-A/index.html");
    assertThat(moved).contains("<h1>UKBi008-A is now UKBi008-B</h1>", "href=\"../UKBi008-B/\"",
        "<meta http-equiv=\"refresh\" content=\"0; url=../UKBi008-B/\">", "<meta name=\"robots\" content=\"noindex\">",
        "<link rel=\"canonical\" href=\"https://cells.example.org/UKBi008-B/\">");
    assertThat(moved).doesNotContain("Machado-Joseph disease");
    assertThat(page("sitemap.xml")).contains("/UKBi008-B/").doesNotContain("/UKBi008-A/");
    assertThat(page(PageNames.PATH)).contains("SAMEA2590882\tUKBi008-B\n").doesNotContain("UKBi008-A\n");

    // Later generations keep the page at the old name and do not write it again.
    assertThat(site.regenerate(List.of("SAMEA2590882")).movedPages()).isZero();
    assertThat(site.generateAll().movedPages()).isZero();
    assertThat(page("UKBi008-A/index.html")).isEqualTo(moved);
  }

  @Test
  void aRenameSeenFirstByAFullGeneration_leavesThePageAtTheOldNameToo() throws Exception {
    site.generateAll();
    lines.update(lines.getByBiosamplesId("SAMEA2590882").toBuilder().name("UKBi008-B").build());

    SiteReport report = site.generateAll();

    assertThat(report.movedPages()).isEqualTo(1);
    assertThat(page("UKBi008-A/index.html")).contains("UKBi008-A is now UKBi008-B");
  }

  @Test
  void anOldNameThatAnotherLineNowHas_showsThatLinesPage() throws Exception {
    site.generateAll();
    // Two lines swap their names.
    CellLine ukbi = lines.getByBiosamplesId("SAMEA2590882");
    CellLine test = lines.getByName("TESTi010-A");
    lines.update(ukbi.toBuilder().name("UKBi-swap").build());
    lines.update(test.toBuilder().name("UKBi008-A").build());
    lines.update(lines.getByBiosamplesId("SAMEA2590882").toBuilder().name("TESTi010-A").build());

    SiteReport report = site.regenerate(List.of("SAMEA2590882", test.biosamplesId()));

    assertThat(report.movedPages()).isZero();
    assertThat(page("UKBi008-A/index.html")).contains("<h1>UKBi008-A</h1>", "not available from the catalogue")
        .doesNotContain("is now");
    assertThat(page("TESTi010-A/index.html")).contains("<h1>TESTi010-A</h1>", "Machado-Joseph disease");
  }

  @Test
  void aLineThatIsGone_hasItsPageRemoved() throws Exception {
    site.generateAll();
    assertThat(store.exists("TESTi010-A/index.html")).isTrue();
    String id = lines.getByName("TESTi010-A").biosamplesId();
    lines.delete(id);

    SiteReport report = site.regenerate(List.of(id));

    assertThat(report.removedPages()).isEqualTo(1);
    assertThat(store.exists("TESTi010-A/index.html")).isFalse();
    assertThat(page(PageNames.PATH)).doesNotContain(id);
    assertThat(page("UKBi008-A/index.html")).contains("<h1>UKBi008-A</h1>");
  }

  @Test
  void drainHook_regeneratesThePagesOfTheLinesADrainApplied() throws Exception {
    InMemoryCatalogueIndex index = InMemoryCatalogueIndex.create();
    OutboxDrainer drainer = OutboxDrainer.builder().dataSource(dataSource).index(index)
        .documents(CatalogueDocuments.source(lines)).afterBatch(site.drainHook()).build();
    drainer.drain();
    assertThat(page("UKBi008-A/index.html")).contains("<h1>UKBi008-A</h1>");

    lines.appendStatus("SAMEA2590882", new StatusEntry(CellLineStatus.WITHDRAWN, "test", "exec1", Instant.now()));
    drainer.drain();

    assertThat(page("UKBi008-A/index.html")).contains("Withdrawn").doesNotContain("Order UKBi008-A");
  }

  @Test
  void withAMediaStore_theImagesAndClipOfAPage_arePublishedIntoTheSite_once() throws Exception {
    Path mediaRoot = dir.resolve("media");
    String image = "celllines/2016/02/04/3c9e52a1-7b0f-4d8e-9a61-0f2b54c8e7d3/UKBi008-A.P001.10x.jpg";
    Files.createDirectories(mediaRoot.resolve(image).getParent());
    Files.write(mediaRoot.resolve(image), new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, 3});
    FileSystemMediaStore media = FileSystemMediaStore.builder().root(mediaRoot)
        .baseUri(URI.create("http://127.0.0.1:1/media/")).signingKey(new byte[32]).build();
    SiteGenerator published = SiteGenerator.builder().cellLines(lines).store(store)
        .siteUrl(URI.create("https://cells.example.org")).media(media).build();

    published.generateAll();

    assertThat(store.find("files/" + image)).hasValue(new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, 3});
    assertThat(page("UKBi008-A/index.html")).contains("src=\"/files/" + image + "\"");
    // Missing media (the other image, the CLIP) are linked but not invented.
    assertThat(store.exists("files/celllines/2015/12/27/1abeb45f-0d61-47bc-a78f-eaeeff2cb799/UKBi008-A.CLIP.v1.pdf"))
        .isFalse();
    Files.write(mediaRoot.resolve(image), new byte[] {9});
    assertThat(published.regenerate(List.of("SAMEA2590882")).otherFiles()).as("sitemap only").isEqualTo(1);
  }

  @Test
  void contentSecurityPolicy_allowsNoInlineCode() {
    assertThat(site.contentSecurityPolicy()).contains("script-src 'self'", "style-src 'self'")
        .doesNotContain("unsafe-inline");
    SiteGenerator cdn = SiteGenerator.builder().cellLines(lines).store(store).siteUrl(URI.create("https://x.org/"))
        .mediaBaseUrl("https://media.example.org/m").build();
    assertThat(cdn.contentSecurityPolicy()).contains("img-src 'self' https://media.example.org;");
  }

  private String page(String path) {
    return new String(store.find(path).orElseThrow(() -> new AssertionError("no " + path)), StandardCharsets.UTF_8);
  }
}

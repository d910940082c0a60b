package org.cellbank.ims.core.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staff console's files as the site generator writes them (the console's behaviour: StaffConsoleBrowserTest). */
class StaffConsoleTest {
  private static final Pattern ATTRIBUTE = Pattern.compile("\\s(src|href|action)=\"([^\"]*)\"");
  private static final Pattern SCRIPT = Pattern.compile("<script\\b[^>]*>");

  @TempDir Path dir;
  private FileSystemSiteStore store;
  private SiteGenerator site;

  @BeforeEach
  void setUp() {
    DataSource dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    CellLineRepository lines = CellLineRepository.builder().dataSource(dataSource).build();
    SampleDataLoader.create(lines).loadMissing(SampleData.all());
    store = FileSystemSiteStore.create(dir.resolve("site"));
    site = SiteGenerator.builder().cellLines(lines).store(store).siteUrl(URI.create("https://cells.example.org"))
        .build();
    site.generateAll();
  }

  @Test
  void regenerate_writesTheConsoleAgain_whenItsScriptIsNotStored_andOnlyThen() {
    String script = scriptPath();
    // A line change after the whole site was written: the console is there, so it is not rewritten.
    store.delete(StaffConsole.PAGE);
    site.regenerate(List.of("SAMEA2590882"));
    assertThat(store.exists(StaffConsole.PAGE)).isFalse();
    // A site written by a version before this console's script (or before the console): the next
    // regeneration writes the script and its page.
    store.delete(script);
    SiteReport report = site.regenerate(List.of("SAMEA2590882"));
    assertThat(store.exists(StaffConsole.PAGE)).isTrue();
    assertThat(store.exists(script)).isTrue();
    assertThat(scriptPath()).isEqualTo(script);
    assertThat(report.otherFiles()).isGreaterThan(1);
  }

  @Test
  void generateAll_writesTheConsolePage_andItsScriptAndStyle_underContentHashedNames() throws Exception {
    String html = text(StaffConsole.PAGE);
    List<String> assets = new ArrayList<>();
    try (Stream<Path> files = Files.list(store.root().resolve("assets"))) {
      files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("staff.")).forEach(assets::add);
    }
    assertThat(assets).hasSize(2).allMatch(a -> a.matches("staff\\.[0-9a-f]{10}\\.(css|js)"));
    for (String asset : assets) {
      byte[] bytes = store.find("assets/" + asset).orElseThrow();
      String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 10);
      assertThat(asset).as("named by its content").contains("." + hash + ".");
      assertThat(html).as("the page loads " + asset).contains("\"/assets/" + asset + "\"");
    }
    assertThat(html).contains("id=\"sign-in-form\"", "id=\"lines\"", "id=\"status-form\"", "id=\"audit\"");
  }

  @Test
  void consolePage_isNoindex_disallowedForRobots_andNotInTheSitemap() {
    assertThat(text(StaffConsole.PAGE)).contains("<meta name=\"robots\" content=\"noindex, nofollow\">");
    assertThat(text("robots.txt")).contains("Disallow: /staff/\n");
    assertThat(text("sitemap.xml")).doesNotContain("staff");
  }

  @Test
  void consolePage_referencesOnlyItsOwnOrigin_andHasNoInlineScriptOrStyle() {
    String html = text(StaffConsole.PAGE);
    List<String> references = references(html);
    assertThat(references).isNotEmpty().allSatisfy(r ->
        assertThat(r).as("same-origin reference").matches("(/(?!/)|#)[^:]*"));
    for (String reference : references) {
      if (reference.startsWith("/assets/")) {
        assertThat(store.find(reference.substring(1))).as(reference).isPresent();
      }
    }
    assertThat(inlineCode(html)).isEmpty();
    // The checks can fail: an inline script, a style attribute, a handler and a foreign script are each found.
    assertThat(inlineCode("<script>alert(1)</script><p style=\"color: red\" onclick=\"x()\"></p>")).hasSize(3);
    assertThat(references("<script src=\"https://cdn.example.org/x.js\"></script>"))
        .noneMatch(r -> r.matches("(/(?!/)|#)[^:]*"));
  }

  @Test
  void consoleScript_writesNoMarkup_andBuildsNoCodeFromText() {
    String script = new String(store.find(scriptPath()).orElseThrow(), StandardCharsets.UTF_8);
    assertThat(script).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
        "new Function", "localStorage");
    assertThat(script).contains("sessionStorage", "encodeURIComponent", "textContent");
  }

  private String scriptPath() {
    Matcher m = Pattern.compile("src=\"/(assets/staff\\.[0-9a-f]{10}\\.js)\"").matcher(text(StaffConsole.PAGE));
    assertThat(m.find()).as("the page loads its script").isTrue();
    return m.group(1);
  }

  private static List<String> references(String html) {
    List<String> out = new ArrayList<>();
    Matcher m = ATTRIBUTE.matcher(html);
    while (m.find()) {
      out.add(m.group(2));
    }
    return out;
  }

  // Inline scripts (a script tag without src), style elements and attributes, and event-handler attributes.
  private static List<String> inlineCode(String html) {
    List<String> out = new ArrayList<>();
    Matcher scripts = SCRIPT.matcher(html);
    while (scripts.find()) {
      String tag = scripts.group();
      if (!tag.contains(" src=\"") || !html.startsWith("</script>", scripts.end())) {
        out.add(tag);
      }
    }
    Matcher other = Pattern.compile("<style\\b|\\sstyle=|\\son[a-z]+=|javascript:").matcher(html);
    while (other.find()) {
      out.add(other.group().strip());
    }
    return out;
  }

  private String text(String path) {
    return new String(store.find(path).orElseThrow(() -> new AssertionError("no " + path)), StandardCharsets.UTF_8);
  }
}

package org.cellbank.ims.examples.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.cellbank.ims.core.api.MediaRoutes;
import org.cellbank.ims.core.auth.ApiKeyAuthentication;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.media.FileSystemMediaStore;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.core.site.FileSystemSiteStore;
import org.cellbank.ims.core.site.SiteGenerator;
import org.cellbank.ims.examples.lambda.ImsApplication;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The staff console ({@code /staff/}) in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}) against the local server's assembly with its executive routes: the
 * database with the sample data, one key per staff role, the generated site. A screenshot of each
 * step is kept under {@code target/screenshots}. Without Chromium the class fails: it is never
 * skipped.
 */
class StaffConsoleBrowserTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String STORAGE = "ims.staff.apiKey";

  @TempDir static Path dir;
  private static LocalHttpServer server;
  private static String base;
  private static String axe;
  private static final Map<String, String> KEYS = new HashMap<>();
  private HeadlessChromium chromium;
  private WebDriver browser;
  private Path downloads;

  @BeforeAll
  static void start() throws Exception {
    axe = HeadlessChromium.requireInstalledAndReadAxe();

    DataSource dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    CellLineRepository lines = CellLineRepository.builder().dataSource(dataSource).build();
    SampleDataLoader.create(lines).loadMissing(SampleData.all());
    Path media = dir.resolve("media");
    SampleMediaFiles.ensure(media, SampleData.all());
    FileSystemMediaStore mediaStore = FileSystemMediaStore.builder().root(media)
        .baseUri(URI.create("http://127.0.0.1:1/media/")).signingKey(new byte[32]).build();
    FileSystemSiteStore siteStore = FileSystemSiteStore.create(dir.resolve("site"));
    SiteGenerator site = SiteGenerator.builder().cellLines(lines).store(siteStore).media(mediaStore)
        .siteUrl(URI.create("http://127.0.0.1/")).build();
    site.generateAll();

    ApiKeys keys = ApiKeys.create(dataSource);
    for (Map.Entry<String, Role> user : LocalServer.USERS.entrySet()) {
      keys.createUser(user.getKey(), user.getValue());
      KEYS.put(user.getKey(), user.getKey() + ":" + keys.issue(user.getKey()).key());
    }
    server = LocalServer.serve(ImsApplication.builder().dataSource(dataSource)
        .auth(ApiKeyAuthentication.requiring(keys, Role.PARTNER)).cellLines(lines)
        .media(MediaRoutes.builder().store(mediaStore).build())
        .executive(LocalServer.executiveApi(dataSource, null, mediaStore)).build(), 0,
        new LocalServer.Site(siteStore, site.contentSecurityPolicy()));
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void openBrowser(TestInfo info) throws Exception {
    downloads = Files.createTempDirectory(dir, "downloads");
    chromium = HeadlessChromium.start(dir, info.getTestMethod().orElseThrow().getName(), downloads);
    browser = chromium.driver();
  }

  @AfterEach
  void closeBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void manager_signsIn_findsUKBi008A_changesItsStatus_andSeesTheNewStatusAndItsAuditEntry() throws Exception {
    signIn("manager");
    waitFor(() -> lineNames().contains("UKBi008-A"));
    assertThat(storedKey()).isEqualTo(KEYS.get("manager"));
    assertThat(browser.findElement(By.id("counters")).getText()).contains("Registered", "At ECACC", "Withdrawn");
    assertThat(browser.findElement(By.id("total")).getText()).matches("\\d+ cell lines match \\(showing 1 to \\d+\\)");
    // A filter goes to the API and into the address.
    browser.findElement(By.id("f-q")).sendKeys("UKBi008");
    browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
    waitFor(() -> lineNames().equals(List.of("UKBi008-A")));
    assertThat(browser.getCurrentUrl()).endsWith("#/lines?q=UKBi008");
    screenshot("staff-dashboard");

    browser.findElement(By.linkText("UKBi008-A")).click();
    waitFor(() -> browser.findElement(By.id("line-title")).getText().startsWith("UKBi008-A: "));
    assertThat(browser.getCurrentUrl()).endsWith("#/lines/UKBi008-A");
    String before = apiStatus("UKBi008-A");
    String after = before.equals("restricted_distribution") ? "expand_to_order" : "restricted_distribution";
    assertThat(browser.findElement(By.id("line-facts")).getText()).contains("SAMEA2590882", before.replace('_', ' '));
    assertThat(browser.findElement(By.id("batches")).getText()).contains("P001");
    int logRows = rows("status-log").size();

    new Select(browser.findElement(By.id("new-status"))).selectByValue(after);
    browser.findElement(By.id("status-comment")).sendKeys("Only for approved projects <b>now</b>");
    browser.findElement(By.cssSelector("#status-form button[type=submit]")).click();
    String shown = after.replace('_', ' ');
    waitFor(() -> browser.findElement(By.id("line-title")).getText().equals("UKBi008-A: " + shown)
        && rows("status-log").size() == logRows + 1 && !rows("audit").isEmpty());
    assertThat(apiStatus("UKBi008-A")).isEqualTo(after);
    assertThat(message()).isEqualTo("The status of UKBi008-A is now " + shown + ".");
    // The comment is shown as text: its markup is not rendered.
    assertThat(rows("status-log").get(0).getText()).contains(shown, "Only for approved projects <b>now</b>", "manager");
    assertThat(browser.findElements(By.cssSelector("#status-log b"))).isEmpty();
    String audit = rows("audit").get(0).getText();
    assertThat(audit).contains("manager", "executive_manager", "cell_line SAMEA2590882", "status change",
        "status: " + before + " \u2192 " + after);
    screenshot("staff-line-changed");
  }

  @Test
  void statusChange_withAStaleVersion_saysSomeoneChangedTheLine_andAFaultyOneNamesTheField() throws Exception {
    signIn("manager");
    open("/staff/#/lines/BIONi010-C");
    waitFor(() -> browser.findElement(By.id("line-title")).getText().startsWith("BIONi010-C: "));
    // Someone else changes the line after the page read its ETag.
    String etag = HTTP.send(api("/api/v0/executive/cell-lines/BIONi010-C", "manager").build(),
        HttpResponse.BodyHandlers.discarding()).headers().firstValue("etag").orElseThrow();
    HttpResponse<String> other = HTTP.send(api("/api/v0/executive/cell-lines/BIONi010-C/status", "admin")
        .header("If-Match", etag).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"status\": \"expand_to_order\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(other.statusCode()).as(other.body()).isEqualTo(200);

    new Select(browser.findElement(By.id("new-status"))).selectByValue("not_available");
    browser.findElement(By.cssSelector("#status-form button[type=submit]")).click();
    waitFor(() -> message().startsWith("Someone changed this line"));
    assertThat(message()).isEqualTo("Someone changed this line since you opened it; reload it and try again.");
    assertThat(apiStatus("BIONi010-C")).isEqualTo("expand_to_order");
    // A faulty form: the API's message and the faulty field are shown.
    browser.navigate().refresh();
    waitFor(() -> browser.findElement(By.id("line-title")).getText().equals("BIONi010-C: expand to order"));
    new Select(browser.findElement(By.id("new-status"))).selectByValue("withdrawn");
    browser.findElement(By.cssSelector("#status-form button[type=submit]")).click();
    waitFor(() -> message().startsWith("Failed changing the status of BIONi010-C: "));
    assertThat(message()).contains("[/comment is required for status withdrawn]");
    assertThat(apiStatus("BIONi010-C")).isEqualTo("expand_to_order");
    screenshot("staff-stale");
  }

  @Test
  void viewer_readsTheLine_isOfferedNoWriteForm_andAWriteAnyhowSaysTheRoleIsTooLow() throws Exception {
    signIn("viewer");
    waitFor(() -> lineNames().contains("UKBi008-A"));
    open("/staff/#/lines/TESTi010-A");
    waitFor(() -> browser.findElement(By.id("line-title")).getText().startsWith("TESTi010-A: "));
    // GET me said the key does not write: the forms that change data are not offered.
    assertThat(browser.findElement(By.id("status-form")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("clip-form")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("read-only")).isDisplayed()).isTrue();
    screenshot("staff-viewer");
    // A write sent anyhow (as after a role lowered during the sign-in) is refused by the API.
    String before = apiStatus("TESTi010-A");
    ((JavascriptExecutor) browser).executeScript("document.getElementById('status-form').hidden = false;");
    new Select(browser.findElement(By.id("new-status"))).selectByValue("withdrawn");
    browser.findElement(By.id("status-comment")).sendKeys("should not happen");
    browser.findElement(By.cssSelector("#status-form button[type=submit]")).click();
    waitFor(() -> message().startsWith("Your role is too low"));
    assertThat(message()).startsWith("Your role is too low for changing the status of TESTi010-A");
    assertThat(apiStatus("TESTi010-A")).isEqualTo(before);
    assertThat(storedKey()).as("a 403 keeps the key").isEqualTo(KEYS.get("viewer"));
    assertThat(browser.findElement(By.id("status-form")).isDisplayed()).isFalse();
    open("/staff/#/lines/UKBi008-A");
    waitFor(() -> browser.findElement(By.id("line-title")).getText().startsWith("UKBi008-A: "));
    assertThat(browser.findElement(By.id("status-form")).isDisplayed()).isFalse();
    browser.findElement(By.id("sign-out")).click();
    signIn("manager");
    open("/staff/#/lines/UKBi008-A");
    waitFor(() -> browser.findElement(By.id("line-title")).getText().startsWith("UKBi008-A: "));
    assertThat(browser.findElement(By.id("status-form")).isDisplayed()).isTrue();
    assertThat(browser.findElement(By.id("read-only")).isDisplayed()).isFalse();
  }

  @Test
  void wrongKey_isRefused_andForgotten_andAPartnerKeyIsTooLow() {
    signIn(null);
    waitFor(() -> message().startsWith("The key was refused"));
    assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).isTrue();
    assertThat(browser.findElement(By.id("dashboard")).isDisplayed()).isFalse();
    assertThat(storedKey()).isNull();
    screenshot("staff-refused");

    signIn("partner");
    waitFor(() -> message().startsWith("This key's role (partner) is too low for the console"));
    assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).isTrue();
    assertThat(storedKey()).isNull();
  }

  @Test
  void signOut_forgetsTheKey_andAFreshTabOfTheSameBrowserHasNone() {
    signIn("viewer");
    waitFor(() -> lineNames().contains("UKBi008-A"));
    browser.findElement(By.id("sign-out")).click();
    waitFor(() -> browser.findElement(By.id("sign-in")).isDisplayed());
    assertThat(storedKey()).isNull();
    assertThat(message()).isEqualTo("Signed out; the key is forgotten.");
    assertThat(((JavascriptExecutor) browser).executeScript("return window.localStorage.length;")).isEqualTo(0L);
  }

  @Test
  void csvButtons_downloadTheExports_withTheKey() throws Exception {
    signIn("viewer");
    waitFor(() -> lineNames().contains("UKBi008-A"));
    browser.findElement(By.cssSelector("[data-download$='cell-line-ids.csv']")).click();
    waitFor(() -> message().startsWith("Downloaded ebisc_cell_line_ids-"));
    Path csv = waitForDownload("ebisc_cell_line_ids-");
    assertThat(Files.readString(csv, StandardCharsets.UTF_8)).startsWith("hPSCreg name,").contains("UKBi008-A");

    open("/staff/#/lines/UKBi008-A");
    waitFor(() -> browser.findElement(By.id("line-title")).getText().startsWith("UKBi008-A: "));
    browser.findElement(By.cssSelector("#batches button[data-download]")).click();
    waitFor(() -> message().matches("Downloaded \\S+\\.csv \\(\\d+ bytes\\)\\."));
    assertThat(message()).contains("SAMEG");
    screenshot("staff-downloads");
  }

  @Test
  void manager_uploadsAClip_andSeesItsVersion() throws Exception {
    Path pdf = dir.resolve("UKBi008-A_CLIP_v7.pdf");
    Files.writeString(pdf, "%PDF-1.4\n% a CLIP\n%%EOF\n", StandardCharsets.US_ASCII);
    signIn("manager");
    open("/staff/#/lines/UKBi008-A");
    waitFor(() -> browser.findElement(By.id("line-title")).getText().startsWith("UKBi008-A: "));
    browser.findElement(By.id("clip-version")).sendKeys("v7");
    browser.findElement(By.id("clip-file")).sendKeys(pdf.toString());
    browser.findElement(By.cssSelector("#clip-form button[type=submit]")).click();
    waitFor(() -> rows("clips").stream().anyMatch(r -> r.getText().startsWith("v7 ")));
    assertThat(message()).isEqualTo("CLIP v7 of UKBi008-A stored.");
    waitFor(() -> rows("audit").get(0).getText().contains("clip upload"));
  }

  @Test
  void manager_createsABatch_andUploadsItsCertificateOfAnalysis() throws Exception {
    Path pdf = dir.resolve("BIONi010-C.M077.CoA.pdf");
    Files.writeString(pdf, "%PDF-1.4\n% a certificate\n%%EOF\n", StandardCharsets.US_ASCII);
    signIn("manager");
    open("/staff/#/lines/BIONi010-C");
    waitFor(() -> browser.findElement(By.id("line-title")).getText().startsWith("BIONi010-C: "));
    browser.findElement(By.id("batch-id")).sendKeys("M077");
    new Select(browser.findElement(By.id("batch-type"))).selectByValue("central_facility");
    browser.findElement(By.id("batch-vials")).sendKeys("3");
    browser.findElement(By.id("batch-derived")).sendKeys("P001");
    browser.findElement(By.cssSelector("#batch-form button[type=submit]")).click();
    waitFor(() -> rows("batches").stream().anyMatch(r -> r.getText().startsWith("M077 ")));
    assertThat(message()).isEqualTo("Batch M077 of BIONi010-C created with 3 vials.");
    WebElement created = rows("batches").stream().filter(r -> r.getText().startsWith("M077 ")).findFirst().orElseThrow();
    assertThat(created.getText()).contains("central facility", " 3 ", "no");

    Select batch = new Select(browser.findElement(By.id("coa-batch")));
    String key = batch.getOptions().stream().filter(o -> o.getText().startsWith("M077 ")).findFirst().orElseThrow()
        .getAttribute("value");
    batch.selectByValue(key);
    browser.findElement(By.id("coa-file")).sendKeys(pdf.toString());
    browser.findElement(By.cssSelector("#coa-form button[type=submit]")).click();
    waitFor(() -> message().startsWith("Certificate of analysis of batch M077"));
    assertThat(message()).isEqualTo("Certificate of analysis of batch M077 of BIONi010-C stored.");
    HttpResponse<String> executive = HTTP.send(api("/api/v0/executive/batches/" + key, "viewer").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(executive.body()).contains("\"certificate_of_analysis\": true", "\"vials\": 3");
    HttpResponse<String> v0 = HTTP.send(api("/api/v0/batches/" + key, "viewer").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(v0.statusCode()).isEqualTo(200);
    assertThat(v0.body()).contains("BIONi010-C.M077.CoA.pdf");
    // A second certificate replaces the first (the console reads the batch's new ETag each time).
    browser.findElement(By.id("coa-file")).sendKeys(pdf.toString());
    new Select(browser.findElement(By.id("coa-batch"))).selectByValue(key);
    browser.findElement(By.cssSelector("#coa-form button[type=submit]")).click();
    waitFor(() -> rows("audit").stream().anyMatch(r -> r.getText().contains("coa replace")));

    // Images: four are stored, a fifth is refused with the API's message.
    Path png = dir.resolve("M077.png");
    Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0});
    for (int n = 1; n <= 5; n++) {
      new Select(browser.findElement(By.id("image-batch"))).selectByValue(key);
      browser.findElement(By.id("image-file")).sendKeys(png.toString());
      browser.findElement(By.id("image-magnification")).sendKeys("10x");
      browser.findElement(By.id("image-time-point")).sendKeys("day " + n);
      browser.findElement(By.cssSelector("#image-form button[type=submit]")).click();
      int number = n;
      waitFor(() -> message().startsWith(number <= 4 ? "Image " + number + " of batch M077" : "Failed adding an image"));
    }
    assertThat(message()).startsWith("Failed adding an image to batch M077 of BIONi010-C: ");
    assertThat(HTTP.send(api("/api/v0/batches/" + key, "viewer").build(), HttpResponse.BodyHandlers.ofString()).body())
        .contains("\"time_point\": \"day 4\"", "\"magnification\": \"10x\"").doesNotContain("day 5");
    screenshot("staff-batch");
  }

  @Test
  void administrator_addsAUser_issuesAKeyThatWorks_andRevokesIt() throws Exception {
    signIn("manager");
    waitFor(() -> lineNames().contains("UKBi008-A"));
    assertThat(browser.findElement(By.id("nav-users")).isDisplayed()).as("only for administrators").isFalse();
    browser.findElement(By.id("sign-out")).click();

    signIn("admin");
    waitFor(() -> browser.findElement(By.id("nav-users")).isDisplayed());
    browser.findElement(By.id("nav-users")).click();
    waitFor(() -> rows("user-list").stream().anyMatch(r -> r.getText().startsWith("manager ")));
    browser.findElement(By.id("user-name")).sendKeys("lims-staff");
    new Select(browser.findElement(By.id("user-role"))).selectByValue("executive_viewer");
    browser.findElement(By.cssSelector("#user-form button[type=submit]")).click();
    waitFor(() -> message().equals("User lims-staff added as executive viewer."));
    assertThat(rows("user-list").stream().map(WebElement::getText))
        .anyMatch(t -> t.startsWith("lims-staff executive viewer yes 0"));
    waitFor(() -> browser.findElement(By.id("user-keys-title")).getText().equals("Keys of lims-staff"));

    browser.findElement(By.id("issue-key")).click();
    waitFor(() -> browser.findElement(By.id("new-key")).isDisplayed() && rows("key-list").size() == 1);
    String shown = browser.findElement(By.id("new-key")).getText();
    assertThat(shown).startsWith("New key of lims-staff, shown only now: lims-staff:");
    String key = shown.substring(shown.indexOf("lims-staff:"));
    HttpResponse<String> me = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v0/executive/me"))
        .header("Authorization", "ApiKey " + key).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.body()).contains("\"role\": \"executive_viewer\"", "\"username\": \"lims-staff\"");
    assertThat(axe("staff-users")).as("axe-core on the users page").isEmpty();

    browser.findElement(By.cssSelector("#key-list [data-revoke]")).click();
    waitFor(() -> message().startsWith("Key ") && message().endsWith(" of lims-staff revoked."));
    assertThat(browser.findElement(By.id("new-key")).isDisplayed()).as("the secret is not kept on the page").isFalse();
    HttpResponse<String> revoked = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v0/executive/me"))
        .header("Authorization", "ApiKey " + key).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(revoked.statusCode()).isEqualTo(401);
  }

  @Test
  void axeCore_findsNoSeriousOrCriticalViolation_onTheConsolePages() {
    List<String> problems = new ArrayList<>();
    open("/staff/");
    waitFor(() -> browser.findElement(By.id("sign-in")).isDisplayed());
    problems.addAll(axe("staff-sign-in"));
    signIn(null);
    waitFor(() -> message().startsWith("The key was refused"));
    problems.addAll(axe("staff-refused"));
    signIn("manager");
    waitFor(() -> lineNames().contains("UKBi008-A"));
    problems.addAll(axe("staff-dashboard"));
    open("/staff/#/lines/UKBi008-A");
    waitFor(() -> browser.findElement(By.id("line-title")).getText().startsWith("UKBi008-A: ") && !rows("audit").isEmpty());
    problems.addAll(axe("staff-line"));
    assertThat(problems).isEmpty();
    // The check can fail: a form control without a label is a critical violation.
    ((JavascriptExecutor) browser).executeScript(
        "document.getElementById('status-form').appendChild(document.createElement('input'));");
    assertThat(axe("staff-line-broken")).anyMatch(p -> p.contains("critical label"));
  }

  @Test
  void consolePage_isServedWithTheSiteCsp_asNoindexHtml() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/staff/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    assertThat(r.headers().firstValue("content-security-policy").orElse("")).contains("script-src 'self'",
        "connect-src 'self'").doesNotContain("unsafe-inline");
    assertThat(r.body()).contains("noindex");
    HttpResponse<String> bare = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/staff")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(bare.statusCode()).isEqualTo(301);
    assertThat(bare.headers().firstValue("location")).hasValue("/staff/");
  }

  // Signs in with the key of a user, or with a wrong key for null.
  private void signIn(String user) {
    if (!browser.getCurrentUrl().startsWith(base + "/staff/")) {
      open("/staff/");
    }
    waitFor(() -> browser.findElement(By.id("sign-in")).isDisplayed());
    WebElement key = browser.findElement(By.id("api-key"));
    key.clear();
    key.sendKeys(user == null ? "manager:not-the-key" : KEYS.get(user));
    browser.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
  }

  private String storedKey() {
    return (String) ((JavascriptExecutor) browser).executeScript("return window.sessionStorage.getItem(arguments[0]);",
        STORAGE);
  }

  private String message() {
    WebElement message = browser.findElement(By.id("message"));
    return message.isDisplayed() ? message.getText() : "";
  }

  private List<String> lineNames() {
    List<String> names = new ArrayList<>();
    for (WebElement th : browser.findElements(By.cssSelector("#lines tbody th"))) {
      names.add(th.getText());
    }
    return names;
  }

  private List<WebElement> rows(String table) {
    return browser.findElements(By.cssSelector("#" + table + " tbody tr"));
  }

  private static HttpRequest.Builder api(String path, String user) {
    return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "ApiKey " + KEYS.get(user));
  }

  // The line's current status as the API answers it, to check what the console did.
  private static String apiStatus(String name) throws Exception {
    HttpResponse<String> r = HTTP.send(api("/api/v0/executive/cell-lines/" + name, "viewer").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"status\": ?\"([a-z_]+)\"").matcher(r.body());
    assertThat(m.find()).as(r.body()).isTrue();
    return m.group(1);
  }

  private Path waitForDownload(String prefix) {
    Path[] found = new Path[1];
    waitFor(() -> {
      try (Stream<Path> files = Files.list(downloads)) {
        found[0] = files.filter(f -> f.getFileName().toString().startsWith(prefix)
            && f.getFileName().toString().endsWith(".csv")).findFirst().orElse(null);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return found[0] != null;
    });
    return found[0];
  }

  private List<String> axe(String page) {
    return chromium.axe(axe, page);
  }

  private void open(String path) {
    browser.get(base + path);
  }

  private void waitFor(java.util.function.BooleanSupplier condition) {
    chromium.waitFor(condition);
  }

  private void screenshot(String name) {
    chromium.screenshot(name);
  }
}

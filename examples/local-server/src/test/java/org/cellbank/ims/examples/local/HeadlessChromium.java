package org.cellbank.ims.examples.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium for the browser tests, driven by Selenium: one browser per test, its
 * waits (each leaving a screenshot under {@code target/screenshots}) and axe-core's accessibility
 * check. {@code .ci/run} installs Chromium and chromedriver; the build fetches axe-core.
 */
final class HeadlessChromium implements AutoCloseable {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final WebDriver browser;
  private final String testName;

  private HeadlessChromium(WebDriver browser, String testName) {
    this.browser = browser;
    this.testName = testName;
  }

  /** Checks that Chromium and chromedriver are installed and returns axe-core's script. */
  static String requireInstalledAndReadAxe() throws Exception {
    assertThat(CHROMIUM).as("Chromium is needed: apt-get install -y chromium chromium-driver").isExecutable();
    assertThat(CHROMEDRIVER).as("chromedriver is needed: apt-get install -y chromium chromium-driver").isExecutable();
    Path axeFile = Path.of(System.getProperty("ims.axe.js", "target/axe-core/package/axe.min.js"));
    assertThat(axeFile).as("axe-core, fetched by the build (npm pack)").isRegularFile();
    return Files.readString(axeFile);
  }

  /**
   * Starts a browser with a fresh profile under {@code dir}.
   *
   * @param testName names the screenshot each wait leaves
   * @param downloads where downloads go without asking; may be null (the browser's default)
   */
  static HeadlessChromium start(Path dir, String testName, Path downloads) throws Exception {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1280,1600", "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"));
    if (downloads != null) {
      options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
          "download.prompt_for_download", false));
    }
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
    WebDriver browser = new ChromeDriver(service, options);
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return new HeadlessChromium(browser, testName);
  }

  /** The browser. */
  WebDriver driver() {
    return browser;
  }

  /** Waits up to 20 s for the condition (exceptions count as "not yet"), then keeps a screenshot. */
  void waitFor(BooleanSupplier condition) {
    try {
      new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(RuntimeException.class)
          .until(d -> condition.getAsBoolean());
    } finally {
      screenshot(testName);
    }
  }

  /** Keeps a screenshot of the page as {@code target/screenshots/<name>.png}. */
  void screenshot(String name) {
    try {
      Path folder = Path.of(System.getProperty("ims.screenshots", "target/screenshots"));
      Files.createDirectories(folder);
      Files.write(folder.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    } catch (Exception e) {
      throw new IllegalStateException("cannot keep the screenshot " + name, e);
    }
  }

  /** Runs axe-core's WCAG 2.0/2.1 A and AA rules on the page; returns the serious and critical violations. */
  List<String> axe(String axeScript, String page) {
    JavascriptExecutor js = (JavascriptExecutor) browser;
    js.executeScript(axeScript);
    Object result = js.executeAsyncScript("var done = arguments[arguments.length - 1];"
        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        + ".then(function (r) { done(r.violations.map(function (v) {"
        + "  return v.impact + ' ' + v.id + ': ' + v.help + ' (' + v.nodes.length + ' nodes: '"
        + "    + v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); }).join(', ') + ')'; })); })"
        + ".catch(function (e) { done(['axe failed: ' + e]); });");
    List<String> out = new ArrayList<>();
    for (Object v : (List<?>) result) {
      String text = page + ": " + v;
      if (text.contains(": serious ") || text.contains(": critical ") || text.contains("axe failed")) {
        out.add(text);
      }
    }
    screenshot("axe-" + page);
    return out;
  }

  @Override
  public void close() {
    browser.quit();
  }
}

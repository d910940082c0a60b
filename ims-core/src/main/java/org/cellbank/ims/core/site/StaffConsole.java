package org.cellbank.ims.core.site;

import com.github.mustachejava.Mustache;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The staff console: one static page, {@code staff/index.html}, whose script
 * ({@code assets/staff.<hash>.js}) calls the executive API ({@code /api/v0/executive/...}) on the
 * site's own origin with the API key the staff member types in, kept in the tab's session storage.
 * The page holds no data and no secret, so it is generated with the public site and served by every
 * deployment as one more file; it is {@code noindex} and disallowed in {@code robots.txt}, and left
 * out of the sitemap. Like every page it has no inline script or style.
 */
final class StaffConsole {
  /** The template beside the site's others. */
  static final String TEMPLATE = "staff.mustache";
  /** The console's file in the site. */
  static final String PAGE = "staff/index.html";
  /** The console's address on the site. */
  static final String HOME = "/staff/";
  /** The robots.txt rule that keeps crawlers out of the console. */
  static final String ROBOTS_RULE = "Disallow: " + HOME + "\n";

  private final Mustache page;
  private final String scriptPath;
  private final String stylePath;

  /**
   * @param page the compiled {@link #TEMPLATE}
   * @param scriptPath the hashed path of the console's script ({@code /assets/staff.<hash>.js})
   * @param stylePath the hashed path of its stylesheet, loaded after the site's
   */
  StaffConsole(Mustache page, String scriptPath, String stylePath) {
    this.page = Objects.requireNonNull(page, "page");
    this.scriptPath = Objects.requireNonNull(scriptPath, "scriptPath");
    this.stylePath = Objects.requireNonNull(stylePath, "stylePath");
  }

  /** The site path of the console's script, {@code /assets/staff.<hash>.js}. */
  String scriptPath() {
    return scriptPath;
  }

  /** The page, from the site's common values ({@code siteName}, {@code cssPath}, {@code home}). */
  byte[] render(Map<String, Object> base) {
    Map<String, Object> scope = new HashMap<>(base);
    scope.put("staffJsPath", scriptPath);
    scope.put("staffCssPath", stylePath);
    scope.put("staffHome", HOME);
    StringWriter out = new StringWriter(12 * 1024);
    page.execute(out, scope);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}

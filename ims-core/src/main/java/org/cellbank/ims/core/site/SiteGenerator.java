package org.cellbank.ims.core.site;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.cellbank.ims.core.Page;
import org.cellbank.ims.core.StorageException;
import org.cellbank.ims.core.media.MediaKey;
import org.cellbank.ims.core.media.MediaStore;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.http.UrlEncoding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the public catalogue website into a {@link SiteStore}: the search page
 * ({@code index.html}), one page per cell line ({@code <name>/index.html}: the full page for a line
 * in the catalogue, a short status page for one that exists but is not), {@code 404.html},
 * {@code sitemap.xml}, {@code robots.txt} and the stylesheet and script under content-hashed names
 * ({@code assets/site.<hash>.css}), so they can be cached for ever; also the staff console
 * ({@code staff/index.html}, a {@code noindex} page whose script calls the executive API).
 *
 * <pre>{@code
 * SiteGenerator site = SiteGenerator.builder()
 *     .cellLines(lines)
 *     .store(FileSystemSiteStore.create(Path.of("site")))
 *     .siteUrl(URI.create("https://catalogue.example.org/"))
 *     .build();
 * site.generateAll();                              // the nightly job
 * site.regenerate(List.of("SAMEA2590882"));        // after a write touched these lines
 * }</pre>
 *
 * <p>Pages are Mustache templates ({@code org/cellbank/ims/core/site/templates}) that escape every
 * value for HTML; the rules of what a page shows live in Java. Pages hold no inline script or
 * style: {@link #contentSecurityPolicy()} is the policy to serve them with. Every page but the
 * search page is complete without JavaScript; the search page's script calls the public search
 * route ({@code GET /api/public/search}).
 *
 * <p>Thread-safe; generations running at the same time write the same files in any order.
 */
public final class SiteGenerator {
  private static final Logger LOG = LoggerFactory.getLogger(SiteGenerator.class);
  private static final String TEMPLATES = "org/cellbank/ims/core/site/templates";
  private static final String ASSETS = "org/cellbank/ims/core/site/assets/";
  /** Where published media files go in the site: {@code files/<media key>}. */
  static final String PUBLISHED_MEDIA = "files/";
  /** Content type of the generated HTML pages. */
  static final String HTML = "text/html; charset=utf-8";

  private final CellLineRepository lines;
  private final SiteStore store;
  private final URI siteUrl;
  private final String mediaBaseUrl;
  private final String searchApiUrl;
  private final String siteName;
  private final MediaStore media;
  private final Mustache linePage;
  private final Mustache statusPage;
  private final Mustache searchPage;
  private final Mustache notFoundPage;
  private final Mustache movedPage;
  private final Map<String, byte[]> assets;
  private final String cssPath;
  private final String jsPath;
  private final StaffConsole staff;

  private SiteGenerator(Builder b) {
    this.lines = b.lines;
    this.store = b.store;
    this.siteUrl = b.siteUrl;
    this.mediaBaseUrl = b.media != null ? "/" + PUBLISHED_MEDIA : b.mediaBaseUrl;
    this.searchApiUrl = b.searchApiUrl;
    this.siteName = b.siteName;
    this.media = b.media;
    DefaultMustacheFactory templates = new DefaultMustacheFactory(TEMPLATES);
    this.linePage = templates.compile("line.mustache");
    this.statusPage = templates.compile("status.mustache");
    this.searchPage = templates.compile("search.mustache");
    this.notFoundPage = templates.compile("404.mustache");
    this.movedPage = templates.compile("moved.mustache");
    this.assets = new LinkedHashMap<>();
    this.cssPath = asset("site", "css");
    this.jsPath = asset("search", "js");
    this.staff = new StaffConsole(templates.compile(StaffConsole.TEMPLATE), asset("staff", "js"), asset("staff", "css"));
  }

  /** A builder; the repository, the store and the site's URL are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The Content-Security-Policy to serve the pages with: everything from the site's own origin, no
   * inline script or style, no framing.
   */
  public String contentSecurityPolicy() {
    String images = "'self'";
    if (mediaBaseUrl.startsWith("https://") || mediaBaseUrl.startsWith("http://")) {
      URI media = URI.create(mediaBaseUrl);
      images = images + " " + media.getScheme() + "://" + media.getRawAuthority();
    }
    return "default-src 'self'; script-src 'self'; style-src 'self'; img-src " + images
        + "; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
  }

  /**
   * Writes the whole site: every line's page, the search and 404 pages, the sitemap, robots.txt
   * and the assets; a page at the old name of every line renamed since its page was last written,
   * pointing to the new one; and removes the pages of lines that are gone. The names pages were
   * written under are kept in the store at {@code .ims/page-names.tsv}. The nightly job calls it.
   *
   * @throws org.cellbank.ims.core.StorageException when the store cannot be written
   * @throws org.cellbank.ims.core.DatabaseException when the lines cannot be read
   */
  public SiteReport generateAll() {
    Catalogue catalogue = Catalogue.of(loadAll());
    Counter counter = new Counter();
    PageNames names = PageNames.read(store);
    Map<String, String> before = names.all();
    writeAssets(counter);
    writeFixedPages(counter);
    for (CellLine line : catalogue.lines()) {
      writeLine(catalogue, line, names, counter);
    }
    for (Map.Entry<String, String> page : before.entrySet()) {
      retire(catalogue, page.getKey(), page.getValue(), names, counter);
    }
    writeSitemap(catalogue, counter);
    names.save(store);
    return counter.report();
  }

  /**
   * Writes the pages of the given lines (by BioSamples id) and of the lines whose pages name them
   * (parent, subclones, lines of the same donor), then the sitemap. The outbox drain calls it with
   * the lines of each batch it applied ({@link #drainHook()}). A given line renamed since its page
   * was last written leaves a page at its old name that points to the new one; the page of a given
   * id that matches no line any more is removed (see {@link SiteReport}).
   * When the store lacks the staff console's hashed script (a site written by an earlier version), the
   * assets and the fixed pages (search, 404, robots.txt, the console) are written too.
   *
   * @throws org.cellbank.ims.core.StorageException when the store cannot be written
   * @throws org.cellbank.ims.core.DatabaseException when the lines cannot be read
   */
  public SiteReport regenerate(Collection<String> biosamplesIds) {
    Objects.requireNonNull(biosamplesIds, "biosamplesIds");
    Counter counter = new Counter();
    if (biosamplesIds.isEmpty()) {
      return counter.report();
    }
    Catalogue catalogue = Catalogue.of(loadAll());
    Set<CellLine> affected = new LinkedHashSet<>();
    for (String id : biosamplesIds) {
      CellLine line = catalogue.byId(id);
      if (line != null) {
        affected.add(line);
        affected.addAll(catalogue.relatedTo(line));
      }
    }
    // Assets are immutable under their hashed names; a first run may still need them. A console
    // script not yet stored means a new version: its page, and the fixed pages, name the new assets.
    boolean newConsole = !store.exists(staff.scriptPath().substring(1));
    if (newConsole || store.find(cssPath.substring(1)).isEmpty() || store.find(jsPath.substring(1)).isEmpty()) {
      writeAssets(counter);
    }
    if (newConsole) {
      writeFixedPages(counter);
    }
    PageNames names = PageNames.read(store);
    Map<String, String> before = names.all();
    for (CellLine line : affected) {
      writeLine(catalogue, line, names, counter);
    }
    for (String id : biosamplesIds) {
      String oldName = before.get(id);
      if (oldName != null) {
        retire(catalogue, id, oldName, names, counter);
      }
    }
    writeSitemap(catalogue, counter);
    names.save(store);
    return counter.report();
  }

  /**
   * A hook for the search outbox drain: called with the BioSamples ids of the lines a drained batch
   * touched, it regenerates their pages (see {@code OutboxDrainer.Builder#afterBatch}).
   */
  public java.util.function.Consumer<List<String>> drainHook() {
    return new DrainHook(this);
  }

  /** The site path of a line's page: {@code <name>/index.html}. */
  public static String pagePath(String lineName) {
    return SiteStore.checkPath(Objects.requireNonNull(lineName, "lineName") + "/index.html");
  }

  private List<CellLine> loadAll() {
    List<CellLine> all = new ArrayList<>();
    long offset = 0;
    while (true) {
      Page<CellLine> page = lines.page(new PageRequest(offset, PageRequest.MAX_LIMIT));
      all.addAll(page.items());
      offset += page.items().size();
      if (page.items().isEmpty() || offset >= page.totalCount()) {
        return all;
      }
    }
  }

  private void writeLine(Catalogue catalogue, CellLine line, PageNames names, Counter counter) {
    String path = pagePathOrNull(line.name());
    if (path == null) {
      // A name no URL path can hold ("..", a slash): no page rather than a page elsewhere.
      return;
    }
    names.put(line.biosamplesId(), line.name());
    Map<String, Object> scope = base(line.name());
    if (line.visibleInCatalogue()) {
      LinePageModel model = new LinePageModel(catalogue, line, mediaBaseUrl);
      scope.putAll(model.scope());
      publish(model.mediaKeys(), counter);
      scope.put("canonical", absolute(UrlEncoding.encodePathSegment(line.name()) + "/"));
      put(path, render(linePage, scope), HTML, counter);
      counter.linePages++;
    } else {
      scope.putAll(LinePageModel.statusScope(line));
      scope.put("noindex", Boolean.TRUE);
      put(path, render(statusPage, scope), HTML, counter);
      counter.statusPages++;
    }
  }

  private static String pagePathOrNull(String name) {
    try {
      return pagePath(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Deals with the page a line last had under {@code oldName}: nothing when the line still has that
   * name or another line has taken it (its page is there now); a page pointing to the new name when
   * the line was renamed; removed when the line is gone (or its new name can hold no page).
   */
  private void retire(Catalogue catalogue, String biosamplesId, String oldName, PageNames names, Counter counter) {
    CellLine now = catalogue.byId(biosamplesId);
    if (now != null && now.name().equals(oldName)) {
      return;
    }
    String newPath = now == null ? null : pagePathOrNull(now.name());
    if (newPath == null) {
      names.remove(biosamplesId);
    }
    String oldPath = pagePathOrNull(oldName);
    if (oldPath == null || catalogue.byName(oldName) != null) {
      return;
    }
    if (newPath == null) {
      if (store.exists(oldPath)) {
        store.delete(oldPath);
        counter.removedPages++;
      }
      return;
    }
    String target = "../" + UrlEncoding.encodePathSegment(now.name()) + "/";
    Map<String, Object> scope = base(oldName + " is now " + now.name());
    scope.put("oldName", oldName);
    scope.put("name", now.name());
    scope.put("target", target);
    scope.put("refresh", target);
    scope.put("noindex", Boolean.TRUE);
    scope.put("canonical", absolute(UrlEncoding.encodePathSegment(now.name()) + "/"));
    put(oldPath, render(movedPage, scope), HTML, counter);
    counter.movedPages++;
  }

  // Copies the page's images and CLIP into the site once (a media key never changes content).
  private void publish(List<String> keys, Counter counter) {
    if (media == null) {
      return;
    }
    for (String key : keys) {
      String path = PUBLISHED_MEDIA + key;
      try {
        SiteStore.checkPath(path);
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (store.exists(path)) {
        continue;
      }
      MediaKey mediaKey;
      try {
        mediaKey = MediaKey.of(key);
      } catch (RuntimeException e) {
        continue;
      }
      if (!media.exists(mediaKey)) {
        LOG.warn("Media file {} named by a page is missing; the page links to nothing", key);
        continue;
      }
      byte[] bytes;
      try (InputStream in = media.open(mediaKey)) {
        bytes = in.readAllBytes();
      } catch (IOException e) {
        throw new StorageException("cannot read media file " + key + ": " + e.getMessage(), e, true);
      }
      put(path, bytes, key.endsWith(".pdf") ? "application/pdf" : key.endsWith(".png") ? "image/png" : "image/jpeg",
          counter);
      counter.otherFiles++;
    }
  }

  private void writeFixedPages(Counter counter) {
    Map<String, Object> search = base("Cell line catalogue");
    search.put("searchApiUrl", searchApiUrl);
    search.put("canonical", absolute(""));
    search.put("script", Boolean.TRUE);
    search.put("description", "Search the catalogue of human pluripotent stem cell lines by name, disease, gene,"
        + " donor and derivation.");
    put("index.html", render(searchPage, search), HTML, counter);
    counter.otherFiles++;
    Map<String, Object> notFound = base("Page not found");
    notFound.put("noindex", Boolean.TRUE);
    put("404.html", render(notFoundPage, notFound), HTML, counter);
    counter.otherFiles++;
    put(StaffConsole.PAGE, staff.render(base("Staff console")), HTML, counter);
    counter.otherFiles++;
    String robots = "User-agent: *\n" + StaffConsole.ROBOTS_RULE + "Allow: /\nSitemap: " + absolute("sitemap.xml") + "\n";
    put("robots.txt", robots.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8", counter);
    counter.otherFiles++;
  }

  private void writeSitemap(Catalogue catalogue, Counter counter) {
    StringBuilder xml = new StringBuilder(64 * catalogue.lines().size() + 200);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
        .append("<url><loc>").append(xmlText(absolute(""))).append("</loc></url>\n");
    for (CellLine line : catalogue.lines()) {
      if (line.visibleInCatalogue()) {
        xml.append("<url><loc>").append(xmlText(absolute(UrlEncoding.encodePathSegment(line.name()) + "/")))
            .append("</loc></url>\n");
      }
    }
    xml.append("</urlset>\n");
    put("sitemap.xml", xml.toString().getBytes(StandardCharsets.UTF_8), "application/xml; charset=utf-8", counter);
    counter.otherFiles++;
  }

  private void writeAssets(Counter counter) {
    for (Map.Entry<String, byte[]> asset : assets.entrySet()) {
      String type = asset.getKey().endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
      put(asset.getKey().substring(1), asset.getValue(), type, counter);
      counter.otherFiles++;
    }
  }

  private Map<String, Object> base(String title) {
    Map<String, Object> scope = new HashMap<>();
    scope.put("title", title);
    scope.put("siteName", siteName);
    scope.put("cssPath", cssPath);
    scope.put("jsPath", jsPath);
    scope.put("home", "/");
    return scope;
  }

  private String absolute(String relative) {
    return siteUrl.toString() + relative;
  }

  private void put(String path, byte[] bytes, String type, Counter counter) {
    store.put(path, bytes, type);
    counter.bytes += bytes.length;
  }

  private static byte[] render(Mustache template, Map<String, Object> scope) {
    StringWriter out = new StringWriter(16 * 1024);
    template.execute(out, scope);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  // Loads an asset and registers it under its content-hashed path: /assets/<name>.<10 hex>.<ext>.
  private String asset(String name, String extension) {
    String resource = ASSETS + name + "." + extension;
    byte[] bytes;
    try (InputStream in = SiteGenerator.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing site asset " + resource);
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String path = "/assets/" + name + "." + sha256(bytes).substring(0, 10) + "." + extension;
    assets.put(path, bytes);
    return path;
  }

  private static String sha256(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      StringBuilder hex = new StringBuilder(64);
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static String xmlText(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Counts what a generation wrote. */
  private static final class Counter {
    int linePages;
    int statusPages;
    int otherFiles;
    int movedPages;
    int removedPages;
    long bytes;

    SiteReport report() {
      return new SiteReport(linePages, statusPages, otherFiles, movedPages, removedPages, bytes);
    }
  }

  /** The drain hook: a named class that regenerates the ids it is given. */
  private static final class DrainHook implements java.util.function.Consumer<List<String>> {
    private final SiteGenerator site;

    DrainHook(SiteGenerator site) {
      this.site = site;
    }

    @Override
    public void accept(List<String> biosamplesIds) {
      site.regenerate(biosamplesIds);
    }
  }

  /** Builds a {@link SiteGenerator}. Not thread-safe. */
  public static final class Builder {
    private CellLineRepository lines;
    private SiteStore store;
    private URI siteUrl;
    private String mediaBaseUrl = "/media/";
    private String searchApiUrl = "/api/public/search";
    private String siteName = "Cell line catalogue";
    private MediaStore media;

    private Builder() {}

    /**
     * Publishes the media files the pages show (the latest batch's images, the latest CLIP) into
     * the site under {@code files/<media key>}, copied from this store once each, and links the
     * pages to those copies: the site then needs no media route, and shows nothing the pages do
     * not name. Without it pages link to {@link #mediaBaseUrl(String)}.
     */
    public Builder media(MediaStore media) {
      this.media = Objects.requireNonNull(media, "media");
      return this;
    }

    /** The lines to publish (required). */
    public Builder cellLines(CellLineRepository lines) {
      this.lines = Objects.requireNonNull(lines, "lines");
      return this;
    }

    /** Where the files go (required). */
    public Builder store(SiteStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * The site's public address, for the sitemap and canonical links (required), e.g.
     * {@code https://catalogue.example.org/}; a missing trailing slash is added.
     *
     * @throws IllegalArgumentException when it is not an absolute http(s) URL without query
     */
    public Builder siteUrl(URI siteUrl) {
      Objects.requireNonNull(siteUrl, "siteUrl");
      String scheme = siteUrl.getScheme();
      if (!("https".equals(scheme) || "http".equals(scheme)) || siteUrl.getRawAuthority() == null
          || siteUrl.getRawQuery() != null || siteUrl.getRawFragment() != null) {
        throw new IllegalArgumentException("the site URL is an absolute http(s) URL without query: " + siteUrl);
      }
      String text = siteUrl.toString();
      this.siteUrl = URI.create(text.endsWith("/") ? text : text + "/");
      return this;
    }

    /**
     * The address media keys are appended to for images and CLIPs (default {@code /media/}, the
     * media route); an absolute URL such as a CloudFront origin is allowed by the CSP's img-src.
     */
    public Builder mediaBaseUrl(String mediaBaseUrl) {
      Objects.requireNonNull(mediaBaseUrl, "mediaBaseUrl");
      this.mediaBaseUrl = mediaBaseUrl.endsWith("/") ? mediaBaseUrl : mediaBaseUrl + "/";
      return this;
    }

    /** The public search route the search page calls (default {@code /api/public/search}). */
    public Builder searchApiUrl(String searchApiUrl) {
      this.searchApiUrl = Objects.requireNonNull(searchApiUrl, "searchApiUrl");
      return this;
    }

    /** The name in every page's header and title (default "Cell line catalogue"). */
    public Builder siteName(String siteName) {
      this.siteName = Objects.requireNonNull(siteName, "siteName");
      return this;
    }

    /**
     * The generator; the templates are compiled here.
     *
     * @throws IllegalStateException when the repository, the store or the site URL is missing
     */
    public SiteGenerator build() {
      if (lines == null || store == null || siteUrl == null) {
        throw new IllegalStateException("the cell-line repository, the site store and the site URL are required");
      }
      return new SiteGenerator(this);
    }
  }
}

package org.cellbank.ims.core.importer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cellbank.ims.http.UrlEncoding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether ECACC lists a cell line: its product page for the line's catalogue number answers 200 and
 * shows the line's name (the reference importer's check, docs/reference-behaviour.md §5; the request: docs/hpscreg-format.md §4.4).
 *
 * <p>The import only ever turns a line's "available at ECACC" flag on with this check, never off, so
 * an ECACC outage cannot empty the catalogue; turning it off is an administrator's decision. Any
 * failure (network, timeout, another status) counts as "not listed" and is logged.
 *
 * <pre>{@code
 * EcaccAvailability ecacc = EcaccAvailability.builder().build();
 * boolean listed = ecacc.isListed("66770001", "UKBi008-A");
 * }</pre>
 *
 * <p>An import that cannot reach ECACC (a function in a private network, say) reads the answers a
 * fetch step staged for it instead ({@link #staged(RegistryStage)}): the import leaves the lines it
 * wants checked in the stage, the next fetch asks ECACC about them, and the import after that reads
 * the answers. A line's flag is then set a day after the line first has an ECACC number.
 *
 * <p>Thread-safe.
 */
public final class EcaccAvailability {

  private static final Logger LOG = LoggerFactory.getLogger(EcaccAvailability.class);

  /** The ECACC product page of iPSC lines. */
  public static final URI DEFAULT_PAGE =
      URI.create("http://www.phe-culturecollections.org.uk/products/celllines/ipsc/detail.jsp");

  private final HttpClient http;
  private final URI page;
  private final Duration requestTimeout;
  private final RegistryStage stage;
  private volatile Map<String, StagedCopy.EcaccLine> answers;

  private EcaccAvailability(RegistryStage stage) {
    this.http = null;
    this.page = null;
    this.requestTimeout = null;
    this.stage = stage;
  }

  private EcaccAvailability(Builder b) {
    this.stage = null;
    this.http = b.httpClient != null ? b.httpClient
        : HttpClient.newBuilder().connectTimeout(b.connectTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    this.page = b.page;
    this.requestTimeout = b.requestTimeout;
  }

  /** A builder; every setting has a default. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A check that reads the answers staged in {@code stage} by a {@link RegistryStager} with the newest
   * copy of the registry, instead of asking ECACC.
   */
  public static EcaccAvailability staged(RegistryStage stage) {
    return new EcaccAvailability(Objects.requireNonNull(stage, "stage"));
  }

  /** Whether this check reads staged answers rather than asking ECACC. */
  public boolean isStaged() {
    return stage != null;
  }

  /**
   * Starts a run of checks: a staged check reads the newest copy's answers (none when the copy has
   * none or cannot be read: every line then counts as not listed); a live check does nothing.
   */
  void begin() {
    if (stage == null) {
      return;
    }
    Map<String, StagedCopy.EcaccLine> loaded = new HashMap<>();
    try {
      StagedCopy.Manifest manifest = StagedCopy.latest(stage);
      String key = StagedCopy.ecaccKey(manifest.run());
      stage.read(key).ifPresent(bytes -> {
        for (StagedCopy.EcaccLine line : StagedCopy.parseEcacc(bytes, key)) {
          loaded.put(line.name(), line);
        }
      });
    } catch (RuntimeException e) {
      LOG.warn("ECACC availability: the staged answers cannot be read, every line counts as not listed: {}", e.getMessage());
    }
    answers = Map.copyOf(loaded);
  }

  /**
   * Leaves the lines still to be checked in the stage, for the next fetch step to ask ECACC about; a
   * live check does nothing.
   */
  void want(List<StagedCopy.EcaccLine> lines) {
    if (stage != null) {
      stage.write(StagedCopy.ECACC_WANTED, StagedCopy.ecaccJson(lines, false));
    }
  }

  /**
   * Whether the product page of {@code ecaccId} answers 200 and contains {@code name}; false on any
   * failure. A staged check answers what ECACC said for that name and number when the copy was
   * fetched, and false for a line it was not asked about.
   */
  public boolean isListed(String ecaccId, String name) {
    Objects.requireNonNull(ecaccId, "ecaccId");
    Objects.requireNonNull(name, "name");
    if (stage != null) {
      Map<String, StagedCopy.EcaccLine> known = answers;
      if (known == null) {
        begin();
        known = answers;
      }
      StagedCopy.EcaccLine answer = known.get(name);
      return answer != null && answer.listed() && answer.ecaccId().equals(ecaccId);
    }
    URI uri = URI.create(page + "?refId=" + UrlEncoding.encodeQueryComponent(ecaccId) + "&collection=ecacc_ipsc");
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(requestTimeout).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains(name);
    } catch (IOException e) {
      LOG.warn("ECACC availability check for {} ({}) failed, flag left as it is: {}", name, ecaccId, e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Builds an {@link EcaccAvailability}. Not thread-safe. */
  public static final class Builder {
    private URI page = DEFAULT_PAGE;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(20);
    private HttpClient httpClient;

    private Builder() {}

    /** The product page, queried with {@code ?refId=<ecacc id>&collection=ecacc_ipsc}. */
    public Builder page(URI page) {
      this.page = Objects.requireNonNull(page, "page");
      return this;
    }

    /** How long to wait for a connection (default 5 s); ignored with {@link #httpClient}. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
      return this;
    }

    /** How long to wait for one page (default 20 s). */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
      return this;
    }

    /** An HTTP client to use instead of one of our own; the caller owns it. */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /** Builds the check. */
    public EcaccAvailability build() {
      return new EcaccAvailability(this);
    }
  }
}

package org.cellbank.ims.core.importer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

  private EcaccAvailability(Builder b) {
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
   * Whether the product page of {@code ecaccId} answers 200 and contains {@code name}; false on any
   * failure.
   */
  public boolean isListed(String ecaccId, String name) {
    Objects.requireNonNull(ecaccId, "ecaccId");
    Objects.requireNonNull(name, "name");
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

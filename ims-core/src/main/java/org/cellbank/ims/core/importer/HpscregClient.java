package org.cellbank.ims.core.importer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cellbank.ims.http.UrlEncoding;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonException;
import org.cellbank.ims.http.internal.json.JsonNull;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.http.internal.json.JsonString;
import org.cellbank.ims.http.internal.json.JsonValue;

/**
 * Reads the hPSCreg export API: the list of cell-line names and one detail document per name, with
 * HTTP Basic authentication on every call.
 *
 * <pre>{@code
 * HpscregClient client = HpscregClient.builder()
 *     .baseUri(URI.create("https://hpscreg.eu/api/export/ebisc"))
 *     .credentials(user, password)
 *     .build();
 * List<String> names = client.list();
 * HpscregImporter importer = HpscregImporter.builder().client(client)...build();
 * }</pre>
 *
 * <p>The list is {@code GET <base>}, a detail {@code GET <base>/<name>}. Thread-safe; create one per
 * application. The credentials are kept only as the prepared header value and never logged.
 */
public final class HpscregClient {

  private final HttpClient http;
  private final URI base;
  private final String authorization;
  private final Duration requestTimeout;

  private HpscregClient(Builder b) {
    this.http = b.httpClient != null ? b.httpClient
        : HttpClient.newBuilder().connectTimeout(b.connectTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    String text = b.baseUri.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.authorization = b.user == null ? null
        : "Basic " + Base64.getEncoder().encodeToString((b.user + ":" + b.password).getBytes(StandardCharsets.UTF_8));
    this.requestTimeout = b.requestTimeout;
  }

  /** A builder; the base URI is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The base URI, e.g. {@code https://hpscreg.eu/api/export/ebisc}. */
  public URI baseUri() {
    return base;
  }

  /**
   * The names of the cell lines the registry exports, in the registry's order.
   *
   * @throws HpscregException when the call fails or the answer is not a JSON array of strings
   */
  public List<String> list() {
    JsonValue value = get(base, "the hPSCreg list");
    if (!(value instanceof JsonArray array)) {
      throw new HpscregException("the hPSCreg list answer is " + Fields.kind(value) + ", not an array of names", false);
    }
    List<String> names = new ArrayList<>(array.size());
    for (JsonValue v : array.elements()) {
      if (!(v instanceof JsonString s)) {
        throw new HpscregException("the hPSCreg list holds " + Fields.kind(v) + ", not only names", false);
      }
      names.add(s.value());
    }
    return List.copyOf(names);
  }

  /**
   * The detail document of one line; empty when the registry answers JSON {@code null}.
   *
   * @throws HpscregException when the call fails, the status is not 200, or the answer is not a JSON
   *     object (for example a bare JSON string such as "Cell line not found")
   */
  Optional<JsonObject> detail(String name) {
    Objects.requireNonNull(name, "name");
    URI uri = URI.create(base + "/" + UrlEncoding.encodePathSegment(name));
    JsonValue value = get(uri, "hPSCreg line " + name);
    if (value == JsonNull.INSTANCE) {
      return Optional.empty();
    }
    if (value instanceof JsonString s) {
      throw new HpscregException("invalid cell-line data for hPSCreg line " + name + ": " + abbreviate(s.value()), false);
    }
    if (!(value instanceof JsonObject object)) {
      throw new HpscregException("the answer for hPSCreg line " + name + " is " + Fields.kind(value) + ", not an object", false);
    }
    return Optional.of(object);
  }

  private JsonValue get(URI uri, String what) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET()
        .header("Accept", "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new HpscregException("cannot read " + what + " from " + uri.getHost() + ": " + e.getMessage(), e, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HpscregException("interrupted while reading " + what, e, true);
    }
    int status = response.statusCode();
    if (status != 200) {
      throw new HpscregException("reading " + what + " failed with HTTP status " + status, status >= 500 || status == 429);
    }
    try {
      return JsonReader.create().read(response.body());
    } catch (JsonException e) {
      throw new HpscregException("the answer for " + what + " is not JSON: " + e.getMessage(), e, false);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  /** Builds an {@link HpscregClient}. Not thread-safe. */
  public static final class Builder {
    private URI baseUri;
    private String user;
    private String password;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(60);
    private HttpClient httpClient;

    private Builder() {}

    /** The export API's base URI (required), e.g. {@code https://hpscreg.eu/api/export/ebisc}. */
    public Builder baseUri(URI baseUri) {
      this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
      return this;
    }

    /** HTTP Basic credentials sent on every call; without them no Authorization header is sent. */
    public Builder credentials(String user, String password) {
      this.user = Objects.requireNonNull(user, "user");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** How long to wait for a connection (default 10 s); ignored with {@link #httpClient}. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
      return this;
    }

    /** How long to wait for one whole answer (default 60 s). */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
      return this;
    }

    /** An HTTP client to use instead of one of our own; the caller owns it. */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /** Builds the client. */
    public HpscregClient build() {
      Objects.requireNonNull(baseUri, "baseUri");
      return new HpscregClient(this);
    }
  }
}

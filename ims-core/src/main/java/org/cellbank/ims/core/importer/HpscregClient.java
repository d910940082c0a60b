package org.cellbank.ims.core.importer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
 *
 * <p>An import that cannot reach the registry (a function in a private network, say) reads a copy
 * that a fetch step staged earlier instead ({@link #staged(RegistryStage, Duration)}, {@link RegistryStager}).
 */
public final class HpscregClient {

  private final HttpClient http;
  private final URI base;
  private final String authorization;
  private final Duration requestTimeout;
  private final RegistryStage stage;
  private final Duration maxAge;
  private final Clock clock;
  private volatile StagedCopy.Manifest pinned;

  private HpscregClient(RegistryStage stage, Duration maxAge, Clock clock) {
    this.http = null;
    this.base = null;
    this.authorization = null;
    this.requestTimeout = null;
    this.stage = stage;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  private HpscregClient(Builder b) {
    this.stage = null;
    this.maxAge = null;
    this.clock = null;
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

  /**
   * A client that reads the newest copy of the registry staged in {@code stage} by a
   * {@link RegistryStager}, instead of the registry itself. Each import run reads the copy's manifest
   * when it starts and keeps to that copy; a line the fetch step could not fetch fails as it would
   * have failed then.
   *
   * @param maxAge how old the copy may be: an older one is refused (the fetch step has stopped
   *     working, and importing the same old copy night after night would hide it)
   */
  public static HpscregClient staged(RegistryStage stage, Duration maxAge) {
    return staged(stage, maxAge, Clock.systemUTC());
  }

  static HpscregClient staged(RegistryStage stage, Duration maxAge, Clock clock) {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("the staged copy's maximum age must be positive: " + maxAge);
    }
    return new HpscregClient(stage, maxAge, Objects.requireNonNull(clock, "clock"));
  }

  /**
   * The base URI, e.g. {@code https://hpscreg.eu/api/export/ebisc}; null for a
   * {@linkplain #staged staged} client.
   */
  public URI baseUri() {
    return base;
  }

  /** Whether this client reads a staged copy rather than the registry. */
  public boolean isStaged() {
    return stage != null;
  }

  /**
   * Starts an import run: a staged client reads the newest copy's manifest and keeps to that copy
   * until the next call; a client of the registry itself does nothing.
   *
   * @throws HpscregException when there is no copy, or it is older than the maximum age
   */
  void begin() {
    if (stage == null) {
      return;
    }
    StagedCopy.Manifest manifest = StagedCopy.latest(stage);
    Duration age = Duration.between(manifest.fetchedAt(), clock.instant());
    if (age.compareTo(maxAge) > 0) {
      throw new HpscregException("the newest staged copy of the registry was fetched at " + manifest.fetchedAt()
          + ", " + age.toHours() + " h ago, more than the " + maxAge.toHours() + " h allowed: is the fetch step failing?",
          false);
    }
    pinned = manifest;
  }

  private StagedCopy.Manifest manifest() {
    StagedCopy.Manifest manifest = pinned;
    if (manifest == null) {
      begin();
      manifest = pinned;
    }
    return manifest;
  }

  /**
   * The names of the cell lines the registry exports, in the registry's order.
   *
   * @throws HpscregException when the call fails or the answer is not a JSON array of strings
   */
  public List<String> list() {
    JsonValue value;
    if (stage != null) {
      begin();
      StagedCopy.Manifest manifest = pinned;
      String key = StagedCopy.listKey(manifest.run());
      value = parse(stage.read(key).orElseThrow(
          () -> new HpscregException("the staged copy " + manifest.run() + " has no list (" + key + ")", false)),
          "the hPSCreg list");
    } else {
      value = parse(getBytes(base, "the hPSCreg list"), "the hPSCreg list");
    }
    return names(value);
  }

  /** The names of a list document; refused when it is not an array of strings. */
  static List<String> names(JsonValue value) {
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
    String what = "hPSCreg line " + name;
    if (stage != null) {
      StagedCopy.Manifest manifest = manifest();
      Optional<byte[]> staged = stage.read(StagedCopy.lineKey(manifest.run(), name));
      if (staged.isEmpty()) {
        String failure = manifest.failed().get(name);
        throw failure != null
            ? new HpscregException("the fetch step could not read " + what + " at " + manifest.fetchedAt() + ": " + failure, true)
            : new HpscregException(what + " is not in the staged copy fetched at " + manifest.fetchedAt(), false);
      }
      return detail(name, parse(staged.get(), what));
    }
    return detail(name, parse(getBytes(detailUri(name), what), what));
  }

  private URI detailUri(String name) {
    return URI.create(base + "/" + UrlEncoding.encodePathSegment(name));
  }

  /** The bytes of the list document, as the registry sends them (a client of the registry only). */
  byte[] listBytes() {
    return getBytes(base, "the hPSCreg list");
  }

  /** The bytes of one line's detail document, as the registry sends them (a client of the registry only). */
  byte[] detailBytes(String name) {
    return getBytes(detailUri(name), "hPSCreg line " + name);
  }

  /** Checks a detail document's shape: an object, or JSON null (empty). */
  static Optional<JsonObject> detail(String name, JsonValue value) {
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

  private byte[] getBytes(URI uri, String what) {
    if (http == null) {
      throw new IllegalStateException("a staged hPSCreg client reads no registry over HTTP");
    }
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
    return response.body();
  }

  static JsonValue parse(byte[] body, String what) {
    try {
      return JsonReader.create().read(body);
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

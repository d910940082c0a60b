package org.cellbank.ims.core.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cellbank.ims.core.NotFoundException;
import org.cellbank.ims.core.media.MediaFormat;
import org.cellbank.ims.core.media.MediaKey;
import org.cellbank.ims.core.media.MediaObject;
import org.cellbank.ims.core.media.MediaStore;
import org.cellbank.ims.core.media.PresignedUrl;
import org.cellbank.ims.http.HttpRequest;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.Router;
import org.cellbank.ims.http.UrlEncoding;

/**
 * The media route {@code GET /media/{key}}: the files that the API's {@code /media/...} URLs (CoA,
 * images, CLIPs) point at.
 *
 * <pre>{@code
 * // Amazon S3: answer a redirect to a presigned URL that expires after 5 minutes
 * MediaRoutes media = MediaRoutes.builder().store(s3Store).redirect(true).build();
 * // the local server: stream the bytes from the file system
 * MediaRoutes media = MediaRoutes.builder().store(fileSystemStore).build();
 * Router router = media.addTo(PartnerApi.create(lines, batches).addTo(Router.builder()))
 *     .filter(ApiKeyAuthentication.requiring(apiKeys, Role.PARTNER))
 *     .build();
 * }</pre>
 *
 * <p>The key is the rest of the path after {@code /media/}, percent-decoded segment by segment
 * ({@link V0Json#mediaUrl(String)} writes it the other way). A key that {@link MediaKey#of(String)}
 * refuses answers 400; a key with no object, or an unconfirmed upload under {@code pending/}, 404.
 * Media is partner data: serve the route behind the same authentication filter as the API.
 *
 * <p>Two ways to answer, chosen by the builder because only the deployment knows which fits:
 *
 * <ul>
 *   <li><b>Redirect</b> ({@code redirect(true)}, for stores whose presigned URLs the client can reach
 *       directly, such as S3): 302 with {@code Location} set to a URL from
 *       {@link MediaStore#presignGet} that expires after {@link Builder#expiry(Duration)} (default
 *       {@value #DEFAULT_EXPIRY_MINUTES} minutes), and {@code Cache-Control: no-store} so that no cache
 *       keeps the URL past its expiry. The bytes never pass through the function, so the size of a
 *       file is not bounded by the Lambda payload limit.
 *   <li><b>Stream</b> (the default, for {@code FileSystemMediaStore}, whose presigned URLs nothing
 *       serves): 200 with the bytes, the content type detected from the first bytes
 *       ({@link MediaFormat}, else {@code application/octet-stream}), {@code Content-Length},
 *       {@code Accept-Ranges: bytes} and {@code Cache-Control: private, no-store}. A single
 *       {@code Range: bytes=first-last}, {@code bytes=first-} or {@code bytes=-suffix} answers 206
 *       with {@code Content-Range} (read through {@link MediaStore#openRange}); a range that starts
 *       past the end answers 416 with {@code Content-Range: bytes *}{@code /size}. Several ranges,
 *       another unit, a malformed header or an {@code If-Range} precondition get the whole file
 *       (RFC 9110 lets a server ignore a range). The answer is held in memory, so this mode suits
 *       local runs and files of a few megabytes; on Lambda the answer must stay under 6 MB.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class MediaRoutes {

  /** The route pattern. */
  public static final String PATTERN = "/media/{key+}";
  /** The default lifetime of a presigned URL in redirect mode, in minutes. */
  public static final long DEFAULT_EXPIRY_MINUTES = 5;

  private static final Pattern RANGE = Pattern.compile("bytes=([0-9]{0,18})-([0-9]{0,18})");

  private final MediaStore store;
  private final boolean redirect;
  private final Duration expiry;

  private MediaRoutes(Builder b) {
    this.store = b.store;
    this.redirect = b.redirect;
    this.expiry = b.expiry;
  }

  /** A builder: a store is required; stream mode; URLs (in redirect mode) expire after 5 minutes. */
  public static Builder builder() {
    return new Builder();
  }

  /** Adds {@code GET /media/{key+}} to a router builder and returns it. */
  public Router.Builder addTo(Router.Builder router) {
    return router.get(PATTERN, this::media);
  }

  /** Whether the route answers with redirects to presigned URLs (else it streams the bytes). */
  public boolean redirects() {
    return redirect;
  }

  /** How long the presigned URLs of redirect answers stay valid. */
  public Duration expiry() {
    return expiry;
  }

  /**
   * {@code GET /media/{key+}}: a redirect to the object, or its bytes.
   *
   * @throws org.cellbank.ims.core.ValidationException (400) when the key is malformed
   * @throws NotFoundException (404) when no confirmed object has the key
   */
  public HttpResponse media(HttpRequest request) {
    MediaKey key = MediaKey.of(request.pathParameter("key"));
    if (key.isPending()) {
      throw notFound(key);
    }
    return redirect ? redirect(key) : stream(key, request);
  }

  private HttpResponse redirect(MediaKey key) {
    if (!store.exists(key)) {
      throw notFound(key);
    }
    PresignedUrl url = store.presignGet(key, expiry);
    return HttpResponse.builder(302)
        .header("location", url.url().toString())
        .header("cache-control", "no-store")
        .build();
  }

  private HttpResponse stream(MediaKey key, HttpRequest request) {
    Optional<MediaObject> found = store.find(key);
    if (found.isEmpty()) {
      throw notFound(key);
    }
    MediaObject object = found.get();
    long size = object.size();
    Optional<String> rangeHeader = request.headers().first("if-range").isPresent()
        ? Optional.empty() : request.headers().first("range");
    long[] range = rangeHeader.map(h -> parseRange(h, size)).orElse(null);
    if (range != null && range.length == 0) {
      return HttpResponse.error(416, "The range is not satisfiable: the file has " + size + " bytes")
          .toBuilder()
          .header("content-range", "bytes */" + size)
          .header("accept-ranges", "bytes")
          .build();
    }
    byte[] body;
    String contentType;
    if (range == null) {
      body = read(store.open(key));
      contentType = contentType(body, body.length);
    } else {
      body = read(store.openRange(key, range[0], range[1] - range[0] + 1));
      byte[] head = range[0] == 0 ? body : read(store.openRange(key, 0, Math.min(size, MediaFormat.MAGIC_LENGTH)));
      contentType = contentType(head, Math.min(head.length, MediaFormat.MAGIC_LENGTH));
    }
    HttpResponse.Builder response = HttpResponse.builder(range == null ? 200 : 206)
        .header("content-type", contentType)
        .header("content-length", Long.toString(body.length))
        .header("accept-ranges", "bytes")
        .header("cache-control", "private, no-store")
        .header("x-content-type-options", "nosniff")
        .header("content-disposition", "inline; filename*=UTF-8''" + UrlEncoding.encodeHeaderParameter(key.fileName()))
        .body(body);
    if (range != null) {
      response.header("content-range", "bytes " + range[0] + "-" + range[1] + "/" + size);
    }
    return response.build();
  }

  /**
   * The inclusive byte range {@code [first, last]} of a {@code Range} header for a file of
   * {@code size} bytes, as this route reads it (one {@code bytes=} range: {@code a-b}, {@code a-} or
   * {@code -n}); an empty array when the range cannot be satisfied (answer 416); null when the
   * header is to be ignored (malformed, another unit, several ranges: answer the whole file). Public
   * for servers of presigned URLs that answer ranges as this route does.
   */
  public static long[] parseRange(String header, long size) {
    Matcher m = RANGE.matcher(header.strip());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return null;
    }
    if (m.group(1).isEmpty()) {
      long suffix = Long.parseLong(m.group(2));
      return suffix == 0 || size == 0 ? new long[0] : new long[] {Math.max(0, size - suffix), size - 1};
    }
    long first = Long.parseLong(m.group(1));
    long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
    if (last < first) {
      return null;
    }
    if (first >= size) {
      return new long[0];
    }
    return new long[] {first, Math.min(last, size - 1)};
  }

  private static String contentType(byte[] head, int length) {
    return MediaFormat.detect(head, length).map(MediaFormat::contentType).orElse(MediaFormat.OCTET_STREAM);
  }

  private static byte[] read(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read a media object", e);
    }
  }

  private static NotFoundException notFound(MediaKey key) {
    return new NotFoundException("no media file at /media/" + key);
  }

  /** Builds {@link MediaRoutes}. Not thread-safe. */
  public static final class Builder {
    private MediaStore store;
    private boolean redirect;
    private Duration expiry = Duration.ofMinutes(DEFAULT_EXPIRY_MINUTES);

    private Builder() {}

    /** Sets the store the files come from (required). */
    public Builder store(MediaStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Chooses redirects to presigned URLs ({@code true}, for S3) or streamed bytes ({@code false},
     * the default, for the file-system store).
     */
    public Builder redirect(boolean redirect) {
      this.redirect = redirect;
      return this;
    }

    /**
     * Sets how long the presigned URLs of redirect answers stay valid (default 5 minutes).
     *
     * @throws IllegalArgumentException when the expiry is not between 1 second and 7 days
     */
    public Builder expiry(Duration expiry) {
      Objects.requireNonNull(expiry, "expiry");
      if (expiry.compareTo(Duration.ofSeconds(1)) < 0 || expiry.compareTo(Duration.ofDays(7)) > 0) {
        throw new IllegalArgumentException("expiry must be between 1 second and 7 days: " + expiry);
      }
      this.expiry = expiry;
      return this;
    }

    /**
     * The routes.
     *
     * @throws IllegalStateException when no store was set
     */
    public MediaRoutes build() {
      if (store == null) {
        throw new IllegalStateException("a media store is required");
      }
      return new MediaRoutes(this);
    }
  }
}

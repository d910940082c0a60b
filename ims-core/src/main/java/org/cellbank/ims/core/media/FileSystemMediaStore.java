package org.cellbank.ims.core.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import org.cellbank.ims.core.ConflictException;
import org.cellbank.ims.core.NotFoundException;
import org.cellbank.ims.core.StorageException;
import org.cellbank.ims.core.ValidationException;
import org.cellbank.ims.http.BadRequestException;
import org.cellbank.ims.http.UrlEncoding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MediaStore} on a local directory, for local runs and tests.
 *
 * <p>Objects are files under the root directory at their key's path. Uploads are written to a
 * temporary file under {@code <root>/.incoming/} and moved into place only when complete and
 * checked, so a failed upload never leaves a partial object.
 *
 * <p>Presigned URLs point at {@code baseUri + <key>} with {@code expires} (epoch seconds) and {@code
 * signature} (HMAC-SHA256 with the builder's signing key over the method, the key and the expiry)
 * query parameters. The store does not serve HTTP itself: the HTTP layer passes the request URL to
 * {@link #openSigned(URI)} (GET) or {@link #acceptSignedUpload(URI, InputStream)} (PUT), which
 * verify the signature and expiry first; {@link #verify(String, URI)} only checks.
 *
 * <pre>{@code
 * FileSystemMediaStore store = FileSystemMediaStore.builder()
 *     .root(Path.of("var/media"))
 *     .baseUri(URI.create("http://localhost:8080/media/"))
 *     .signingKey(secret32Bytes)
 *     .build();
 * StoredMedia coa = store.put(MediaKind.CERTIFICATE_OF_ANALYSIS, "UKBi008-A.CoA.pdf", in);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class FileSystemMediaStore implements MediaStore {

  private static final Logger LOG = LoggerFactory.getLogger(FileSystemMediaStore.class);
  private static final String INCOMING = ".incoming";
  private static final int BUFFER_SIZE = 64 * 1024;
  private static final String HMAC = "HmacSHA256";

  private final Path root;
  private final URI baseUri;
  private final byte[] signingKey;
  private final Clock clock;
  private final long maxSize;

  private FileSystemMediaStore(Builder b) {
    this.root = b.root;
    this.baseUri = b.baseUri;
    this.signingKey = b.signingKey;
    this.clock = b.clock;
    this.maxSize = b.maxSize;
  }

  /** Returns a builder; root, base URI and signing key are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The directory that holds the objects. */
  public Path root() {
    return root;
  }

  /** The URL prefix presigned URLs start with. */
  public URI baseUri() {
    return baseUri;
  }

  /** The largest object accepted, in bytes. */
  public long maxSize() {
    return maxSize;
  }

  @Override
  public StoredMedia put(MediaKind kind, String fileName, InputStream content) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(content, "content");
    String name = MediaFileNames.sanitize(fileName);
    MediaKey key = MediaKey.newCellLineKey(LocalDate.now(clock.withZone(ZoneOffset.UTC)), name);
    StoredMedia stored = writeNew(key, kind, content);
    LOG.debug("stored {} ({} bytes)", key, stored.size());
    return stored;
  }

  @Override
  public InputStream open(MediaKey key) {
    Objects.requireNonNull(key, "key");
    Path path = inside(resolve(key));
    if (path == null) {
      throw notFound(key);
    }
    try {
      return Files.newInputStream(path);
    } catch (NoSuchFileException e) {
      throw notFound(key);
    } catch (IOException e) {
      throw new StorageException("could not open media object " + key, e, false);
    }
  }

  @Override
  public InputStream openRange(MediaKey key, long offset, long length) {
    Objects.requireNonNull(key, "key");
    if (offset < 0 || length < 0) {
      throw new ValidationException("range offset and length must not be negative");
    }
    Path path = inside(resolve(key));
    if (path == null) {
      throw notFound(key);
    }
    try {
      long size = Files.size(path);
      if (length == 0) {
        return new ByteArrayInputStream(new byte[0]);
      }
      if (offset >= size) {
        throw new ValidationException(
            "range starts at " + offset + " but media object " + key + " has " + size + " bytes");
      }
      SeekableByteChannel channel = Files.newByteChannel(path, StandardOpenOption.READ);
      channel.position(offset);
      return new BoundedInputStream(Channels.newInputStream(channel), Math.min(length, size - offset));
    } catch (NoSuchFileException e) {
      throw notFound(key);
    } catch (IOException e) {
      throw new StorageException("could not read media object " + key, e, false);
    }
  }

  @Override
  public boolean exists(MediaKey key) {
    Objects.requireNonNull(key, "key");
    return inside(resolve(key)) != null;
  }

  @Override
  public Optional<MediaObject> find(MediaKey key) {
    Objects.requireNonNull(key, "key");
    Path path = inside(resolve(key));
    if (path == null) {
      return Optional.empty();
    }
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      return Optional.of(new MediaObject(key, attributes.size(), attributes.lastModifiedTime().toInstant()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException("could not look up media object " + key, e, false);
    }
  }

  // The file itself, when it is a regular file whose real location (links resolved) is inside the
  // store; else null: a symbolic link never leads out of the root.
  private Path inside(Path path) {
    try {
      Path real = path.toRealPath();
      return real.startsWith(realRoot()) && Files.isRegularFile(real) ? real : null;
    } catch (FileSystemException e) {
      // No such file, a name longer than the file system allows, a part that is not a directory:
      // nothing is stored under that key.
      return null;
    } catch (IOException e) {
      throw new StorageException("could not look up media object " + root.relativize(path), e, false);
    }
  }

  private Path realRoot() throws IOException {
    return root.toRealPath();
  }

  @Override
  public void delete(MediaKey key) {
    Objects.requireNonNull(key, "key");
    Path path = resolve(key);
    try {
      if (Files.deleteIfExists(path)) {
        LOG.debug("deleted {}", key);
        removeEmptyParents(path.getParent());
      }
    } catch (IOException e) {
      throw new StorageException("could not delete media object " + key, e, false);
    }
  }

  @Override
  public List<MediaObject> list(String prefix) {
    MediaKey.requireSafePrefix(prefix);
    List<MediaObject> objects = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        if (!Files.isRegularFile(path)) {
          continue;
        }
        String relative = keyOf(path);
        if (relative.startsWith(INCOMING + "/") || !relative.startsWith(prefix)) {
          continue;
        }
        objects.add(
            new MediaObject(
                MediaKey.of(relative), Files.size(path), Files.getLastModifiedTime(path).toInstant()));
      }
    } catch (IOException e) {
      throw new StorageException("could not list media under '" + prefix + "'", e, false);
    }
    objects.sort(Comparator.comparing(o -> o.key().value().getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
    return List.copyOf(objects);
  }

  @Override
  public PresignedUrl presignGet(MediaKey key, Duration expiry) {
    Objects.requireNonNull(key, "key");
    return sign("GET", key, expiry);
  }

  @Override
  public UploadTicket issueUpload(UploadRequest request) {
    Objects.requireNonNull(request, "request");
    MediaKey pending = MediaKey.newPendingKey(MediaFileNames.sanitize(request.fileName()));
    return new UploadTicket(pending, request.kind(), sign("PUT", pending, request.expiry()));
  }

  /**
   * Checks a presigned URL this store issued and returns the key it grants access to.
   *
   * <p>Only the URL's path and query are checked, so the HTTP layer may pass the URL as received
   * (behind a proxy the host may differ from {@link #baseUri()}).
   *
   * @param method the request's HTTP method, {@code GET} or {@code PUT}
   * @param url the request URL
   * @return the key
   * @throws ValidationException when the URL was not signed by this store for this method, was
   *     altered, or has expired (the HTTP layer answers 403)
   */
  public MediaKey verify(String method, URI url) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    String basePath = baseUri.getRawPath();
    String path = url.getRawPath();
    String query = url.getRawQuery();
    if (path == null || query == null || !path.startsWith(basePath)) {
      throw refused();
    }
    Map<String, String> params = new HashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || params.put(pair.substring(0, eq), pair.substring(eq + 1)) != null) {
        throw refused();
      }
    }
    String expires = params.get("expires");
    String signature = params.get("signature");
    if (params.size() != 2 || expires == null || signature == null || !expires.matches("[0-9]{1,12}")) {
      throw refused();
    }
    MediaKey key;
    try {
      key = MediaKey.of(decodePath(path.substring(basePath.length())));
    } catch (ValidationException | BadRequestException | IllegalArgumentException e) {
      throw refused();
    }
    byte[] expected = signature(method, key, Long.parseLong(expires));
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      throw refused();
    }
    if (!MessageDigest.isEqual(expected, given)) {
      throw refused();
    }
    if (clock.instant().getEpochSecond() > Long.parseLong(expires)) {
      throw refused();
    }
    return key;
  }

  /**
   * Verifies a presigned GET URL and opens the object it names; the caller closes the stream.
   *
   * @throws ValidationException when the URL is not valid (see {@link #verify(String, URI)})
   * @throws NotFoundException when the object does not exist
   */
  public InputStream openSigned(URI url) {
    return open(verify("GET", url));
  }

  /**
   * Verifies a presigned PUT URL and stores the request body under its pending key.
   *
   * <p>The body is not checked against its kind here; {@link #confirm(UploadConfirmation)} does
   * that. A ticket accepts one upload: a second PUT to the same URL is a conflict.
   *
   * @return the number of bytes stored
   * @throws ValidationException when the URL is not valid or the body is above the size cap
   * @throws ConflictException when something was already uploaded with this ticket
   */
  public long acceptSignedUpload(URI url, InputStream body) {
    Objects.requireNonNull(body, "body");
    MediaKey key = verify("PUT", url);
    if (!key.isPending()) {
      throw refused();
    }
    return writeNew(key, MediaKind.DEPOSITOR_FILE, body).size();
  }

  @Override
  public StoredMedia confirm(UploadConfirmation confirmation) {
    Objects.requireNonNull(confirmation, "confirmation");
    MediaKey pendingKey = confirmation.pendingKey();
    Path pending = resolve(pendingKey);
    StoredMedia checked;
    try (InputStream in = Files.newInputStream(pending)) {
      checked = readChecked(pendingKey, confirmation, in, Files.size(pending));
    } catch (NoSuchFileException e) {
      throw new NotFoundException("nothing was uploaded under " + pendingKey + " (or it was already confirmed)");
    } catch (IOException e) {
      throw new StorageException("could not read pending upload " + pendingKey, e, false);
    } catch (ValidationException e) {
      delete(pendingKey);
      throw e;
    }
    MediaKey finalKey =
        MediaKey.newCellLineKey(LocalDate.now(clock.withZone(ZoneOffset.UTC)), pendingKey.fileName());
    Path target = resolve(finalKey);
    try {
      Files.createDirectories(target.getParent());
      Files.move(pending, target);
      removeEmptyParents(pending.getParent());
    } catch (NoSuchFileException e) {
      throw new NotFoundException("pending upload " + pendingKey + " was confirmed concurrently");
    } catch (IOException e) {
      throw new StorageException("could not move pending upload " + pendingKey, e, false);
    }
    LOG.debug("confirmed {} as {}", pendingKey, finalKey);
    return new StoredMedia(finalKey, checked.size(), checked.contentType(), checked.md5Hex(), checked.sha256Hex());
  }

  /**
   * Reads a stored upload and checks it against a confirmation; shared by the stores' confirm.
   *
   * @return the checksums of the bytes, under the pending key
   */
  private StoredMedia readChecked(MediaKey key, UploadConfirmation c, InputStream in, long size) throws IOException {
    if (size != c.expectedSize()) {
      throw new ValidationException(
          "upload " + key + " has " + size + " bytes, the client declared " + c.expectedSize());
    }
    if (size > maxSize) {
      throw new ValidationException("upload " + key + " is above the size limit of " + maxSize + " bytes");
    }
    MediaChecksums checksums = MediaChecksums.create();
    byte[] buffer = new byte[BUFFER_SIZE];
    int n = in.readNBytes(buffer, 0, buffer.length);
    String contentType = c.kind().requireFormat(buffer, n);
    while (n > 0) {
      checksums.update(buffer, 0, n);
      n = in.read(buffer);
    }
    StoredMedia stored = checksums.finish(key, contentType);
    if (!stored.md5Hex().equals(c.expectedMd5Hex())) {
      throw new ValidationException("upload " + key + " does not have the MD5 the client declared");
    }
    return stored;
  }

  @Override
  public int cleanupPending(Duration olderThan) {
    Objects.requireNonNull(olderThan, "olderThan");
    Instant cutoff = clock.instant().minus(olderThan);
    int removed = 0;
    for (String dir : List.of(MediaKey.PENDING_PREFIX, INCOMING + "/")) {
      Path base = root.resolve(dir);
      if (!Files.isDirectory(base)) {
        continue;
      }
      try (Stream<Path> paths = Files.walk(base)) {
        for (Path path : (Iterable<Path>) paths::iterator) {
          if (Files.isRegularFile(path)
              && !Files.getLastModifiedTime(path).toInstant().isAfter(cutoff)
              && Files.deleteIfExists(path)) {
            removed++;
            removeEmptyParents(path.getParent());
          }
        }
      } catch (IOException e) {
        throw new StorageException("could not clean up pending uploads", e, false);
      }
    }
    if (removed > 0) {
      LOG.debug("removed {} unconfirmed uploads older than {}", removed, olderThan);
    }
    return removed;
  }

  private StoredMedia writeNew(MediaKey key, MediaKind kind, InputStream content) {
    Path target = resolve(key);
    Path temp = null;
    try {
      Path incoming = Files.createDirectories(root.resolve(INCOMING));
      temp = Files.createTempFile(incoming, "upload-", ".part");
      StoredMedia stored;
      try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.TRUNCATE_EXISTING)) {
        byte[] buffer = new byte[BUFFER_SIZE];
        int n = readContent(content, buffer, true);
        String contentType = kind.requireFormat(buffer, Math.max(n, 0));
        MediaChecksums checksums = MediaChecksums.create();
        while (n > 0) {
          if (checksums.size() + n > maxSize) {
            throw new ValidationException("media file is above the size limit of " + maxSize + " bytes");
          }
          out.write(buffer, 0, n);
          checksums.update(buffer, 0, n);
          n = readContent(content, buffer, false);
        }
        stored = checksums.finish(key, contentType);
      }
      Files.createDirectories(target.getParent());
      Files.move(temp, target);
      temp = null;
      return stored;
    } catch (FileAlreadyExistsException e) {
      throw new ConflictException("media object " + key + " already exists and is never overwritten", e);
    } catch (IOException e) {
      throw new StorageException("could not store media object " + key, e, false);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          LOG.warn("could not remove temporary upload file {}: {}", temp.getFileName(), e.toString());
        }
      }
    }
  }

  private static int readContent(InputStream in, byte[] buffer, boolean fill) {
    try {
      return fill ? in.readNBytes(buffer, 0, buffer.length) : in.read(buffer);
    } catch (IOException e) {
      throw new StorageException("could not read the content to store", e, true);
    }
  }

  private PresignedUrl sign(String method, MediaKey key, Duration expiry) {
    Objects.requireNonNull(expiry, "expiry");
    if (expiry.compareTo(Duration.ofSeconds(1)) < 0 || expiry.compareTo(UploadRequest.MAX_EXPIRY) > 0) {
      throw new ValidationException("URL expiry must be between 1 second and 7 days: " + expiry);
    }
    Instant expiresAt = clock.instant().plus(expiry);
    long expires = expiresAt.getEpochSecond();
    String signature = Base64.getUrlEncoder().withoutPadding().encodeToString(signature(method, key, expires));
    URI url = URI.create(baseUri + UrlEncoding.encodePath(key.value()) + "?expires=" + expires + "&signature=" + signature);
    return new PresignedUrl(url, method, Map.of(), Instant.ofEpochSecond(expires));
  }

  private byte[] signature(String method, MediaKey key, long expires) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(signingKey, HMAC));
      return mac.doFinal((method + "\n" + key.value() + "\n" + expires).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required on every Java platform", e);
    }
  }

  private static String decodePath(String rawPath) {
    StringBuilder b = new StringBuilder();
    for (String segment : rawPath.split("/", -1)) {
      if (b.length() > 0) {
        b.append('/');
      }
      b.append(UrlEncoding.decode(segment, false));
    }
    return b.toString();
  }

  private Path resolve(MediaKey key) {
    Path path = root.resolve(key.value()).normalize();
    if (!path.startsWith(root) || path.equals(root)) {
      throw new ValidationException("media key " + key + " leaves the store");
    }
    return path;
  }

  private String keyOf(Path path) {
    StringBuilder b = new StringBuilder();
    for (Path part : root.relativize(path)) {
      if (b.length() > 0) {
        b.append('/');
      }
      b.append(part);
    }
    return b.toString();
  }

  private void removeEmptyParents(Path dir) {
    Path current = dir;
    while (current != null && current.startsWith(root) && !current.equals(root)) {
      try {
        Files.delete(current);
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        return;
      } catch (IOException e) {
        return;
      }
      current = current.getParent();
    }
  }

  private static NotFoundException notFound(MediaKey key) {
    return new NotFoundException("no media object under " + key);
  }

  private static ValidationException refused() {
    return new ValidationException("signed media URL is invalid or has expired");
  }

  /** Builds a {@link FileSystemMediaStore}. Not thread-safe. */
  public static final class Builder {
    private Path root;
    private URI baseUri;
    private byte[] signingKey;
    private Clock clock = Clock.systemUTC();
    private long maxSize = 5L * 1024 * 1024 * 1024;

    private Builder() {}

    /** The directory that holds the objects; created when missing. Required. */
    public Builder root(Path root) {
      this.root = Objects.requireNonNull(root, "root");
      return this;
    }

    /**
     * Where the HTTP layer serves signed URLs, ending in {@code /}, e.g. {@code
     * http://localhost:8080/media/}. Required.
     */
    public Builder baseUri(URI baseUri) {
      Objects.requireNonNull(baseUri, "baseUri");
      if (!baseUri.isAbsolute() || baseUri.getRawPath() == null || !baseUri.getRawPath().endsWith("/")
          || baseUri.getRawQuery() != null) {
        throw new IllegalArgumentException("baseUri must be absolute, end with '/' and have no query");
      }
      this.baseUri = baseUri;
      return this;
    }

    /** The HMAC-SHA256 key that signs URLs: at least 32 random bytes, kept secret. Required. */
    public Builder signingKey(byte[] signingKey) {
      Objects.requireNonNull(signingKey, "signingKey");
      if (signingKey.length < 32) {
        throw new IllegalArgumentException("signingKey must have at least 32 bytes");
      }
      this.signingKey = signingKey.clone();
      return this;
    }

    /** The clock for key dates, URL expiry and cleanup ages; the UTC system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The largest object accepted, in bytes; 5 GiB by default. */
    public Builder maxSize(long maxSize) {
      if (maxSize < 0) {
        throw new IllegalArgumentException("maxSize must not be negative: " + maxSize);
      }
      this.maxSize = maxSize;
      return this;
    }

    /**
     * Creates the root directory if needed and returns the store.
     *
     * @throws IllegalStateException when root, base URI or signing key is missing
     * @throws StorageException when the root directory cannot be created
     */
    public FileSystemMediaStore build() {
      if (root == null || baseUri == null || signingKey == null) {
        throw new IllegalStateException("root, baseUri and signingKey are required");
      }
      try {
        root = Files.createDirectories(root).toAbsolutePath().normalize();
      } catch (IOException e) {
        throw new StorageException("could not create media root directory", e, false);
      }
      return new FileSystemMediaStore(this);
    }
  }

  private static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;

    BoundedInputStream(InputStream in, long remaining) {
      this.in = in;
      this.remaining = remaining;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}

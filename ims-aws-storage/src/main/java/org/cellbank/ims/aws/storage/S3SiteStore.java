package org.cellbank.ims.aws.storage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cellbank.ims.core.ImsException;
import org.cellbank.ims.core.NotFoundException;
import org.cellbank.ims.core.site.SiteStore;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A {@link SiteStore} on the site bucket that CloudFront serves: the file {@code UKBi008-A/index.html}
 * is the object {@code <keyPrefix>UKBi008-A/index.html}, stored with its content type and a
 * {@code Cache-Control} header (assets under {@code assets/} and published media under
 * {@code files/}, whose names never change content, for a year; pages {@code no-cache}, so a
 * regenerated page shows at once). A PUT replaces an object whole, so a reader never sees part of one.
 *
 * <pre>{@code
 * SiteStore store = S3SiteStore.builder().s3(s3Client).bucket("cellbank-site").build();
 * }</pre>
 *
 * <p>The caller owns the client. Needs {@code s3:PutObject}, {@code s3:GetObject} and
 * {@code s3:DeleteObject} on the prefix, and {@code s3:ListBucket} (the first write lists the prefix
 * to skip files whose bytes are already stored; a missing object is then a 404 rather than a 403). Thread-safe.
 */
public final class S3SiteStore implements SiteStore {
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final String REVALIDATE = "no-cache";

  private final S3Client s3;
  private final String bucket;
  private final String keyPrefix;
  // The MD5 of each object under the prefix, as S3 reports it (its ETag for a single-part PUT
  // without KMS): read from one listing on the first put, then kept up to date by this store.
  private Map<String, String> written;

  private S3SiteStore(Builder b) {
    this.s3 = b.s3;
    this.bucket = b.bucket;
    this.keyPrefix = b.keyPrefix;
  }

  /** A builder; the client and the bucket are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The bucket the site is written to. */
  public String bucket() {
    return bucket;
  }

  /** The prefix of every object key ({@code ""} by default). */
  public String keyPrefix() {
    return keyPrefix;
  }

  /**
   * Writes the file, unless the object under its key already holds exactly these bytes: a full
   * regeneration then sends only what changed (a PUT costs about twelve times a GET, and a page that
   * did not change need not be invalidated). The first call lists the prefix once to learn what is
   * stored; a file another writer changed since is still overwritten unless it holds these bytes.
   */
  @Override
  public void put(String path, byte[] content, String contentType) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(contentType, "contentType");
    String key = key(path);
    String md5 = md5Hex(content);
    if (md5.equals(stored().get(key))) {
      return;
    }
    String cache = path.startsWith("assets/") || path.startsWith("files/") ? IMMUTABLE : REVALIDATE;
    try {
      s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).cacheControl(cache),
          RequestBody.fromBytes(content));
    } catch (SdkException e) {
      throw S3Errors.map("writing site file", path, e);
    }
    synchronized (this) {
      written.put(key, md5);
    }
  }

  private synchronized Map<String, String> stored() {
    if (written == null) {
      Map<String, String> listed = new HashMap<>();
      try {
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(keyPrefix)).contents()) {
          listed.put(o.key(), o.eTag() == null ? "" : o.eTag().replace("\"", ""));
        }
      } catch (SdkException e) {
        throw S3Errors.map("listing site files", keyPrefix, e);
      }
      written = listed;
    }
    return written;
  }

  private static String md5Hex(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JVM", e);
    }
  }

  @Override
  public Optional<byte[]> find(String path) {
    String key = key(path);
    try {
      ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
      return Optional.of(bytes.asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      return missing(path, e);
    }
  }

  @Override
  public boolean exists(String path) {
    String key = key(path);
    try {
      s3.headObject(b -> b.bucket(bucket).key(key));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (SdkException e) {
      return missing(path, e).isPresent();
    }
  }

  @Override
  public void delete(String path) {
    String key = key(path);
    try {
      s3.deleteObject(b -> b.bucket(bucket).key(key));
    } catch (SdkException e) {
      throw S3Errors.map("deleting site file", path, e);
    }
    synchronized (this) {
      if (written != null) {
        written.remove(key);
      }
    }
  }

  // A 404 for the object is "no such file"; anything else is the store's failure.
  private static Optional<byte[]> missing(String path, SdkException e) {
    if (e instanceof S3Exception s && s.statusCode() == 404) {
      ImsException mapped = S3Errors.map("reading site file", path, e);
      if (mapped instanceof NotFoundException) {
        return Optional.empty();
      }
      throw mapped;
    }
    throw S3Errors.map("reading site file", path, e);
  }

  private String key(String path) {
    return keyPrefix + SiteStore.checkPath(path);
  }

  /** Builds an {@link S3SiteStore}. Not thread-safe. */
  public static final class Builder {
    private S3Client s3;
    private String bucket;
    private String keyPrefix = "";

    private Builder() {}

    /** The S3 client (required; the caller owns and closes it). */
    public Builder s3(S3Client s3) {
      this.s3 = Objects.requireNonNull(s3, "s3");
      return this;
    }

    /** The site bucket (required). */
    public Builder bucket(String bucket) {
      this.bucket = Objects.requireNonNull(bucket, "bucket");
      return this;
    }

    /**
     * A prefix for every key, e.g. {@code site/} (default none); it must be empty or end with
     * {@code /}.
     *
     * @throws IllegalArgumentException when it is not empty and does not end with {@code /}, or starts with one
     */
    public Builder keyPrefix(String keyPrefix) {
      Objects.requireNonNull(keyPrefix, "keyPrefix");
      if (!keyPrefix.isEmpty() && (!keyPrefix.endsWith("/") || keyPrefix.startsWith("/"))) {
        throw new IllegalArgumentException("a key prefix is empty or ends with '/' (and does not start with one)");
      }
      this.keyPrefix = keyPrefix;
      return this;
    }

    /**
     * The store.
     *
     * @throws IllegalStateException when the client or the bucket is missing
     */
    public S3SiteStore build() {
      if (s3 == null || bucket == null || bucket.isBlank()) {
        throw new IllegalStateException("an S3 client and a bucket are required");
      }
      return new S3SiteStore(this);
    }
  }
}

package org.cellbank.ims.aws.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.cellbank.ims.core.ImsException;
import org.cellbank.ims.core.NotFoundException;
import org.cellbank.ims.core.StorageException;
import org.cellbank.ims.core.ValidationException;
import org.cellbank.ims.core.media.MediaChecksums;
import org.cellbank.ims.core.media.MediaFileNames;
import org.cellbank.ims.core.media.MediaFormat;
import org.cellbank.ims.core.media.MediaKey;
import org.cellbank.ims.core.media.MediaKind;
import org.cellbank.ims.core.media.MediaObject;
import org.cellbank.ims.core.media.MediaStore;
import org.cellbank.ims.core.media.PresignedUrl;
import org.cellbank.ims.core.media.StoredMedia;
import org.cellbank.ims.core.media.UploadConfirmation;
import org.cellbank.ims.core.media.UploadRequest;
import org.cellbank.ims.core.media.UploadTicket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import java.util.Optional;

/**
 * A {@link MediaStore} on an Amazon S3 bucket (or an S3-compatible server), with the AWS SDK for
 * Java v2.
 *
 * <p><b>Uploads</b> are streamed. The first {@linkplain Builder#partSize(int) part} (8 MiB by
 * default) is read into a buffer and its magic bytes are checked; a file that fits in one part is
 * sent with one {@code PutObject}, a larger one as a multipart upload whose parts reuse the same
 * buffer, so memory stays at one part size per upload whatever the file size (two with an {@link
 * Builder#uploadExecutor(Executor) upload executor}, which overlaps hashing and sending). Each request carries
 * {@code Content-MD5}, so S3 refuses bytes damaged on the way ({@code BadDigest}); MD5 and SHA-256 of
 * the whole file are computed in the same pass. A multipart upload that fails (the stream breaks,
 * the file passes the size cap, S3 fails) is aborted, so no parts are left behind; when even the
 * abort fails (S3 unreachable), {@link #cleanupPending(Duration)} aborts it later, as does the
 * bucket lifecycle rule {@code AbortIncompleteMultipartUpload} that production buckets should have.
 *
 * <p><b>Direct uploads</b> go to {@code pending/<uuid>/<name>} through a presigned PUT. {@link
 * #confirm(UploadConfirmation)} reads the object's size (HEAD), sniffs its first bytes (a ranged
 * GET), streams it once to check its MD5 (pinned to the HEAD's ETag with {@code If-Match}), then
 * copies it to a new {@code celllines/...} key with {@code x-amz-copy-source-if-match} (so bytes
 * changed after the check are never copied) and deletes the pending object. Direct uploads are
 * limited to 5 GiB, the most one presigned PUT can carry.
 *
 * <p><b>S3-compatible servers.</b> Since 2.30 the SDK adds CRC32 checksums (with {@code aws-chunked}
 * trailers) to every upload by default, which many S3-compatible servers (S3Proxy, older MinIO,
 * Ceph) do not understand. Build their client with {@code
 * requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)}, {@code
 * responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)} and {@code
 * forcePathStyle(true)}; integrity is still checked through {@code Content-MD5}. Amazon S3 works with
 * either setting.
 *
 * <pre>{@code
 * S3MediaStore store = S3MediaStore.builder()
 *     .s3(s3Client)
 *     .presigner(s3Presigner)
 *     .bucket("cellbank-media")
 *     .sseKms("arn:aws:kms:eu-west-1:111122223333:key/…")
 *     .build();
 * }</pre>
 *
 * <p>The caller owns the {@link S3Client} and {@link S3Presigner} and closes them; this store never
 * does. Thread-safe; create one per Lambda container.
 */
public final class S3MediaStore implements MediaStore {

  /** The default part size of multipart uploads: 8 MiB. */
  public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;

  /** The smallest part size S3 accepts (for every part but the last): 5 MiB. */
  public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(S3MediaStore.class);
  private static final long MAX_SINGLE_OBJECT = 5L * 1024 * 1024 * 1024;
  private static final int MAX_PARTS = 10_000;
  private static final int COPY_BUFFER = 64 * 1024;
  private static final int SMALL_FILE_BUFFER = 256 * 1024;

  private final S3Client s3;
  private final S3Presigner presigner;
  private final String bucket;
  private final int partSize;
  private final long maxSize;
  private final Clock clock;
  private final ServerSideEncryption sse;
  private final String kmsKeyId;
  private final Executor uploadExecutor;

  private S3MediaStore(Builder b) {
    this.s3 = b.s3;
    this.presigner = b.presigner;
    this.bucket = b.bucket;
    this.partSize = b.partSize;
    this.maxSize = b.maxSize;
    this.clock = b.clock;
    this.sse = b.sse;
    this.kmsKeyId = b.kmsKeyId;
    this.uploadExecutor = b.uploadExecutor;
  }

  /** Returns a builder; the S3 client, the presigner and the bucket are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The bucket that holds the objects. */
  public String bucket() {
    return bucket;
  }

  /** The part size of multipart uploads, in bytes; also the upload buffer size. */
  public int partSize() {
    return partSize;
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
    MediaKey key = MediaKey.newCellLineKey(today(), name);
    // Small files (most CoAs and images) never allocate a whole part.
    byte[] buffer = new byte[Math.min(partSize, SMALL_FILE_BUFFER)];
    int n = readPart(content, buffer, 0);
    String contentType = kind.requireFormat(buffer, n);
    if (n == buffer.length && n < partSize) {
      buffer = Arrays.copyOf(buffer, partSize);
      n += readPart(content, buffer, n);
    }
    MediaChecksums checksums = MediaChecksums.create();
    StoredMedia stored = n < partSize
        ? putSingle(key, contentType, buffer, n, checksums)
        : putMultipart(key, contentType, buffer, n, content, checksums);
    LOG.debug("stored {} ({} bytes)", key, stored.size());
    return stored;
  }

  private StoredMedia putSingle(MediaKey key, String contentType, byte[] buffer, int n, MediaChecksums checksums) {
    requireWithinCap(n);
    checksums.update(buffer, 0, n);
    PutObjectRequest.Builder request = PutObjectRequest.builder()
        .bucket(bucket)
        .key(key.value())
        .contentType(contentType)
        .contentLength((long) n)
        .contentMD5(md5Base64(buffer, n));
    encrypt(request);
    try {
      s3.putObject(request.build(), body(buffer, n));
    } catch (SdkException e) {
      throw S3Errors.map("storing", key, e);
    }
    return checksums.finish(key, contentType);
  }

  private StoredMedia putMultipart(
      MediaKey key, String contentType, byte[] buffer, int first, InputStream content, MediaChecksums checksums) {
    CreateMultipartUploadRequest.Builder create =
        CreateMultipartUploadRequest.builder().bucket(bucket).key(key.value()).contentType(contentType);
    if (sse != null) {
      create.serverSideEncryption(sse);
      if (kmsKeyId != null) {
        create.ssekmsKeyId(kmsKeyId);
      }
    }
    String uploadId;
    try {
      uploadId = s3.createMultipartUpload(create.build()).uploadId();
    } catch (SdkException e) {
      throw S3Errors.map("starting the upload of", key, e);
    }
    List<CompletedPart> parts = new ArrayList<>();
    CompletableFuture<CompletedPart> inFlight = null;
    try {
      byte[][] buffers = {buffer, null};
      int current = 0;
      int n = first;
      while (n > 0) {
        requireWithinCap(checksums.size() + n);
        int partNumber = parts.size() + (inFlight != null ? 2 : 1);
        if (partNumber > MAX_PARTS) {
          throw new ValidationException("media file needs more than " + MAX_PARTS + " parts of " + partSize + " bytes");
        }
        byte[] part = buffers[current];
        int length = n;
        checksums.update(part, 0, length);
        if (uploadExecutor == null) {
          parts.add(uploadPart(key, uploadId, partNumber, part, length));
        } else {
          // Two buffers: this part uploads while the calling thread reads and hashes the next one.
          if (inFlight != null) {
            parts.add(join(inFlight));
            inFlight = null;
          }
          inFlight = CompletableFuture.supplyAsync(() -> uploadPart(key, uploadId, partNumber, part, length), uploadExecutor);
          current = 1 - current;
          if (buffers[current] == null) {
            buffers[current] = new byte[partSize];
          }
        }
        n = readPart(content, buffers[current], 0);
      }
      if (inFlight != null) {
        parts.add(join(inFlight));
        inFlight = null;
      }
      s3.completeMultipartUpload(b -> b.bucket(bucket).key(key.value()).uploadId(uploadId)
          .multipartUpload(m -> m.parts(parts)));
      return checksums.finish(key, contentType);
    } catch (SdkException e) {
      ImsException mapped = S3Errors.map("uploading", key, e);
      settle(inFlight);
      abort(key, uploadId, mapped);
      throw mapped;
    } catch (RuntimeException e) {
      settle(inFlight);
      abort(key, uploadId, e);
      throw e;
    }
  }

  private CompletedPart uploadPart(MediaKey key, String uploadId, int partNumber, byte[] buffer, int n) {
    UploadPartRequest part = UploadPartRequest.builder()
        .bucket(bucket)
        .key(key.value())
        .uploadId(uploadId)
        .partNumber(partNumber)
        .contentLength((long) n)
        .contentMD5(md5Base64(buffer, n))
        .build();
    String eTag = s3.uploadPart(part, body(buffer, n)).eTag();
    return CompletedPart.builder().partNumber(partNumber).eTag(eTag).build();
  }

  /** Waits for a part upload and rethrows its failure as it was thrown. */
  private static CompletedPart join(CompletableFuture<CompletedPart> upload) {
    try {
      return upload.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Waits until an in-flight part upload has finished, whatever its outcome, before aborting. */
  private static void settle(CompletableFuture<CompletedPart> upload) {
    if (upload != null) {
      try {
        upload.join();
      } catch (CompletionException | java.util.concurrent.CancellationException e) {
        // Its failure, if any, is moot: the whole upload is being aborted.
      }
    }
  }

  private void abort(MediaKey key, String uploadId, RuntimeException failure) {
    try {
      s3.abortMultipartUpload(b -> b.bucket(bucket).key(key.value()).uploadId(uploadId));
      LOG.debug("aborted the multipart upload of {}", key);
    } catch (SdkException e) {
      LOG.warn("could not abort the multipart upload of {}; cleanupPending or the bucket lifecycle rule will: {}",
          key, e.getClass().getSimpleName());
      failure.addSuppressed(e);
    }
  }

  @Override
  public InputStream open(MediaKey key) {
    Objects.requireNonNull(key, "key");
    try {
      return s3.getObject(b -> b.bucket(bucket).key(key.value()));
    } catch (SdkException e) {
      throw S3Errors.map("reading", key, e);
    }
  }

  @Override
  public InputStream openRange(MediaKey key, long offset, long length) {
    Objects.requireNonNull(key, "key");
    if (offset < 0 || length < 0) {
      throw new ValidationException("range offset and length must not be negative");
    }
    try {
      if (length == 0) {
        s3.headObject(b -> b.bucket(bucket).key(key.value()));
        return new ByteArrayInputStream(new byte[0]);
      }
      long last = length > Long.MAX_VALUE - offset ? Long.MAX_VALUE - 1 : offset + length - 1;
      String range = "bytes=" + offset + "-" + last;
      return s3.getObject(b -> b.bucket(bucket).key(key.value()).range(range));
    } catch (SdkException e) {
      throw S3Errors.map("reading a range of", key, e);
    }
  }

  @Override
  public Optional<MediaObject> find(MediaKey key) {
    Objects.requireNonNull(key, "key");
    try {
      HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key.value()));
      return Optional.of(new MediaObject(key, head.contentLength(), head.lastModified()));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw S3Errors.map("looking up", key, e);
    } catch (SdkException e) {
      throw S3Errors.map("looking up", key, e);
    }
  }

  @Override
  public boolean exists(MediaKey key) {
    Objects.requireNonNull(key, "key");
    try {
      s3.headObject(b -> b.bucket(bucket).key(key.value()));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw S3Errors.map("checking", key, e);
    } catch (SdkException e) {
      throw S3Errors.map("checking", key, e);
    }
  }

  @Override
  public void delete(MediaKey key) {
    Objects.requireNonNull(key, "key");
    try {
      s3.deleteObject(b -> b.bucket(bucket).key(key.value()));
      LOG.debug("deleted {}", key);
    } catch (SdkException e) {
      throw S3Errors.map("deleting", key, e);
    }
  }

  @Override
  public List<MediaObject> list(String prefix) {
    MediaKey.requireSafePrefix(prefix);
    List<MediaObject> objects = new ArrayList<>();
    try {
      for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
        MediaKey key;
        try {
          key = MediaKey.of(o.key());
        } catch (ValidationException e) {
          LOG.debug("skipping an object whose key is not a media key in bucket {}", bucket);
          continue;
        }
        objects.add(new MediaObject(key, o.size(), o.lastModified()));
      }
    } catch (SdkException e) {
      throw S3Errors.map("listing", "'" + prefix + "'", e);
    }
    return List.copyOf(objects);
  }

  @Override
  public PresignedUrl presignGet(MediaKey key, Duration expiry) {
    Objects.requireNonNull(key, "key");
    requireExpiry(expiry);
    return presigned("GET", presigner.presignGetObject(p -> p.signatureDuration(expiry)
        .getObjectRequest(g -> g.bucket(bucket).key(key.value()))));
  }

  @Override
  public UploadTicket issueUpload(UploadRequest request) {
    Objects.requireNonNull(request, "request");
    MediaKey pending = MediaKey.newPendingKey(MediaFileNames.sanitize(request.fileName()));
    PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket).key(pending.value());
    encrypt(put);
    PutObjectRequest putRequest = put.build();
    PresignedUrl url = presigned("PUT", presigner.presignPutObject(p -> p.signatureDuration(request.expiry())
        .putObjectRequest(putRequest)));
    return new UploadTicket(pending, request.kind(), url);
  }

  @Override
  public StoredMedia confirm(UploadConfirmation confirmation) {
    Objects.requireNonNull(confirmation, "confirmation");
    MediaKey pendingKey = confirmation.pendingKey();
    HeadObjectResponse head;
    try {
      head = s3.headObject(b -> b.bucket(bucket).key(pendingKey.value()));
    } catch (SdkException e) {
      ImsException mapped = S3Errors.map("confirming", pendingKey, e);
      if (mapped instanceof NotFoundException) {
        throw new NotFoundException("nothing was uploaded under " + pendingKey + " (or it was already confirmed)", e);
      }
      throw mapped;
    }
    String eTag = head.eTag();
    StoredMedia checked;
    try {
      checked = check(confirmation, head.contentLength(), eTag);
    } catch (ValidationException e) {
      delete(pendingKey);
      throw e;
    }
    MediaKey finalKey = MediaKey.newCellLineKey(today(), pendingKey.fileName());
    CopyObjectRequest.Builder copy = CopyObjectRequest.builder()
        .sourceBucket(bucket)
        .sourceKey(pendingKey.value())
        .destinationBucket(bucket)
        .destinationKey(finalKey.value())
        .copySourceIfMatch(eTag)
        .metadataDirective(MetadataDirective.REPLACE)
        .contentType(checked.contentType());
    if (sse != null) {
      copy.serverSideEncryption(sse);
      if (kmsKeyId != null) {
        copy.ssekmsKeyId(kmsKeyId);
      }
    }
    try {
      s3.copyObject(copy.build());
    } catch (SdkException e) {
      throw S3Errors.map("confirming", pendingKey, e);
    }
    delete(pendingKey);
    LOG.debug("confirmed {} as {}", pendingKey, finalKey);
    return new StoredMedia(finalKey, checked.size(), checked.contentType(), checked.md5Hex(), checked.sha256Hex());
  }

  private StoredMedia check(UploadConfirmation c, long size, String eTag) {
    MediaKey key = c.pendingKey();
    if (size != c.expectedSize()) {
      throw new ValidationException("upload " + key + " has " + size + " bytes, the client declared " + c.expectedSize());
    }
    if (size > maxSize || size > MAX_SINGLE_OBJECT) {
      throw new ValidationException("upload " + key + " is above the size limit of " + Math.min(maxSize, MAX_SINGLE_OBJECT) + " bytes");
    }
    byte[] head = new byte[MediaFormat.MAGIC_LENGTH];
    int headLength = 0;
    if (size > 0) {
      try (InputStream in = openRange(key, 0, head.length)) {
        headLength = in.readNBytes(head, 0, head.length);
      } catch (IOException e) {
        throw new StorageException("could not read the start of upload " + key, e, true);
      }
    }
    String contentType = c.kind().requireFormat(head, headLength);
    MediaChecksums checksums = MediaChecksums.create();
    GetObjectRequest get = GetObjectRequest.builder().bucket(bucket).key(key.value()).ifMatch(eTag).build();
    try (ResponseInputStream<GetObjectResponse> in = s3.getObject(get)) {
      byte[] buffer = new byte[COPY_BUFFER];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        checksums.update(buffer, 0, n);
      }
    } catch (SdkException e) {
      throw S3Errors.map("checking", key, e);
    } catch (IOException e) {
      throw new StorageException("could not read upload " + key, e, true);
    }
    StoredMedia stored = checksums.finish(key, contentType);
    if (stored.size() != size) {
      throw new StorageException("upload " + key + " changed while it was being checked", true);
    }
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
    try {
      for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(MediaKey.PENDING_PREFIX)).contents()) {
        if (!o.lastModified().isAfter(cutoff)) {
          s3.deleteObject(b -> b.bucket(bucket).key(o.key()));
          removed++;
        }
      }
      for (MultipartUpload u : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(MediaKey.CELLLINES_PREFIX)).uploads()) {
        if (u.initiated() == null || !u.initiated().isAfter(cutoff)) {
          s3.abortMultipartUpload(b -> b.bucket(bucket).key(u.key()).uploadId(u.uploadId()));
          removed++;
        }
      }
    } catch (SdkException e) {
      throw S3Errors.map("cleaning up", "pending uploads in bucket " + bucket, e);
    }
    if (removed > 0) {
      LOG.debug("removed {} unconfirmed or incomplete uploads older than {}", removed, olderThan);
    }
    return removed;
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC));
  }

  private void encrypt(PutObjectRequest.Builder request) {
    if (sse != null) {
      request.serverSideEncryption(sse);
      if (kmsKeyId != null) {
        request.ssekmsKeyId(kmsKeyId);
      }
    }
  }

  private void requireWithinCap(long size) {
    if (size > maxSize) {
      throw new ValidationException("media file is above the size limit of " + maxSize + " bytes");
    }
  }

  private static void requireExpiry(Duration expiry) {
    Objects.requireNonNull(expiry, "expiry");
    if (expiry.compareTo(Duration.ofSeconds(1)) < 0 || expiry.compareTo(UploadRequest.MAX_EXPIRY) > 0) {
      throw new ValidationException("URL expiry must be between 1 second and 7 days: " + expiry);
    }
  }

  private static PresignedUrl presigned(String method, PresignedRequest request) {
    Map<String, String> headers = new LinkedHashMap<>();
    request.signedHeaders().forEach((name, values) -> {
      if (!"host".equalsIgnoreCase(name)) {
        headers.put(name, String.join(",", values));
      }
    });
    try {
      return new PresignedUrl(request.url().toURI(), method, headers, request.expiration());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("the SDK presigned a URL that is not a URI", e);
    }
  }

  /** A request body over the first {@code n} bytes of the buffer, without copying it. */
  private static RequestBody body(byte[] buffer, int n) {
    return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, n), n, "application/octet-stream");
  }

  private static String md5Base64(byte[] buffer, int n) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(buffer, 0, n);
      return Base64.getEncoder().encodeToString(md5.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required on every Java platform", e);
    }
  }

  /** Reads from {@code offset} until the buffer is full or the stream ends; returns the count. */
  private static int readPart(InputStream in, byte[] buffer, int offset) {
    try {
      return in.readNBytes(buffer, offset, buffer.length - offset);
    } catch (IOException e) {
      throw new StorageException("could not read the content to store", e, true);
    }
  }

  /** Builds an {@link S3MediaStore}. Not thread-safe. */
  public static final class Builder {
    private S3Client s3;
    private S3Presigner presigner;
    private String bucket;
    private int partSize = DEFAULT_PART_SIZE;
    private long maxSize = MAX_SINGLE_OBJECT;
    private Clock clock = Clock.systemUTC();
    private ServerSideEncryption sse;
    private String kmsKeyId;
    private Executor uploadExecutor;

    private Builder() {}

    /** The S3 client; owned by the caller, never closed by the store. Required. */
    public Builder s3(S3Client s3) {
      this.s3 = Objects.requireNonNull(s3, "s3");
      return this;
    }

    /** The presigner for GET and PUT URLs; owned by the caller, never closed by the store. Required. */
    public Builder presigner(S3Presigner presigner) {
      this.presigner = Objects.requireNonNull(presigner, "presigner");
      return this;
    }

    /** The bucket that holds the objects. Required. */
    public Builder bucket(String bucket) {
      this.bucket = Objects.requireNonNull(bucket, "bucket");
      return this;
    }

    /**
     * The multipart part size and upload buffer, in bytes: 5 MiB to 512 MiB, 8 MiB by default.
     * Files smaller than one part are sent with one {@code PutObject}. The largest file is 10,000
     * parts.
     */
    public Builder partSize(int partSize) {
      if (partSize < MIN_PART_SIZE || partSize > 512 * 1024 * 1024) {
        throw new IllegalArgumentException("partSize must be 5 MiB to 512 MiB: " + partSize);
      }
      this.partSize = partSize;
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

    /** The clock for key dates and cleanup ages; the UTC system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Asks S3 to encrypt new objects with S3-managed keys (SSE-S3, {@code AES256}). */
    public Builder sseS3() {
      this.sse = ServerSideEncryption.AES256;
      this.kmsKeyId = null;
      return this;
    }

    /**
     * Asks S3 to encrypt new objects with a KMS key (SSE-KMS). Presigned PUTs then carry the
     * encryption headers, which the client must send (see {@link PresignedUrl#headers()}).
     *
     * @param kmsKeyId the key id, alias or ARN
     */
    public Builder sseKms(String kmsKeyId) {
      this.kmsKeyId = Objects.requireNonNull(kmsKeyId, "kmsKeyId");
      this.sse = ServerSideEncryption.AWS_KMS;
      return this;
    }

    /**
     * Uploads each part on this executor while the calling thread reads and hashes the next part,
     * which overlaps hashing with the network. Memory per upload becomes two part buffers instead
     * of one, and at most one part per upload is in flight. The caller owns the executor (and shuts
     * it down). Without it, the default, everything runs on the calling thread, which suits Lambda.
     */
    public Builder uploadExecutor(Executor uploadExecutor) {
      this.uploadExecutor = Objects.requireNonNull(uploadExecutor, "uploadExecutor");
      return this;
    }

    /**
     * Returns the store.
     *
     * @throws IllegalStateException when the client, the presigner or the bucket is missing
     */
    public S3MediaStore build() {
      if (s3 == null || presigner == null || bucket == null) {
        throw new IllegalStateException("s3, presigner and bucket are required");
      }
      return new S3MediaStore(this);
    }
  }
}

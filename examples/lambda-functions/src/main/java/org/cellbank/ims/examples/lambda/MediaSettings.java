package org.cellbank.ims.examples.lambda;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cellbank.ims.aws.storage.S3MediaStore;
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
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Where the media are ({@code IMS_MEDIA_BUCKET} in {@code AWS_REGION}; {@code IMS_S3_ENDPOINT} for an
 * S3-compatible server, addressed path-style): plain values, read at init; the S3 client is built on
 * first use and kept for the container's life. Only in the media package.
 */
final class MediaSettings {
  private static final Logger LOG = LoggerFactory.getLogger(MediaSettings.class);

  private final String bucket;
  private final String region;
  private final URI endpoint;
  private S3MediaStore store;

  private MediaSettings(String bucket, String region, URI endpoint) {
    this.bucket = bucket;
    this.region = region;
    this.endpoint = endpoint;
  }

  /** Whether the environment names a media bucket. */
  static boolean configured(Map<String, String> env) {
    return FunctionSettings.present(env, "IMS_MEDIA_BUCKET");
  }

  /**
   * The settings.
   *
   * @throws IllegalStateException when the bucket or the region is missing, or the endpoint is malformed
   */
  static MediaSettings of(Map<String, String> env) {
    String bucket = FunctionSettings.required(env, "IMS_MEDIA_BUCKET").strip();
    String region = FunctionSettings.required(env, "AWS_REGION").strip();
    return new MediaSettings(bucket, region, endpoint(env));
  }

  /** A store whose S3 client is built when the first media request arrives. */
  MediaStore onFirstUse() {
    return new OnFirstUse(this);
  }

  synchronized S3MediaStore store() {
    if (store == null) {
      DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
      S3Presigner.Builder presigner = S3Presigner.builder().region(Region.of(region)).credentialsProvider(credentials);
      if (endpoint != null) {
        presigner.endpointOverride(endpoint)
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
      }
      LOG.info("media store: bucket {} in {}", bucket, region);
      store = S3MediaStore.builder().s3(s3(region, endpoint)).presigner(presigner.build()).bucket(bucket).build();
    }
    return store;
  }

  /** An S3 client in {@code region}, path-style against {@code endpoint} when it is not null. */
  static S3Client s3(String region, URI endpoint) {
    S3ClientBuilder s3 = S3Client.builder().region(Region.of(region))
        .credentialsProvider(DefaultCredentialsProvider.builder().build())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (endpoint != null) {
      s3.endpointOverride(endpoint).forcePathStyle(true);
    }
    return s3.build();
  }

  /** The S3-compatible endpoint of {@code IMS_S3_ENDPOINT}, or null for Amazon S3. */
  static URI endpoint(Map<String, String> env) {
    return FunctionSettings.s3Endpoint(env);
  }

  /** Delegates to the store built on the first call. */
  private static final class OnFirstUse implements MediaStore {
    private final MediaSettings settings;

    OnFirstUse(MediaSettings settings) {
      this.settings = settings;
    }

    @Override
    public StoredMedia put(MediaKind kind, String fileName, InputStream content) {
      return settings.store().put(kind, fileName, content);
    }

    @Override
    public InputStream open(MediaKey key) {
      return settings.store().open(key);
    }

    @Override
    public InputStream openRange(MediaKey key, long offset, long length) {
      return settings.store().openRange(key, offset, length);
    }

    @Override
    public boolean exists(MediaKey key) {
      return settings.store().exists(key);
    }

    @Override
    public Optional<MediaObject> find(MediaKey key) {
      return settings.store().find(key);
    }

    @Override
    public void delete(MediaKey key) {
      settings.store().delete(key);
    }

    @Override
    public List<MediaObject> list(String prefix) {
      return settings.store().list(prefix);
    }

    @Override
    public PresignedUrl presignGet(MediaKey key, Duration expiry) {
      return settings.store().presignGet(key, expiry);
    }

    @Override
    public UploadTicket issueUpload(UploadRequest request) {
      return settings.store().issueUpload(request);
    }

    @Override
    public StoredMedia confirm(UploadConfirmation confirmation) {
      return settings.store().confirm(confirmation);
    }

    @Override
    public int cleanupPending(Duration olderThan) {
      return settings.store().cleanupPending(olderThan);
    }
  }
}

package org.cellbank.ims.aws.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.cellbank.ims.core.importer.HpscregException;
import org.cellbank.ims.core.importer.RegistryStage;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

/**
 * A {@link RegistryStage} in an S3 bucket, each key an object under an optional prefix. It sends
 * plain S3 REST requests ({@code GetObject}, {@code PutObject}) signed with SigV4 by the SDK's signer
 * over an {@link SdkHttpClient} of the caller's choice, without the S3 service client: the function
 * that imports the registry inside the VPC already holds the signer and an HTTP client for its
 * search step, and the S3 client would take its package past 20 MB.
 *
 * <pre>{@code
 * RegistryStage stage = S3RegistryStage.builder()
 *     .bucket("ims-stage-123456789012")
 *     .region(Region.EU_WEST_1)
 *     .credentials(DefaultCredentialsProvider.builder().build())
 *     .httpClient(Apache5HttpClient.create())
 *     .build();
 * }</pre>
 *
 * <p>The caller needs {@code s3:GetObject} and {@code s3:PutObject} on the keys it reads and
 * writes, and {@code s3:ListBucket} on the prefix: without it S3 answers a missing key with 403,
 * which this stage reports as a failure rather than as an empty read. Objects are encrypted with the
 * bucket's default encryption. A PUT replaces an object at once, so a reader sees the old bytes or
 * the new. Thread-safe when the HTTP client is; the caller owns and closes the client.
 */
public final class S3RegistryStage implements RegistryStage {

  private final String bucket;
  private final String prefix;
  private final Region region;
  private final AwsCredentialsProvider credentials;
  private final SdkHttpClient http;
  private final URI endpoint;
  private final boolean pathStyle;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  private S3RegistryStage(Builder b) {
    this.bucket = b.bucket;
    this.prefix = b.prefix;
    this.region = b.region;
    this.credentials = b.credentials;
    this.http = b.http;
    // An endpoint of one's own (an S3-compatible server) and bucket names with dots (TLS names) go path-style.
    this.pathStyle = b.endpoint != null || b.bucket.indexOf('.') >= 0;
    this.endpoint = b.endpoint != null ? b.endpoint
        : URI.create(pathStyle ? "https://s3." + b.region.id() + ".amazonaws.com"
            : "https://" + b.bucket + ".s3." + b.region.id() + ".amazonaws.com");
  }

  /** A builder; the bucket, region, credentials and HTTP client are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The bucket. */
  public String bucket() {
    return bucket;
  }

  @Override
  public void write(String key, byte[] content) {
    Objects.requireNonNull(content, "content");
    String objectKey = prefix + RegistryStage.checkKey(key);
    SdkHttpRequest request = request(SdkHttpMethod.PUT, objectKey).toBuilder()
        .putHeader("Content-Type", key.endsWith(".json") ? "application/json" : "application/octet-stream")
        .putHeader("Content-Length", Integer.toString(content.length))
        .putHeader("x-amz-content-sha256", sha256(content))
        .build();
    try (Answer answer = send(request, content, "write " + key)) {
      if (answer.status() != 200) {
        throw failure("write " + key, answer);
      }
    }
  }

  @Override
  public Optional<byte[]> read(String key) {
    String objectKey = prefix + RegistryStage.checkKey(key);
    SdkHttpRequest request = request(SdkHttpMethod.GET, objectKey).toBuilder()
        .putHeader("x-amz-content-sha256", sha256(new byte[0]))
        .build();
    try (Answer answer = send(request, null, "read " + key)) {
      if (answer.status() == 404 && !S3ErrorCode.of(answer.body()).equals("NoSuchBucket")) {
        return Optional.empty();
      }
      if (answer.status() != 200) {
        throw failure("read " + key, answer);
      }
      return Optional.of(answer.body());
    }
  }

  private SdkHttpRequest request(SdkHttpMethod method, String objectKey) {
    // Keys hold only letters, digits and . _ % - ~ and slashes: only % needs escaping in the path.
    String path = (pathStyle ? "/" + bucket + "/" : "/") + objectKey.replace("%", "%25");
    String base = endpoint.toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return SdkHttpRequest.builder().method(method).uri(URI.create(base + path)).build();
  }

  private Answer send(SdkHttpRequest request, byte[] content, String what) {
    AwsCredentialsIdentity identity = credentials.resolveCredentials();
    SignedRequest signed = signer.sign(r -> {
      r.identity(identity).request(request)
          .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
          .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
          .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
          .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false);
      if (content != null) {
        r.payload(ContentStreamProvider.fromByteArrayUnsafe(content));
      }
    });
    HttpExecuteRequest.Builder execute = HttpExecuteRequest.builder().request(signed.request());
    if (content != null) {
      execute.contentStreamProvider(ContentStreamProvider.fromByteArrayUnsafe(content));
    }
    ExecutableHttpRequest call = http.prepareRequest(execute.build());
    try {
      HttpExecuteResponse response = call.call();
      int status = response.httpResponse().statusCode();
      byte[] body = new byte[0];
      if (response.responseBody().isPresent()) {
        try (InputStream in = response.responseBody().get()) {
          body = in.readAllBytes();
        }
      }
      return new Answer(status, body);
    } catch (IOException e) {
      throw new HpscregException("cannot " + what + " in the registry stage s3://" + bucket + "/" + prefix + ": "
          + e.getMessage(), e, true);
    }
  }

  private HpscregException failure(String what, Answer answer) {
    String code = S3ErrorCode.of(answer.body());
    boolean retryable = answer.status() >= 500 || answer.status() == 429;
    return new HpscregException("cannot " + what + " in the registry stage s3://" + bucket + "/" + prefix + ": HTTP status "
        + answer.status() + (code.isEmpty() ? "" : " " + code), retryable);
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  @Override
  public String toString() {
    return "S3RegistryStage[s3://" + bucket + "/" + prefix + "]";
  }

  private record Answer(int status, byte[] body) implements AutoCloseable {
    @Override
    public void close() {}
  }

  /** The {@code <Code>} of an S3 error document, or empty. */
  static final class S3ErrorCode {
    private S3ErrorCode() {}

    static String of(byte[] body) {
      String text = new String(body, 0, Math.min(body.length, 2048), java.nio.charset.StandardCharsets.UTF_8);
      int start = text.indexOf("<Code>");
      int end = text.indexOf("</Code>");
      if (start < 0 || end < start) {
        return "";
      }
      String code = text.substring(start + 6, end);
      for (int i = 0; i < code.length(); i++) {
        char c = code.charAt(i);
        if (!Character.isLetterOrDigit(c)) {
          return "";
        }
      }
      return code;
    }
  }

  /** Builds an {@link S3RegistryStage}. Not thread-safe. */
  public static final class Builder {
    private String bucket;
    private String prefix = "";
    private Region region;
    private AwsCredentialsProvider credentials;
    private SdkHttpClient http;
    private URI endpoint;

    private Builder() {}

    /** The bucket (required). */
    public Builder bucket(String bucket) {
      Objects.requireNonNull(bucket, "bucket");
      if (bucket.isBlank() || bucket.contains("/")) {
        throw new IllegalArgumentException("not a bucket name: " + bucket);
      }
      this.bucket = bucket;
      return this;
    }

    /** A prefix for every key, e.g. {@code ims/}; none by default. */
    public Builder keyPrefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      if (!prefix.isEmpty()) {
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        RegistryStage.checkKey(trimmed);
        prefix = trimmed + "/";
      }
      this.prefix = prefix;
      return this;
    }

    /** The bucket's region (required): it is part of every signature. */
    public Builder region(Region region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /** Where the signing credentials come from (required), e.g. the function's role. */
    public Builder credentials(AwsCredentialsProvider credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** The HTTP client that sends the requests (required); the caller owns it. */
    public Builder httpClient(SdkHttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /**
     * An S3-compatible server's endpoint, e.g. {@code http://127.0.0.1:9000}, addressed path-style;
     * Amazon S3 in the region by default.
     */
    public Builder endpoint(URI endpoint) {
      Objects.requireNonNull(endpoint, "endpoint");
      if (endpoint.getScheme() == null || endpoint.getHost() == null) {
        throw new IllegalArgumentException("an endpoint needs a scheme and a host: " + endpoint);
      }
      this.endpoint = endpoint;
      return this;
    }

    /** The stage. */
    public S3RegistryStage build() {
      if (bucket == null || region == null || credentials == null || http == null) {
        throw new IllegalStateException("an S3 registry stage needs a bucket, a region, credentials and an HTTP client");
      }
      return new S3RegistryStage(this);
    }
  }
}

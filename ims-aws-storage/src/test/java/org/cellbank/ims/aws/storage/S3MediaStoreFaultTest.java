package org.cellbank.ims.aws.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.cellbank.ims.core.StorageException;
import org.cellbank.ims.core.media.MediaKind;
import org.cellbank.ims.core.media.MediaStoreContract;
import org.cellbank.ims.testkit.ImsS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Failures during uploads against a real S3-protocol server of its own (so it can be killed and
 * restarted): nothing is left behind, damaged bytes are refused by the server, and errors say
 * whether a retry may help.
 */
class S3MediaStoreFaultTest {

  @TempDir static Path data;
  private static ImsS3 server;
  private static S3Client s3;
  private static S3Client corrupting;
  private static S3Presigner presigner;

  @BeforeAll
  static void start() {
    server = ImsS3.builder().docker(false).dataDirectory(data).build();
    s3 = S3Fixture.client(server);
    corrupting = S3Fixture.client(server, new WrongContentMd5());
    presigner = S3Fixture.presigner(server);
  }

  @AfterAll
  static void stop() {
    s3.close();
    corrupting.close();
    presigner.close();
    server.close();
  }

  private static S3MediaStore store(S3Client client, String bucket) {
    return S3MediaStore.builder().s3(client).presigner(presigner).bucket(bucket).build();
  }

  private static List<MultipartUpload> uploads(String bucket) {
    return s3.listMultipartUploads(b -> b.bucket(bucket)).uploads();
  }

  private static List<Path> filesIn(String bucket) throws IOException {
    try (Stream<Path> files = Files.walk(data.resolve(bucket))) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  /** Serves {@code bytes}, then runs {@code action} once before serving the rest. */
  private static InputStream interruptedAfter(byte[] bytes, int offset, IoAction action) {
    return new SequenceInputStream(
        new ByteArrayInputStream(bytes, 0, offset),
        new InputStream() {
          private InputStream rest;

          @Override
          public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (rest == null) {
              action.run();
              rest = new ByteArrayInputStream(bytes, offset, bytes.length - offset);
            }
            return rest.read(b, off, len);
          }
        });
  }

  @Test
  void put_whenStreamFailsMidUpload_abortsTheMultipartUploadAndStoresNothing() throws IOException {
    String bucket = S3Fixture.newBucket(server);
    byte[] bytes = MediaStoreContract.png(20 * 1024 * 1024);
    InputStream failing = interruptedAfter(bytes, 12 * 1024 * 1024, () -> {
      throw new IOException("client went away");
    });

    assertThatThrownBy(() -> store(s3, bucket).put(MediaKind.CELL_IMAGE, "image.png", failing))
        .isInstanceOf(StorageException.class)
        .hasRootCauseMessage("client went away");

    assertThat(store(s3, bucket).list("")).isEmpty();
    assertThat(uploads(bucket)).isEmpty();
    assertThat(filesIn(bucket)).isEmpty();
  }

  @Test
  void put_withUploadExecutor_whenStreamFailsMidUpload_abortsTheMultipartUpload() throws IOException {
    String bucket = S3Fixture.newBucket(server);
    byte[] bytes = MediaStoreContract.png(20 * 1024 * 1024);
    InputStream failing = interruptedAfter(bytes, 17 * 1024 * 1024, () -> {
      throw new IOException("client went away");
    });
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      S3MediaStore store = S3MediaStore.builder().s3(s3).presigner(presigner).bucket(bucket)
          .partSize(S3MediaStore.MIN_PART_SIZE).uploadExecutor(executor).build();

      assertThatThrownBy(() -> store.put(MediaKind.CELL_IMAGE, "image.png", failing))
          .isInstanceOf(StorageException.class)
          .hasRootCauseMessage("client went away");
    } finally {
      executor.shutdownNow();
    }

    assertThat(uploads(bucket)).isEmpty();
    assertThat(filesIn(bucket)).isEmpty();
  }

  @Test
  void put_whenServerIsKilledMidUpload_leavesNoObject_andCleanupAbortsTheUpload() throws IOException {
    String bucket = S3Fixture.newBucket(server);
    byte[] bytes = MediaStoreContract.png(20 * 1024 * 1024);
    InputStream killing = interruptedAfter(bytes, 12 * 1024 * 1024, server::stop);
    S3MediaStore store = store(s3, bucket);

    Throwable failure;
    try {
      failure = org.assertj.core.api.Assertions.catchThrowable(() -> store.put(MediaKind.CELL_IMAGE, "image.png", killing));
    } finally {
      server.restart();
    }

    assertThat(failure).isInstanceOf(StorageException.class);
    assertThat(((StorageException) failure).retryable()).isTrue();
    assertThat(failure.getMessage()).doesNotContain(server.secretKey()).doesNotContain("X-Amz-Signature");
    assertThat(store.list("")).isEmpty();
    // The abort could not reach the server: the upload is orphaned until the cleanup.
    assertThat(uploads(bucket)).singleElement().satisfies(u -> assertThat(u.key()).startsWith("celllines/"));
    assertThat(store.cleanupPending(Duration.ZERO)).isEqualTo(1);
    assertThat(uploads(bucket)).isEmpty();
    assertThat(filesIn(bucket)).isEmpty();
  }

  @Test
  void put_whenContentMd5DoesNotMatchTheBytes_serverRefusesAndNothingIsStored() throws IOException {
    String bucket = S3Fixture.newBucket(server);
    S3MediaStore store = store(corrupting, bucket);

    for (byte[] bytes : List.of(MediaStoreContract.pdf(1000), MediaStoreContract.pdf(9 * 1024 * 1024))) {
      Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
          () -> store.put(MediaKind.CERTIFICATE_OF_ANALYSIS, "coa.pdf", new ByteArrayInputStream(bytes)));

      assertThat(failure).isInstanceOf(StorageException.class).hasCauseInstanceOf(S3Exception.class);
      assertThat(((StorageException) failure).retryable()).isFalse();
      assertThat(((S3Exception) failure.getCause()).awsErrorDetails().errorCode()).isIn("BadDigest", "InvalidDigest");
    }
    assertThat(store(s3, bucket).list("")).isEmpty();
    assertThat(uploads(bucket)).isEmpty();
    assertThat(filesIn(bucket)).isEmpty();
  }

  @Test
  void put_whenBucketIsMissing_throwsNonRetryableStorageException() {
    S3MediaStore store = store(s3, "no-such-bucket");

    assertThatThrownBy(() -> store.put(MediaKind.CERTIFICATE_OF_ANALYSIS, "coa.pdf", new ByteArrayInputStream(MediaStoreContract.pdf(10))))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.retryable()).isFalse());
  }

  /** Something a test stream does once, mid-stream. */
  private interface IoAction {
    void run() throws IOException;
  }

  /** Replaces the Content-MD5 the store computed with the MD5 of other bytes, as damage in transit would look. */
  private static final class WrongContentMd5 implements ExecutionInterceptor {
    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
      SdkHttpRequest request = context.httpRequest();
      if (request.firstMatchingHeader("Content-MD5").isEmpty()) {
        return request;
      }
      byte[] other = Base64.getDecoder().decode(request.firstMatchingHeader("Content-MD5").get());
      other[0] ^= 1;
      return request.toBuilder().putHeader("Content-MD5", Base64.getEncoder().encodeToString(other)).build();
    }
  }
}

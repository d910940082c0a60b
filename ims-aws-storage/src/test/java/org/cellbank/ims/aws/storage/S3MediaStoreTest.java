package org.cellbank.ims.aws.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.cellbank.ims.core.StorageException;
import org.cellbank.ims.core.media.MediaKind;
import org.cellbank.ims.core.media.MediaStore;
import org.cellbank.ims.core.media.MediaStoreContract;
import org.cellbank.ims.core.media.StoredMedia;
import org.cellbank.ims.core.media.UploadRequest;
import org.cellbank.ims.core.media.UploadTicket;
import org.cellbank.ims.testkit.ImsS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Runs the {@link MediaStoreContract} against {@link S3MediaStore} on a real S3-protocol server
 * (S3Proxy in a child process, or LocalStack when Docker is present), one bucket per test.
 */
class S3MediaStoreTest extends MediaStoreContract {

  private static S3Client s3;
  private static S3Presigner presigner;

  @BeforeAll
  static void connect() {
    s3 = S3Fixture.client(ImsS3.shared());
    presigner = S3Fixture.presigner(ImsS3.shared());
  }

  @AfterAll
  static void disconnect() {
    s3.close();
    presigner.close();
  }

  @Override
  protected MediaStore createStore(Clock clock, long maxSize) {
    return S3MediaStore.builder()
        .s3(s3)
        .presigner(presigner)
        .bucket(S3Fixture.newBucket(ImsS3.shared()))
        .clock(clock)
        .maxSize(maxSize)
        .build();
  }

  @Test
  void put_withSseS3_asksTheServerToEncrypt() {
    List<String> sent = new CopyOnWriteArrayList<>();
    ExecutionInterceptor recorder = new ExecutionInterceptor() {
      @Override
      public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        context.httpRequest().firstMatchingHeader("x-amz-server-side-encryption").ifPresent(sent::add);
      }
    };
    try (S3Client recording = S3Fixture.client(ImsS3.shared(), recorder)) {
      S3MediaStore store = S3MediaStore.builder().s3(recording).presigner(presigner)
          .bucket(S3Fixture.newBucket(ImsS3.shared())).sseS3().build();

      Throwable failure = catchThrowable(
          () -> store.put(MediaKind.CERTIFICATE_OF_ANALYSIS, "coa.pdf", new ByteArrayInputStream(pdf(1000))));

      assertThat(sent).containsExactly("AES256");
      if (!ImsS3.shared().isContainer()) {
        // S3Proxy has no server-side encryption and says so; Amazon S3 and LocalStack store the object.
        assertThat(failure).isInstanceOf(StorageException.class).hasMessageContaining("501 NotImplemented");
      } else {
        assertThat(failure).isNull();
      }
    }
  }

  @Test
  void put_withUploadExecutor_roundTripsManyPartsWithChecksums() throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      S3MediaStore store = S3MediaStore.builder().s3(s3).presigner(presigner)
          .bucket(S3Fixture.newBucket(ImsS3.shared())).partSize(S3MediaStore.MIN_PART_SIZE).uploadExecutor(executor).build();
      byte[] bytes = png(MULTIPART_SIZE);

      StoredMedia stored = store.put(MediaKind.CELL_IMAGE, "image.png", new ByteArrayInputStream(bytes));

      assertThat(stored.md5Hex()).isEqualTo(hex("MD5", bytes));
      assertThat(stored.sha256Hex()).isEqualTo(hex("SHA-256", bytes));
      try (InputStream in = store.open(stored.key())) {
        assertThat(in.readAllBytes()).isEqualTo(bytes);
      }
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void issueUpload_withSseKms_signsTheEncryptionHeadersTheClientMustSend() {
    S3MediaStore store = S3MediaStore.builder().s3(s3).presigner(presigner).bucket("any").sseKms("alias/ims-media").build();

    UploadTicket ticket = store.issueUpload(new UploadRequest(MediaKind.CELL_IMAGE, "a.png", Duration.ofMinutes(5)));

    assertThat(ticket.upload().headers())
        .containsEntry("x-amz-server-side-encryption", "aws:kms")
        .containsEntry("x-amz-server-side-encryption-aws-kms-key-id", "alias/ims-media");
  }

  @Override
  protected MediaStore storeSeenFrom(MediaStore store, Duration later) {
    S3MediaStore s = (S3MediaStore) store;
    return S3MediaStore.builder()
        .s3(s3)
        .presigner(presigner)
        .bucket(s.bucket())
        .clock(Clock.offset(Clock.systemUTC(), later))
        .maxSize(s.maxSize())
        .build();
  }
}

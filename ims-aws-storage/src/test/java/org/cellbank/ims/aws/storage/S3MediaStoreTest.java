package org.cellbank.ims.aws.storage;

import java.time.Clock;
import java.time.Duration;
import org.cellbank.ims.core.media.MediaStore;
import org.cellbank.ims.core.media.MediaStoreContract;
import org.cellbank.ims.testkit.ImsS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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

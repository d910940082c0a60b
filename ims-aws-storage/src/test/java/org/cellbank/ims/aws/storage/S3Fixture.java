package org.cellbank.ims.aws.storage;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.cellbank.ims.testkit.ImsS3;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Builds SDK clients for an {@link ImsS3} server, configured as docs/media.md advises. */
final class S3Fixture {

  private static final AtomicInteger BUCKETS = new AtomicInteger();

  private S3Fixture() {}

  static S3Client client(ImsS3 s3, ExecutionInterceptor... interceptors) {
    return S3Client.builder()
        .endpointOverride(s3.endpoint())
        .region(Region.of(s3.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
        .forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(ClientOverrideConfiguration.builder().executionInterceptors(List.of(interceptors)).build())
        .build();
  }

  static S3Presigner presigner(ImsS3 s3) {
    return S3Presigner.builder()
        .endpointOverride(s3.endpoint())
        .region(Region.of(s3.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .build();
  }

  /** Creates a new, empty bucket on the server and returns its name. */
  static String newBucket(ImsS3 s3) {
    String name = "media-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet();
    s3.createBucket(name);
    return name;
  }
}

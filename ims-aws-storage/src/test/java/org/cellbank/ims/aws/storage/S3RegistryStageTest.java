package org.cellbank.ims.aws.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.cellbank.ims.core.importer.HpscregException;
import org.cellbank.ims.core.importer.RegistryStage;
import org.cellbank.ims.core.importer.RegistryStageContract;
import org.cellbank.ims.testkit.ImsS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The registry-stage contract on a real S3-protocol server that checks every signature, plus what
 * lands in the bucket and what a wrong signature gets.
 */
class S3RegistryStageTest extends RegistryStageContract {
  private static S3Client s3;
  private static SdkHttpClient http;

  @BeforeAll
  static void clients() {
    s3 = S3Fixture.client(ImsS3.shared());
    http = Apache5HttpClient.create();
  }

  @AfterAll
  static void close() {
    s3.close();
    http.close();
  }

  private static S3RegistryStage.Builder builder(String bucket, String secret) {
    ImsS3 server = ImsS3.shared();
    return S3RegistryStage.builder().bucket(bucket).region(Region.of(server.region())).endpoint(server.endpoint())
        .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(server.accessKey(), secret)))
        .httpClient(http);
  }

  @Override
  protected RegistryStage stage() {
    return builder(S3Fixture.newBucket(ImsS3.shared()), ImsS3.shared().secretKey()).keyPrefix("ims").build();
  }

  @Test
  void objects_lieUnderThePrefix_asTheSdkReadsThem() {
    String bucket = S3Fixture.newBucket(ImsS3.shared());
    RegistryStage stage = builder(bucket, ImsS3.shared().secretKey()).keyPrefix("ims/").build();
    stage.write("registry/runs/r1/lines/A%2FB.json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    byte[] stored = s3.getObjectAsBytes(b -> b.bucket(bucket).key("ims/registry/runs/r1/lines/A%2FB.json")).asByteArray();
    assertThat(new String(stored, StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    assertThat(s3.headObject(b -> b.bucket(bucket).key("ims/registry/runs/r1/lines/A%2FB.json")).contentType())
        .startsWith("application/json");
  }

  @Test
  void aRequestSignedWithAnotherSecret_isRefused_andSaysSo() {
    String bucket = S3Fixture.newBucket(ImsS3.shared());
    RegistryStage forged = builder(bucket, "not-the-secret-key-of-this-server-at-all").build();
    assertThatThrownBy(() -> forged.write("registry/latest.json", new byte[] {1}))
        .isInstanceOf(HpscregException.class).hasMessageContaining("HTTP status 403");
    assertThatThrownBy(() -> forged.read("registry/latest.json"))
        .isInstanceOf(HpscregException.class).hasMessageContaining("HTTP status 403");
    assertThat(builder(bucket, ImsS3.shared().secretKey()).build().read("registry/latest.json")).isEmpty();
  }

  @Test
  void aMissingBucket_isAFailure_notAnEmptyRead() {
    RegistryStage stage = builder("no-such-bucket-" + ProcessHandle.current().pid(), ImsS3.shared().secretKey()).build();
    assertThatThrownBy(() -> stage.read("registry/latest.json")).isInstanceOf(HpscregException.class)
        .hasMessageContaining("NoSuchBucket");
  }
}

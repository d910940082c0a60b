package org.cellbank.ims.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ImsS3Test {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> get(ImsS3 s3, String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(s3.endpoint().resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void start_servesS3AndAnswersUnsignedRequestsWithAnS3Error() throws Exception {
    try (ImsS3 s3 = ImsS3.builder().bucket("test-bucket").build()) {
      HttpResponse<String> response = get(s3, "/test-bucket/some-key");

      assertThat(s3.bucket()).isEqualTo("test-bucket");
      assertThat(s3.endpoint().getHost()).isEqualTo("127.0.0.1");
      assertThat(s3.accessKey()).hasSize(20);
      assertThat(s3.secretKey()).hasSize(40);
      // S3Proxy treats an unsigned request as anonymous: the private bucket is not visible.
      assertThat(response.statusCode()).isIn(403, 404);
      assertThat(response.body()).contains("<Error>");
    }
  }

  @Test
  void stopAndRestart_keepThePortAndTheBuckets() throws Exception {
    try (ImsS3 s3 = ImsS3.start()) {
      s3.createBucket("second-bucket");

      s3.stop();
      assertThatThrownBy(() -> get(s3, "/")).isInstanceOf(ConnectException.class);
      s3.restart();

      assertThat(get(s3, "/second-bucket/x").body()).contains("<Error>");
    }
  }

  @Test
  void createBucket_whenNameIsInvalid_throws() {
    try (ImsS3 s3 = ImsS3.start()) {
      assertThatThrownBy(() -> s3.createBucket("../evil")).isInstanceOf(IllegalArgumentException.class);
    }
  }
}

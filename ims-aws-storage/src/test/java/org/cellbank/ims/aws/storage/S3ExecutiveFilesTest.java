package org.cellbank.ims.aws.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.cellbank.ims.core.executive.ExecutiveFilesContract;
import org.cellbank.ims.core.media.MediaStore;
import org.cellbank.ims.testkit.ImsS3;
import org.junit.jupiter.api.AfterAll;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** {@link ExecutiveFilesContract} over an {@link S3MediaStore} on a real S3-protocol server (S3Proxy). */
class S3ExecutiveFilesTest extends ExecutiveFilesContract {

  private S3Client s3;
  private S3Presigner presigner;

  @Override
  protected MediaStore createStore() {
    s3 = S3Fixture.client(ImsS3.shared());
    presigner = S3Fixture.presigner(ImsS3.shared());
    return S3MediaStore.builder().s3(s3).presigner(presigner).bucket(S3Fixture.newBucket(ImsS3.shared())).build();
  }

  // The client's PUT to the presigned URL, with the headers the signature covers.
  @Override
  protected void upload(MediaStore store, URI url, Map<String, String> headers, byte[] content) throws Exception {
    HttpRequest.Builder put = HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofByteArray(content));
    headers.forEach((name, value) -> {
      if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
        put.header(name, value);
      }
    });
    HttpResponse<String> sent = HttpClient.newHttpClient().send(put.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
  }

  @AfterAll
  void disconnect() {
    s3.close();
    presigner.close();
  }
}

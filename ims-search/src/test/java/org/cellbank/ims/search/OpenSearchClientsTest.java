package org.cellbank.ims.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.cellbank.ims.testkit.ImsOpenSearch;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class OpenSearchClientsTest {

  @Test
  void awsSigV4_buildsASigningClient_andClosesWhatItCreated() {
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
    try (ManagedOpenSearchClient os = OpenSearchClients.awsSigV4(
        "search-ims-test.eu-west-1.es.amazonaws.com", Region.EU_WEST_1, credentials)) {
      assertThat(os.client()._transport().getClass().getSimpleName()).isEqualTo("AwsSdk2Transport");
    }
  }

  @Test
  void http_talksToARealNode() throws Exception {
    try (ManagedOpenSearchClient os = OpenSearchClients.http(ImsOpenSearch.shared().httpUrl())) {
      assertThat(os.client().info().version().number()).isEqualTo("2.19.6");
    }
  }
}

package org.cellbank.ims.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ImsOpenSearchTest {

  @Test
  void embeddedNode_answersHttpWithItsVersion_andAnalysisCommonIsLoaded() throws Exception {
    try (ImsOpenSearch node = ImsOpenSearch.builder().docker(false).build()) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> root = http.send(HttpRequest.newBuilder(URI.create(node.httpUrl() + "/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(root.statusCode()).isEqualTo(200);
      assertThat(root.body()).contains("\"number\" : \"2.19.6\"");

      HttpResponse<String> analyze = http.send(HttpRequest.newBuilder(URI.create(node.httpUrl() + "/_analyze"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(
                  "{\"tokenizer\":\"standard\",\"filter\":[\"lowercase\",{\"type\":\"edge_ngram\",\"min_gram\":1,\"max_gram\":3}],\"text\":\"UKB\"}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(analyze.statusCode()).isEqualTo(200);
      assertThat(analyze.body()).contains("\"token\":\"ukb\"");
    }
  }
}

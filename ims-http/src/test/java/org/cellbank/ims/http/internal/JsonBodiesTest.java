package org.cellbank.ims.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.cellbank.ims.http.BadRequestException;
import org.cellbank.ims.http.HttpRequest;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.Router;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.http.internal.json.JsonWriter;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {
  private static HttpRequest post(String body) {
    return HttpRequest.builder("POST", "/things").body(body.getBytes(StandardCharsets.UTF_8)).build();
  }

  @Test
  void object_readsAJsonObjectBody() {
    assertThat(JsonBodies.object(post("{\"status\": \"withdrawn\"}")).findString("status")).hasValue("withdrawn");
  }

  @Test
  void object_refusesMalformedEmptyOrNonObjectBodies_asBadRequests() {
    assertThatThrownBy(() -> JsonBodies.object(post("{\"status\": "))).isInstanceOf(BadRequestException.class)
        .hasMessageContaining("not valid JSON").hasMessageContaining("position");
    assertThatThrownBy(() -> JsonBodies.object(post(""))).isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> JsonBodies.object(post("[1]"))).isInstanceOf(BadRequestException.class)
        .hasMessageContaining("array");
  }

  @Test
  void aMalformedBodyAnswers400_butAJsonFaultOfOurOwnAnswers500() {
    Router router = Router.builder()
        .post("/things", r -> HttpResponse.json(200, JsonWriter.compact().writeUtf8(JsonBodies.object(r))))
        .get("/stored", r -> {
          JsonReader.create().read("{\"broken\": ");   // our own stored document, unreadable
          return HttpResponse.of(200);
        })
        .build();
    assertThat(router.handle(post("{oops")).status()).isEqualTo(400);
    assertThat(router.handle(post("{\"a\": 1}")).status()).isEqualTo(200);
    assertThat(router.handle(HttpRequest.builder("GET", "/stored").build()).status()).isEqualTo(500);
  }
}

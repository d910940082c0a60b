package org.cellbank.ims.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonValue;
import org.cellbank.ims.http.internal.json.JsonWriter;
import org.junit.jupiter.api.Test;

class HttpTypesTest {

  @Test
  void request_keepsValuesAndCopiesTheBody() {
    byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
    HttpRequest r = HttpRequest.builder("POST", "/a%20b")
        .queryParameter("tag", "x")
        .query(Map.of("tag", List.of("y")))
        .headers(Headers.builder().add("Content-Type", "text/plain").build())
        .cookie("session", "1")
        .cookie("session", "2")
        .body(body)
        .requestId("req-9")
        .sourceIp("192.0.2.1")
        .build();
    body[0] = 'j';

    assertThat(r.method()).isEqualTo("POST");
    assertThat(HttpRequest.builder("post", "/").build().method()).as("case-sensitive (RFC 9110): kept as sent")
        .isEqualTo("post");
    assertThat(r.path()).isEqualTo("/a%20b");
    assertThat(r.queryParameters("tag")).containsExactly("x", "y");
    assertThat(r.queryParameter("missing")).isEmpty();
    assertThat(r.headers().first("content-type")).hasValue("text/plain");
    assertThat(r.cookie("session")).hasValue("1");
    assertThat(r.bodyText()).isEqualTo("hello");
    r.body()[0] = 'j';
    assertThat(r.bodyText()).isEqualTo("hello");
    assertThat(r.sourceIp()).hasValue("192.0.2.1");
    assertThat(r.toString()).isEqualTo("HttpRequest[POST /a%20b, requestId=req-9]");
    assertThatThrownBy(() -> r.pathParameter("id")).isInstanceOf(IllegalStateException.class);
    assertThat(r.withPathParameters(Map.of("id", "7")).pathParameter("id")).isEqualTo("7");
    assertThatThrownBy(() -> r.query().put("x", List.of())).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void request_attributes_areKeyedByType_andSurviveCopies() {
    HttpRequest plain = HttpRequest.builder("GET", "/x").build();
    HttpRequest tagged = plain.withAttribute(String.class, "alice").withAttribute(Integer.class, 7);

    assertThat(plain.attribute(String.class)).isEmpty();
    assertThat(tagged.attribute(String.class)).hasValue("alice");
    assertThat(tagged.withAttribute(String.class, "bob").attribute(String.class)).hasValue("bob");
    assertThat(tagged.withPathParameters(Map.of("id", "1")).attribute(Integer.class)).hasValue(7);
    assertThat(tagged.toBuilder().build().attribute(String.class)).hasValue("alice");
  }

  @Test
  void request_rejectsBadMethodAndPath() {
    assertThatThrownBy(() -> HttpRequest.builder("GE T", "/")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpRequest.builder("GET", "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void response_factoriesSetContentTypes() {
    HttpResponse json = json(201, JsonObject.builder().put("b", 1).put("a", "é").build());
    assertThat(json.status()).isEqualTo(201);
    assertThat(json.contentType()).hasValue("application/json");
    assertThat(json.bodyText()).isEqualTo("{\n  \"a\": \"é\",\n  \"b\": 1\n}");

    HttpResponse text = HttpResponse.text(200, "text/csv", "a,b");
    assertThat(text.contentType()).hasValue("text/csv; charset=utf-8");

    HttpResponse error = HttpResponse.error(409, "Batch UKBi008-A_P002 already exists");
    assertThat(error.bodyText()).isEqualTo("""
        {
          "error": {
            "message": "Batch UKBi008-A_P002 already exists",
            "status": 409
          }
        }""");
    assertThat(HttpResponse.of(204).bodyLength()).isZero();
    assertThat(error.withHeader("Set-Cookie", "a=1").headers().all("set-cookie")).containsExactly("a=1");
    assertThatThrownBy(() -> HttpResponse.of(99)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpResponse.of(600)).isInstanceOf(IllegalArgumentException.class);
  }

  private static HttpResponse json(int status, JsonValue body) {
    return HttpResponse.json(status, JsonWriter.pretty().writeUtf8(body));
  }
}

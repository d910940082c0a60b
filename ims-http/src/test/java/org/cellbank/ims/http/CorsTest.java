package org.cellbank.ims.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorsTest {
  private final Cors cors = Cors.builder()
      .allowOrigins(List.of("https://cells.example.org"))
      .allowMethods(List.of("GET", "POST"))
      .allowHeaders(List.of("Authorization", "Content-Type"))
      .exposeHeaders(List.of("X-Total-Count"))
      .maxAge(Duration.ofHours(1))
      .build();
  private final HttpHandler app = cors.wrap(DemoRoutes.router());

  private static HttpRequest request(String method, String path, String... headers) {
    Headers.Builder h = Headers.builder();
    for (int i = 0; i < headers.length; i += 2) {
      h.add(headers[i], headers[i + 1]);
    }
    return HttpRequest.builder(method, path).headers(h.build()).build();
  }

  @Test
  void preflight_fromAllowedOrigin_isAnsweredWithoutTheHandler() {
    HttpResponse r = app.handle(request("OPTIONS", "/api/v0/cell-lines",
        "Origin", "https://cells.example.org",
        "Access-Control-Request-Method", "GET",
        "Access-Control-Request-Headers", "authorization, content-type"));
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.headers().first("access-control-allow-origin")).hasValue("https://cells.example.org");
    assertThat(r.headers().first("access-control-allow-methods")).hasValue("GET, POST");
    assertThat(r.headers().first("access-control-allow-headers")).hasValue("authorization, content-type");
    assertThat(r.headers().first("access-control-max-age")).hasValue("3600");
    assertThat(r.headers().all("vary")).containsExactly("Origin");
  }

  @Test
  void preflight_fromOtherOrigin_orForOtherMethodOrHeader_isRejected() {
    assertThat(app.handle(request("OPTIONS", "/api/v0/cell-lines", "Origin", "https://evil.example",
        "Access-Control-Request-Method", "GET")).status()).isEqualTo(403);
    assertThat(app.handle(request("OPTIONS", "/api/v0/cell-lines", "Origin", "https://cells.example.org",
        "Access-Control-Request-Method", "DELETE")).status()).isEqualTo(403);
    assertThat(app.handle(request("OPTIONS", "/api/v0/cell-lines", "Origin", "https://cells.example.org",
        "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "x-other")).status())
        .isEqualTo(403);
  }

  @Test
  void simpleRequest_fromAllowedOrigin_getsCorsHeaders_evenOnErrors() {
    HttpResponse ok = app.handle(request("GET", "/api/v0/cell-lines/x", "Origin", "https://cells.example.org"));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.headers().first("access-control-allow-origin")).hasValue("https://cells.example.org");
    assertThat(ok.headers().first("access-control-expose-headers")).hasValue("x-total-count");
    HttpResponse missing = app.handle(request("GET", "/nothing", "Origin", "https://cells.example.org"));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.headers().contains("access-control-allow-origin")).isTrue();
  }

  @Test
  void requestsWithoutOriginOrFromOtherOrigins_passUnchanged() {
    assertThat(app.handle(request("GET", "/api/v0/cell-lines/x")).headers().contains("access-control-allow-origin"))
        .isFalse();
    HttpResponse other = app.handle(request("GET", "/api/v0/cell-lines/x", "Origin", "https://evil.example"));
    assertThat(other.headers().contains("access-control-allow-origin")).isFalse();
    assertThat(other.headers().all("vary")).containsExactly("Origin");
    assertThat(app.handle(request("OPTIONS", "/api/v0/cell-lines")).status()).isEqualTo(204);
  }

  @Test
  void wildcard_answersStar_andCannotCombineWithCredentials() {
    HttpHandler any = Cors.builder().allowOrigins(List.of("*")).build().wrap(DemoRoutes.router());
    assertThat(any.handle(request("GET", "/api/v0/cell-lines", "Origin", "https://a.example"))
        .headers().first("access-control-allow-origin")).hasValue("*");
    assertThatThrownBy(() -> Cors.builder().allowOrigins(List.of("*")).allowCredentials(true).build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}

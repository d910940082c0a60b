package org.cellbank.ims.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.junit.jupiter.api.Test;

class RouterTest {
  private final Router router = DemoRoutes.router();

  private static HttpRequest get(String path) {
    return HttpRequest.builder("GET", path).requestId("req-1").build();
  }

  private static String errorMessage(HttpResponse r) {
    return JsonReader.create().read(r.body()).asObject().findObject("error").orElseThrow()
        .findString("message").orElseThrow();
  }

  @Test
  void get_withPathParameter_passesDecodedValue() {
    HttpResponse r = router.handle(get("/api/v0/cell-lines/UKBi008-A%20x%2Fy"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).hasValue("application/json");
    assertThat(r.bodyText()).isEqualTo("{\n  \"biosamples_id\": \"UKBi008-A x/y\"\n}");
  }

  @Test
  void trailingSlash_isOptional() {
    assertThat(router.handle(get("/api/v0/cell-lines/")).status()).isEqualTo(200);
    assertThat(router.handle(get("/api/v0/cell-lines")).status()).isEqualTo(200);
    assertThat(router.handle(get("/api/v0/cell-lines/SAMEA2590882/")).bodyText()).contains("SAMEA2590882");
  }

  @Test
  void literalSegment_winsOverParameter() {
    assertThat(router.handle(get("/api/v0/cell-lines/latest")).bodyText()).isEqualTo("latest");
  }

  @Test
  void queryParameters_reachTheHandler() {
    HttpRequest req = HttpRequest.builder("GET", "/api/v0/cell-lines").queryParameter("limit", "5").build();
    assertThat(router.handle(req).bodyText()).contains("\"limit\": \"5\"");
  }

  @Test
  void unknownPath_answers404WithErrorBody() {
    HttpResponse r = router.handle(get("/api/v0/nothing"));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.bodyText()).isEqualTo("""
        {
          "error": {
            "message": "No resource at this path",
            "status": 404
          }
        }""");
    assertThat(router.handle(get("/api/v0//cell-lines")).status()).isEqualTo(404);
    assertThat(router.handle(get("/")).status()).isEqualTo(404);
  }

  @Test
  void knownPathOtherMethod_answers405WithAllow() {
    HttpResponse r = router.handle(HttpRequest.builder("DELETE", "/api/v0/cell-lines/x").build());
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.headers().first("Allow")).hasValue("GET, HEAD, OPTIONS, POST");
    assertThat(errorMessage(r)).isEqualTo("Method DELETE is not allowed here");
  }

  @Test
  void head_usesGetWithoutBody_andOptionsAnswersAllow() {
    HttpResponse head = router.handle(HttpRequest.builder("HEAD", "/api/v0/cell-lines/x").build());
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.bodyLength()).isZero();
    assertThat(head.contentType()).hasValue("application/json");
    HttpResponse options = router.handle(HttpRequest.builder("OPTIONS", "/api/v0/cell-lines").build());
    assertThat(options.status()).isEqualTo(204);
    assertThat(options.headers().first("allow")).hasValue("GET, HEAD, OPTIONS");
  }

  @Test
  void exceptions_mapToStatusCodes() {
    assertThat(router.handle(get("/fail/validation")).status()).isEqualTo(400);
    assertThat(errorMessage(router.handle(get("/fail/validation")))).isEqualTo("limit must be a number");
    HttpResponse notFound = router.handle(get("/api/v0/cell-lines/missing"));
    assertThat(notFound.status()).isEqualTo(404);
    assertThat(errorMessage(notFound)).isEqualTo("No cell line missing");
    assertThat(router.handle(HttpRequest.builder("POST", "/api/v0/cell-lines/x").build()).status()).isEqualTo(409);
  }

  @Test
  void transientFailures_answer503WithRetryAfter_andOtherFaults500() {
    HttpResponse outage = router.handle(get("/fail/outage"));
    assertThat(outage.status()).isEqualTo(503);
    assertThat(outage.headers().first("retry-after")).hasValue("5");
    assertThat(errorMessage(outage)).isEqualTo("The service is briefly unavailable; try again shortly");
    assertThat(outage.bodyText()).doesNotContain("db.internal");
    HttpResponse fault = router.handle(get("/fail/permanent"));
    assertThat(fault.status()).isEqualTo(500);
    assertThat(fault.headers().contains("retry-after")).isFalse();
  }

  @Test
  void controlCharactersAndOverlongValues_answer400_beforeAnyHandler() {
    for (String path : List.of("/api/v0/cell-lines/%00", "/api/v0/cell-lines/a%0D%0AForged:%20line",
        "/api/v0/cell-lines/%7F", "/api/v0/cell-lines/" + "a".repeat(Router.MAX_SEGMENT + 1))) {
      HttpResponse r = router.handle(get(path));
      assertThat(r.status()).as(path).isEqualTo(400);
      assertThat(r.bodyText()).doesNotContain("Forged");
    }
    HttpResponse query = router.handle(HttpRequest.builder("GET", "/api/v0/cell-lines")
        .queryParameter("limit", "1\u0000").build());
    assertThat(query.status()).isEqualTo(400);
    assertThat(errorMessage(query)).isEqualTo("The value of query parameter limit holds a control character");
    HttpResponse tooLong = router.handle(HttpRequest.builder("GET", "/api/v0/cell-lines")
        .queryParameter("q", "x".repeat(Router.MAX_QUERY_VALUE + 1)).build());
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(errorMessage(tooLong)).contains("longer than 4096 characters");
    assertThat(router.handle(get("/api/v0/cell-lines/Z%C3%BCrich%20line")).status()).isEqualTo(200);
  }

  @Test
  void methods_areCaseSensitive() {
    HttpResponse lower = router.handle(HttpRequest.builder("get", "/api/v0/cell-lines").build());
    assertThat(lower.status()).isEqualTo(405);
    assertThat(lower.headers().first("allow")).hasValueSatisfying(a -> assertThat(a).contains("GET"));
  }

  @Test
  void clientError_withStatusOutside4xx_answers400() {
    HttpResponse r = router.handle(get("/fail/out-of-range"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(errorMessage(r)).isEqualTo("a client error must be a 4xx");
  }

  @Test
  void internalFailures_answerGeneric500_withoutInternals() {
    for (String path : List.of("/fail/database", "/fail/runtime")) {
      HttpResponse r = router.handle(get(path));
      assertThat(r.status()).isEqualTo(500);
      assertThat(errorMessage(r)).isEqualTo("Internal server error");
      assertThat(r.bodyText()).doesNotContain("hunter2", "secret", "Exception", "at org.");
    }
  }

  @Test
  void malformedPercentEncoding_answers400() {
    assertThat(router.handle(get("/api/v0/cell-lines/%zz")).status()).isEqualTo(400);
    assertThat(router.handle(get("/api/v0/cell-lines/%C3")).status()).isEqualTo(400);
  }

  @Test
  void filters_runInOrderAroundMatchedRoutes_andCanAnswerThemselves() {
    List<String> seen = new ArrayList<>();
    Router r = Router.builder()
        .get("/items/{id}", req -> HttpResponse.text(200, "text/plain", req.pathParameter("id")))
        .filter((req, next) -> {
          seen.add("first " + req.pathParameters());
          return next.handle(req);
        })
        .filter((req, next) -> req.headers().contains("authorization") ? next.handle(req) : HttpResponse.of(401))
        .build();

    assertThat(r.handle(get("/items/7")).status()).isEqualTo(401);
    HttpRequest authorised = HttpRequest.builder("GET", "/items/7")
        .headers(Headers.builder().add("Authorization", "ApiKey u:k").build()).build();
    assertThat(r.handle(authorised).bodyText()).isEqualTo("7");
    assertThat(seen).containsExactly("first {id=7}", "first {id=7}");
    assertThat(r.handle(get("/other")).status()).isEqualTo(404);
    assertThat(seen).hasSize(2);
  }

  @Test
  void handlerReturningNull_answers500() {
    Router r = Router.builder().get("/x", req -> null).build();
    assertThat(r.handle(get("/x")).status()).isEqualTo(500);
  }

  @Test
  void builder_rejectsConflictsAndMalformedPatterns() {
    HttpHandler h = req -> HttpResponse.of(200);
    assertThatThrownBy(() -> Router.builder().get("/a/{x}", h).get("/a/{x}/", h))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate");
    assertThatThrownBy(() -> Router.builder().get("/a/{x}", h).post("/a/{y}", h))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conflicts");
    assertThatThrownBy(() -> Router.builder().get("a", h)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Router.builder().get("/a//b", h)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Router.builder().get("/a/{x}/{x}", h)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Router.builder().get("/a/b{x}", h)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rootRoute_matchesSlash() {
    Router r = Router.builder().get("/", req -> HttpResponse.of(204)).build();
    assertThat(r.handle(get("/")).status()).isEqualTo(204);
    assertThat(r.handle(get("/x")).status()).isEqualTo(404);
  }

  private static Router tailRouter() {
    return Router.builder()
        .get("/media/{key+}", req -> HttpResponse.text(200, "text/plain", "tail:" + req.pathParameter("key")))
        .get("/media/{id}", req -> HttpResponse.text(200, "text/plain", "one:" + req.pathParameter("id")))
        .get("/media/fixed/{key+}", req -> HttpResponse.text(200, "text/plain", "fixed:" + req.pathParameter("key")))
        .build();
  }

  @Test
  void tailParameter_takesEveryRemainingSegment_decodedAndJoined() {
    Router r = tailRouter();
    assertThat(r.handle(get("/media/celllines/2015/09/21/u-u-i-d/UKBi008-A%20P001.CoA.pdf")).bodyText())
        .isEqualTo("tail:celllines/2015/09/21/u-u-i-d/UKBi008-A P001.CoA.pdf");
    assertThat(r.handle(get("/media/a/b/")).bodyText()).isEqualTo("tail:a/b");
    assertThat(r.handle(get("/media/a%2Fb/c")).bodyText()).isEqualTo("tail:a/b/c");
  }

  @Test
  void tailParameter_losesToLiteralsAndOneSegmentParameters() {
    Router r = tailRouter();
    assertThat(r.handle(get("/media/x")).bodyText()).isEqualTo("one:x");
    assertThat(r.handle(get("/media/fixed/a/b")).bodyText()).isEqualTo("fixed:a/b");
    assertThat(r.handle(get("/media/fixed")).bodyText()).isEqualTo("one:fixed");
  }

  @Test
  void tailParameter_needsOneOrMoreNonEmptySegments() {
    Router r = Router.builder().get("/media/{key+}", req -> HttpResponse.of(204)).build();
    assertThat(r.handle(get("/media")).status()).isEqualTo(404);
    assertThat(r.handle(get("/media/")).status()).isEqualTo(404);
    assertThat(r.handle(get("/media/a//b")).status()).isEqualTo(404);
    assertThat(r.handle(get("/media/a")).status()).isEqualTo(204);
    HttpResponse options = r.handle(HttpRequest.builder("OPTIONS", "/media/a/b").build());
    assertThat(options.status()).isEqualTo(204);
    assertThat(options.headers().first("allow")).hasValue("GET, HEAD, OPTIONS");
  }

  @Test
  void tailParameter_onlyAsTheLastSegment() {
    assertThatThrownBy(() -> Router.builder().get("/media/{key+}/x", req -> HttpResponse.of(204)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("last segment");
    assertThatThrownBy(() -> Router.builder().get("/media/{+}", req -> HttpResponse.of(204)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Router.builder().get("/media/{k}/{k+}", req -> HttpResponse.of(204)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void routes_listsEveryMethodAndPattern_inRegistrationOrder() {
    HttpHandler h = req -> HttpResponse.of(200);
    Router router = Router.builder()
        .get("/api/v0/cell-lines/", h)
        .patch("/api/v0/batches/{key}", h)
        .get("/api/v0/batches/{key}", h)
        .delete("/media/{key+}", h)
        .build();

    assertThat(router.routes()).containsExactly("GET /api/v0/cell-lines", "GET /api/v0/batches/{key}",
        "PATCH /api/v0/batches/{key}", "DELETE /media/{key+}");
    assertThatThrownBy(() -> router.routes().add("GET /x")).isInstanceOf(UnsupportedOperationException.class);
  }
}

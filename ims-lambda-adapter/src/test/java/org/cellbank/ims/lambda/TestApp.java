package org.cellbank.ims.lambda;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.cellbank.ims.http.Cors;
import org.cellbank.ims.http.HttpRequest;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.Router;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonValue;
import org.cellbank.ims.http.internal.json.JsonWriter;

/** A tiny route set for the adapter tests; the real v0 routes live elsewhere. */
final class TestApp {
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, '\r', 'I', 'H', 'D', 'R'};

  private TestApp() {}

  static Router router() {
    return Router.builder()
        .get("/api/v0/cell-lines", r -> json(200, JsonObject.builder()
            .put("limit", r.queryParameter("limit").orElse("50"))
            .put("q", r.queryParameter("q").orElse(""))
            .build()))
        .get("/api/v0/cell-lines/{id}", r -> json(200, JsonObject.builder()
            .put("biosamples_id", r.pathParameter("id")).build()))
        .post("/api/v0/echo", TestApp::echo)
        .get("/files/{name}", r -> HttpResponse.builder(200)
            .header("content-type", "image/png")
            .header("content-disposition", "inline; filename=\"" + r.pathParameter("name").replace("\"", "") + "\"")
            .body(PNG)
            .build())
        .get("/cookies", r -> HttpResponse.builder(204)
            .header("set-cookie", "a=1; Path=/; HttpOnly")
            .header("set-cookie", "b=2; Path=/")
            .header("set-cookie", "c=3; Path=/")
            .build())
        .get("/fail", r -> {
          throw new IllegalStateException("database password is hunter2");
        })
        .build();
  }

  static Cors cors() {
    return Cors.builder()
        .allowOrigins(List.of("https://cells.example.org"))
        .allowHeaders(List.of("authorization"))
        .maxAge(Duration.ofMinutes(5))
        .build();
  }

  static ImsLambdaHandler.Builder handler() {
    return ImsLambdaHandler.builder(router()).basePath("/ims").cors(cors());
  }

  private static HttpResponse echo(HttpRequest r) {
    JsonObject.Builder query = JsonObject.builder();
    r.query().forEach((k, v) -> query.put(k, JsonArray.ofStrings(v)));
    JsonObject.Builder cookies = JsonObject.builder();
    r.cookies().forEach(cookies::put);
    JsonObject body = JsonObject.builder()
        .put("method", r.method())
        .put("path", r.path())
        .put("query", query.build())
        .put("cookies", cookies.build())
        .putStrings("x-multi", r.headers().all("x-multi"))
        .put("content-type", r.headers().first("content-type").orElse(""))
        .put("body-base64", Base64.getEncoder().encodeToString(r.body()))
        .put("source-ip", r.sourceIp().orElse(""))
        .put("request-id", r.requestId())
        .build();
    return json(200, body).toBuilder()
        .header("set-cookie", "session=new; Path=/; Secure; HttpOnly")
        .header("set-cookie", "theme=light; Path=/")
        .header("x-multi", "one")
        .header("x-multi", "two")
        .build();
  }

  private static HttpResponse json(int status, JsonValue body) {
    return HttpResponse.json(status, JsonWriter.pretty().writeUtf8(body));
  }
}

package org.cellbank.ims.http;

import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonWriter;

/** A tiny route set for tests: echoes what the router saw, and throws on demand. */
final class DemoRoutes {
  private DemoRoutes() {}

  /** A client error with any status, as the domain's not-found and conflict exceptions are. */
  static final class StatusError extends RuntimeException implements ClientError {
    private static final long serialVersionUID = 1L;
    private final int status;

    StatusError(int status, String message) {
      super(message);
      this.status = status;
    }

    @Override
    public int httpStatus() {
      return status;
    }
  }

  /** A failure that can say whether it is transient, as the IMS's own exceptions do. */
  static final class Outage extends RuntimeException implements Retryable {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    Outage(String message, boolean retryable) {
      super(message);
      this.retryable = retryable;
    }

    @Override
    public boolean retryable() {
      return retryable;
    }
  }

  private static HttpResponse json(JsonObject body) {
    return HttpResponse.json(200, JsonWriter.pretty().writeUtf8(body));
  }

  static Router router() {
    return Router.builder()
        .get("/api/v0/cell-lines", r -> json(JsonObject.builder()
            .put("limit", r.queryParameter("limit").orElse("50")).build()))
        .get("/api/v0/cell-lines/{id}", r -> {
          String id = r.pathParameter("id");
          if (id.equals("missing")) {
            throw new StatusError(404, "No cell line " + id);
          }
          return json(JsonObject.builder().put("biosamples_id", id).build());
        })
        .get("/api/v0/cell-lines/latest", r -> HttpResponse.text(200, "text/plain", "latest"))
        .post("/api/v0/cell-lines/{id}", r -> {
          throw new StatusError(409, "Cell line " + r.pathParameter("id") + " already exists");
        })
        .get("/fail/validation", r -> {
          throw new BadRequestException("limit must be a number");
        })
        .get("/fail/database", r -> {
          throw new IllegalStateException("connection refused to db.internal:5432 password=hunter2");
        })
        .get("/fail/out-of-range", r -> {
          throw new StatusError(503, "a client error must be a 4xx");
        })
        .get("/fail/outage", r -> {
          throw new Outage("connection refused to db.internal:5432", true);
        })
        .get("/fail/permanent", r -> {
          throw new Outage("disk full at /var/lib/db", false);
        })
        .get("/fail/runtime", r -> {
          throw new IllegalStateException("secret internals");
        })
        .build();
  }
}

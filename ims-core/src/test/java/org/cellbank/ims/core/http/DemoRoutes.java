package org.cellbank.ims.core.http;

import org.cellbank.ims.core.ConflictException;
import org.cellbank.ims.core.DatabaseException;
import org.cellbank.ims.core.NotFoundException;
import org.cellbank.ims.core.ValidationException;
import org.cellbank.ims.core.json.JsonObject;

/** A tiny route set for tests: echoes what the router saw, and throws on demand. */
final class DemoRoutes {
  private DemoRoutes() {}

  static Router router() {
    return Router.builder()
        .get("/api/v0/cell-lines", r -> HttpResponse.json(200, JsonObject.builder()
            .put("limit", r.queryParameter("limit").orElse("50")).build()))
        .get("/api/v0/cell-lines/{id}", r -> {
          String id = r.pathParameter("id");
          if (id.equals("missing")) {
            throw new NotFoundException("No cell line " + id);
          }
          return HttpResponse.json(200, JsonObject.builder().put("biosamples_id", id).build());
        })
        .get("/api/v0/cell-lines/latest", r -> HttpResponse.text(200, "text/plain", "latest"))
        .post("/api/v0/cell-lines/{id}", r -> {
          throw new ConflictException("Cell line " + r.pathParameter("id") + " already exists");
        })
        .get("/fail/validation", r -> {
          throw new ValidationException("limit must be a number");
        })
        .get("/fail/database", r -> {
          throw new DatabaseException("connection refused to db.internal:5432 password=hunter2", true);
        })
        .get("/fail/runtime", r -> {
          throw new IllegalStateException("secret internals");
        })
        .build();
  }
}

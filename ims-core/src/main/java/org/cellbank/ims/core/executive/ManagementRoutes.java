package org.cellbank.ims.core.executive;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cellbank.ims.core.auth.ApiPrincipal;
import org.cellbank.ims.http.HttpRequest;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.internal.JsonBodies;
import org.cellbank.ims.http.internal.json.JsonNull;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonString;
import org.cellbank.ims.http.internal.json.JsonValue;

/**
 * The executive routes 30 to 39 of {@link ExecutiveApi}: a batch's read and update, the
 * administrator's corrections of a line, users and keys. Built with {@link ExecutiveRoutes}, on the
 * first executive request. Thread-safe.
 */
final class ManagementRoutes {

  private static final Set<String> BATCH_FIELDS = Set.of("vials_at_roslin", "vials_shipped_to_ecacc",
      "vials_shipped_to_fraunhofer", "culture_conditions");

  private static final Set<String> LINE_FIELDS = Set.copyOf(LineCorrection.FIELDS);

  private final ExecutiveService service;

  ManagementRoutes(ExecutiveService service) {
    this.service = service;
  }

  HttpResponse handle(int route, ApiPrincipal who, HttpRequest request) {
    return switch (route) {
      case ExecutiveApi.BATCH -> batch(who, request);
      case ExecutiveApi.BATCH_UPDATE -> updateBatch(who, request);
      case ExecutiveApi.LINE_CORRECTION -> correctLine(who, request);
      default -> throw new IllegalArgumentException("no executive route " + route);
    };
  }

  private HttpResponse batch(ApiPrincipal who, HttpRequest request) {
    ExecutiveBatch batch = service.batch(who, request.pathParameter("key"));
    return ExecutiveRoutes.json(200, batchJson(batch)).withHeader("etag", batch.etag());
  }

  private HttpResponse updateBatch(ApiPrincipal who, HttpRequest request) {
    String key = request.pathParameter("key");
    Optional<String> ifMatch = ifMatch(request);
    if (ifMatch.isEmpty()) {
      return HttpResponse.error(428, "A batch change needs If-Match with the batch's ETag from GET "
          + ExecutiveApi.BATCHES_PATH + "/" + key);
    }
    JsonObject body = JsonBodies.object(request);
    List<FieldError> problems = ExecutiveRoutes.unknownFields(body, BATCH_FIELDS);
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String field : BatchUpdate.COUNT_FIELDS) {
      if (body.members().containsKey(field)) {
        counts.put(field, ExecutiveRoutes.wholeNumber(body, field, problems));
      }
    }
    Map<String, String> culture = new LinkedHashMap<>();
    Optional<JsonValue> cc = body.find("culture_conditions");
    if (cc.isPresent() && cc.get() instanceof JsonNull) {
      for (String field : BatchUpdate.CULTURE_FIELDS) {
        culture.put(field, null);
      }
    } else if (cc.isPresent() && cc.get() instanceof JsonObject conditions) {
      for (Map.Entry<String, JsonValue> e : conditions.members().entrySet()) {
        if (e.getValue() instanceof JsonString s) {
          culture.put(e.getKey(), s.value());
        } else if (e.getValue() instanceof JsonNull) {
          culture.put(e.getKey(), null);
        } else if (BatchUpdate.CULTURE_FIELDS.contains(e.getKey())) {
          problems.add(new FieldError("/culture_conditions" + ExecutiveRoutes.pointer(e.getKey()), "must be a string"));
        } else {
          culture.put(e.getKey(), null);
        }
      }
    } else if (cc.isPresent()) {
      problems.add(new FieldError("/culture_conditions", "must be an object"));
    }
    BatchUpdate update = new BatchUpdate(key, 0, counts, culture);
    ExecutiveRoutes.merge(problems, update.problems());
    if (!problems.isEmpty()) {
      return ExecutiveRoutes.invalid(problems);
    }
    long expected = ExecutiveRoutes.version(ifMatch.get());
    if (expected < 0) {
      return stale(ifMatch.get(), "batch " + key);
    }
    ExecutiveBatch batch = service.updateBatch(who, new BatchUpdate(key, expected, counts, culture));
    return ExecutiveRoutes.json(200, batchJson(batch)).withHeader("etag", batch.etag());
  }

  private HttpResponse correctLine(ApiPrincipal who, HttpRequest request) {
    String name = request.pathParameter("name");
    Optional<String> ifMatch = ifMatch(request);
    if (ifMatch.isEmpty()) {
      return HttpResponse.error(428, "A correction needs If-Match with the line's ETag from GET "
          + ExecutiveApi.CELL_LINES + "/" + name);
    }
    JsonObject body = JsonBodies.object(request);
    List<FieldError> problems = ExecutiveRoutes.unknownFields(body, LINE_FIELDS);
    Map<String, String> fields = new LinkedHashMap<>();
    for (String field : LineCorrection.FIELDS) {
      if (body.members().containsKey(field)) {
        fields.put(field, ExecutiveRoutes.string(body, field, problems));
      }
    }
    LineCorrection correction = new LineCorrection(name, 0, fields);
    ExecutiveRoutes.merge(problems, correction.problems());
    if (!problems.isEmpty()) {
      return ExecutiveRoutes.invalid(problems);
    }
    long expected = ExecutiveRoutes.version(ifMatch.get());
    if (expected < 0) {
      return stale(ifMatch.get(), "cell line " + name);
    }
    try {
      ExecutiveLine line = service.correctLine(who, new LineCorrection(name, expected, fields));
      return ExecutiveRoutes.json(200, ExecutiveJson.line(line)).withHeader("etag", line.etag());
    } catch (FieldConflictException e) {
      return ExecutiveRoutes.fieldsError(409, "Conflict:", e.fields());
    }
  }

  // --- shared

  // The If-Match header, empty when it is missing or "*" (a change must name the version it read).
  static Optional<String> ifMatch(HttpRequest request) {
    Optional<String> ifMatch = request.headers().first("if-match");
    return ifMatch.isEmpty() || ifMatch.get().strip().equals("*") ? Optional.empty() : ifMatch;
  }

  static HttpResponse stale(String ifMatch, String what) {
    return HttpResponse.error(412, "If-Match " + ifMatch.strip() + " is no version of " + what
        + ": read it again for its ETag");
  }

  static JsonObject batchJson(ExecutiveBatch b) {
    JsonValue culture = JsonNull.INSTANCE;
    if (b.cultureConditions() != null) {
      String[] values = BatchEdits.cultureValues(b.cultureConditions());
      JsonObject.Builder cc = JsonObject.builder();
      for (int i = 0; i < values.length; i++) {
        cc.put(BatchUpdate.CULTURE_FIELDS.get(i), ExecutiveJson.text(values[i]));
      }
      culture = cc.build();
    }
    return JsonObject.builder()
        .put("batch_id", b.batchId())
        .put("biosamples_id", b.batchKey())
        .put("batch_type", b.batchType())
        .put("cell_line", b.lineName())
        .put("cell_line_biosamples_id", b.lineBiosamplesId())
        .put("vials_at_roslin", ExecutiveJson.number(b.vialsAtRoslin()))
        .put("vials_shipped_to_ecacc", ExecutiveJson.number(b.vialsShippedToEcacc()))
        .put("vials_shipped_to_fraunhofer", ExecutiveJson.number(b.vialsShippedToFraunhofer()))
        .put("culture_conditions", culture)
        .put("certificate_of_analysis", b.certificateOfAnalysis())
        .put("images", b.images())
        .put("vials", b.vials())
        .put("version", b.version())
        .put("resource_uri", ExecutiveApi.BATCHES_PATH + "/" + b.batchKey())
        .put("cell_line_uri", ExecutiveJson.lineUri(b.lineName()))
        .put("v0_uri", ExecutiveJson.v0BatchUri(b.batchKey()))
        .build();
  }
}

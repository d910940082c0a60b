package org.cellbank.ims.core.executive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cellbank.ims.core.ValidationException;
import org.cellbank.ims.core.auth.ApiKeyAuthentication;
import org.cellbank.ims.core.auth.ApiKeyInfo;
import org.cellbank.ims.core.auth.ApiPrincipal;
import org.cellbank.ims.core.auth.IssuedKey;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.http.HttpRequest;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.UrlEncoding;
import org.cellbank.ims.http.internal.JsonBodies;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonBoolean;
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

  private static final Set<String> NEW_USER_FIELDS = Set.of("username", "role");
  private static final Set<String> USER_FIELDS = Set.of("role", "active");
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
      case ExecutiveApi.USERS -> users(who);
      case ExecutiveApi.USER_CREATE -> createUser(who, request);
      case ExecutiveApi.USER_UPDATE -> updateUser(who, request);
      case ExecutiveApi.KEYS -> keys(who, request);
      case ExecutiveApi.KEY_ISSUE -> issueKey(who, request);
      case ExecutiveApi.KEY_REVOKE -> revokeKey(who, request);
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

  private HttpResponse users(ApiPrincipal who) {
    List<JsonValue> objects = new ArrayList<>();
    for (ApiUser u : service.users(who)) {
      objects.add(userJson(u));
    }
    return ExecutiveRoutes.json(200, JsonObject.builder().put("objects", new JsonArray(objects)).build());
  }

  private HttpResponse createUser(ApiPrincipal who, HttpRequest request) {
    JsonObject body = JsonBodies.object(request);
    List<FieldError> problems = ExecutiveRoutes.unknownFields(body, NEW_USER_FIELDS);
    String username = ExecutiveRoutes.string(body, "username", problems);
    if (!Accounts.validUsername(username)) {
      ExecutiveRoutes.merge(problems, List.of(new FieldError("/username", "must be 1 to 150 letters, digits or _ . @ -")));
    }
    Role role = role(body, problems, true);
    if (!problems.isEmpty()) {
      return ExecutiveRoutes.invalid(problems);
    }
    ApiUser user = service.createUser(who, username, role);
    return ExecutiveRoutes.json(201, userJson(user)).withHeader("location", userUri(user.username()));
  }

  private HttpResponse updateUser(ApiPrincipal who, HttpRequest request) {
    JsonObject body = JsonBodies.object(request);
    List<FieldError> problems = ExecutiveRoutes.unknownFields(body, USER_FIELDS);
    Role role = role(body, problems, false);
    Boolean active = null;
    Optional<JsonValue> a = body.find("active");
    if (a.isPresent() && a.get() instanceof JsonBoolean b) {
      active = b.value();
    } else if (a.isPresent()) {
      problems.add(new FieldError("/active", "must be true or false"));
    }
    if (!problems.isEmpty()) {
      return ExecutiveRoutes.invalid(problems);
    }
    ApiUser user = service.updateUser(who, new UserChange(request.pathParameter("username"), role, active));
    return ExecutiveRoutes.json(200, userJson(user));
  }

  private HttpResponse keys(ApiPrincipal who, HttpRequest request) {
    List<JsonValue> objects = new ArrayList<>();
    for (ApiKeyInfo k : service.keys(who, request.pathParameter("username"))) {
      objects.add(keyJson(k));
    }
    return ExecutiveRoutes.json(200, JsonObject.builder().put("objects", new JsonArray(objects)).build());
  }

  private HttpResponse issueKey(ApiPrincipal who, HttpRequest request) {
    if (request.body().length > 0) {
      JsonObject body = JsonBodies.object(request);
      List<FieldError> problems = ExecutiveRoutes.unknownFields(body, Set.of());
      if (!problems.isEmpty()) {
        return ExecutiveRoutes.invalid(problems);
      }
    }
    IssuedKey key = service.issueKey(who, request.pathParameter("username"));
    JsonObject answer = JsonObject.builder()
        .put("id", key.id())
        .put("username", key.username())
        .put("prefix", key.prefix())
        .put("key", key.key())
        .put("resource_uri", keyUri(key.username(), key.id()))
        .build();
    // The only answer that holds a key: no cache may keep it.
    return ExecutiveRoutes.json(201, answer).toBuilder().header("location", keyUri(key.username(), key.id()))
        .header("cache-control", "no-store").build();
  }

  private HttpResponse revokeKey(ApiPrincipal who, HttpRequest request) {
    String username = request.pathParameter("username");
    String id = request.pathParameter("id");
    boolean digits = !id.isEmpty() && id.length() <= 18;
    for (int i = 0; digits && i < id.length(); i++) {
      digits = id.charAt(i) >= '0' && id.charAt(i) <= '9';
    }
    if (!digits) {
      return HttpResponse.error(404, "user " + username + " has no API key with id " + id);
    }
    String caller = ApiKeyAuthentication.presentedKey(request).orElse(null);
    ApiKeyInfo key = service.revokeKey(who, new KeyRevocation(username, Long.parseLong(id), caller));
    return ExecutiveRoutes.json(200, keyJson(key));
  }

  private static Role role(JsonObject body, List<FieldError> problems, boolean required) {
    String code = ExecutiveRoutes.string(body, "role", problems);
    FieldError wrong = new FieldError("/role", "must be partner, executive_viewer, executive_manager or administrator");
    if (code == null) {
      if (required) {
        ExecutiveRoutes.merge(problems, List.of(wrong));
      }
      return null;
    }
    try {
      return Role.ofCode(code);
    } catch (ValidationException e) {
      problems.add(wrong);
      return null;
    }
  }

  static JsonObject userJson(ApiUser u) {
    return JsonObject.builder()
        .put("username", u.username())
        .put("role", u.role().code())
        .put("active", u.active())
        .put("created_at", ExecutiveJson.time(u.createdAt()))
        .put("valid_keys", u.validKeys())
        .put("resource_uri", userUri(u.username()))
        .put("keys_uri", userUri(u.username()) + "/keys")
        .build();
  }

  static JsonObject keyJson(ApiKeyInfo k) {
    return JsonObject.builder()
        .put("id", k.id())
        .put("username", k.username())
        .put("prefix", k.prefix())
        .put("created_at", ExecutiveJson.time(k.createdAt()))
        .put("last_used_at", ExecutiveJson.time(k.lastUsedAt()))
        .put("revoked_at", ExecutiveJson.time(k.revokedAt()))
        .put("revoked", k.revoked())
        .put("resource_uri", keyUri(k.username(), k.id()))
        .build();
  }

  private static String userUri(String username) {
    return ExecutiveApi.USERS_PATH + "/" + UrlEncoding.encodePathSegment(username);
  }

  private static String keyUri(String username, long id) {
    return userUri(username) + "/keys/" + id;
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

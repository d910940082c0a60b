package org.cellbank.ims.core.executive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cellbank.ims.core.Page;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.ValidationException;
import org.cellbank.ims.core.auth.ApiKeyAuthentication;
import org.cellbank.ims.core.auth.ApiPrincipal;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.model.CellLineStatus;
import org.cellbank.ims.core.model.ValidationStatus;
import org.cellbank.ims.http.HttpRequest;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.UrlEncoding;
import org.cellbank.ims.http.internal.JsonBodies;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonNull;
import org.cellbank.ims.http.internal.json.JsonNumber;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.http.internal.json.JsonString;
import org.cellbank.ims.http.internal.json.JsonValue;
import org.cellbank.ims.http.internal.json.JsonWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executive routes' work, built by {@link ExecutiveApi} on the first executive request: request
 * parsing, the service call and the JSON answer. Thread-safe.
 */
final class ExecutiveRoutes {

  private static final int DEFAULT_LIMIT = 50;
  private static final Set<String> DASHBOARD_PARAMETERS = Set.of("q", "status", "validation", "found_on_ecacc",
      "depositor", "disease", "sort", "limit", "offset", "username", "api_key");
  private static final Set<String> AUDIT_PARAMETERS = Set.of("entity", "id", "limit", "offset", "username", "api_key");
  private static final Set<String> CHANGE_PARAMETERS = Set.of("since", "limit", "username", "api_key");
  private static final Set<String> STATUS_FIELDS = Set.of("status", "comment");
  private static final Set<String> BATCH_FIELDS = Set.of("batch_id", "batch_type", "vials", "derived_from");

  private static final Logger LOG = LoggerFactory.getLogger(ExecutiveRoutes.class);

  private final ExecutiveService service;
  private final ManagementRoutes management;
  private final int maxExportBytes;

  ExecutiveRoutes(ExecutiveService service, int maxExportBytes) {
    this.service = service;
    this.management = new ManagementRoutes(service);
    this.maxExportBytes = maxExportBytes;
  }

  /** Runs route {@code route} of {@link ExecutiveApi}, answering a faulty-field failure with its fields. */
  HttpResponse handle(int route, HttpRequest request) {
    Optional<ApiPrincipal> who = ApiKeyAuthentication.findPrincipal(request);
    if (who.isEmpty()) {
      // Not behind the authentication filter: a wiring mistake must not open the route.
      return ApiKeyAuthentication.unauthenticated();
    }
    try {
      return switch (route) {
        case ExecutiveApi.DASHBOARD -> dashboard(who.get(), request);
        case ExecutiveApi.LINE -> line(who.get(), request);
        case ExecutiveApi.STATUS -> status(who.get(), request);
        case ExecutiveApi.BATCHES -> createBatch(who.get(), request);
        case ExecutiveApi.AUDIT -> audit(who.get(), request);
        case ExecutiveApi.EXPORT_LINES -> csv(who.get(), request, route);
        case ExecutiveApi.EXPORT_BATCHES -> csv(who.get(), request, route);
        case ExecutiveApi.EXPORT_VIALS -> csv(who.get(), request, route);
        case ExecutiveApi.CHANGES -> changes(who.get(), request);
        case ExecutiveApi.ME -> me(who.get());
        default -> management.handle(route, who.get(), request);
      };
    } catch (InvalidFieldsException e) {
      return invalid(e.fields());
    }
  }

  private HttpResponse dashboard(ApiPrincipal who, HttpRequest request) {
    requireKnownParameters(request, DASHBOARD_PARAMETERS);
    DashboardQuery.Builder q = DashboardQuery.builder().page(page(request));
    List<FieldError> problems = new ArrayList<>(2);
    single(request, "q").ifPresent(q::text);
    Optional<String> status = single(request, "status");
    if (status.isPresent()) {
      try {
        q.status(CellLineStatus.fromCode(status.get()));
      } catch (ValidationException e) {
        problems.add(new FieldError("status", "must be a status code such as at_ecacc or withdrawn"));
      }
    }
    Optional<String> validation = single(request, "validation");
    if (validation.isPresent()) {
      try {
        q.validation(ValidationStatus.fromCode(validation.get()));
      } catch (ValidationException e) {
        problems.add(new FieldError("validation", "must be validated_visible, validated_not_visible, unvalidated"
            + " or name_registered"));
      }
    }
    Optional<String> ecacc = single(request, "found_on_ecacc");
    if (ecacc.isPresent()) {
      if (ecacc.get().equals("true") || ecacc.get().equals("false")) {
        q.foundOnEcacc(ecacc.get().equals("true"));
      } else {
        problems.add(new FieldError("found_on_ecacc", "must be true or false"));
      }
    }
    single(request, "depositor").ifPresent(q::depositor);
    single(request, "disease").ifPresent(q::disease);
    Optional<String> sort = single(request, "sort");
    if (sort.isPresent()) {
      boolean descending = sort.get().startsWith("-");
      try {
        q.sort(DashboardQuery.Sort.ofCode(descending ? sort.get().substring(1) : sort.get()), descending);
      } catch (ValidationException e) {
        problems.add(new FieldError("sort", "must be name, depositor, validation, status, for_sale, batches or disease,"
            + " with - in front for descending"));
      }
    }
    if (!problems.isEmpty()) {
      // Query parameters are named by their name: a pointer points into a body.
      return invalid(problems);
    }
    DashboardQuery query = q.build();
    Dashboard d = service.dashboard(who, query);
    List<JsonValue> objects = new ArrayList<>(d.rows().size());
    for (Dashboard.Row row : d.rows()) {
      objects.add(ExecutiveJson.dashboardRow(row));
    }
    return json(200, JsonObject.builder()
        .put("meta", meta(request, ExecutiveApi.CELL_LINES, query.page(), d.totalCount()))
        .put("counters", ExecutiveJson.counters(d.counters()))
        .put("objects", new JsonArray(objects))
        .build());
  }

  // Who the key is: any valid key may ask. The staff console shows or hides its forms by it; every
  // route still checks the role itself.
  private static HttpResponse me(ApiPrincipal who) {
    return json(200, JsonObject.builder().put("username", who.username()).put("role", who.role().code())
        .put("writes", who.role().includes(Role.EXECUTIVE_MANAGER))
        .put("administers", who.role().includes(Role.ADMINISTRATOR)).build())
        .withHeader("cache-control", "no-store");
  }

  private HttpResponse line(ApiPrincipal who, HttpRequest request) {
    ExecutiveLine line = service.line(who, request.pathParameter("name"));
    return json(200, ExecutiveJson.line(line)).withHeader("etag", line.etag());
  }

  private HttpResponse status(ApiPrincipal who, HttpRequest request) {
    String name = request.pathParameter("name");
    Optional<String> ifMatch = request.headers().first("if-match");
    if (ifMatch.isEmpty() || ifMatch.get().strip().equals("*")) {
      return HttpResponse.error(428, "A status change needs If-Match with the line's ETag from GET "
          + ExecutiveApi.CELL_LINES + "/" + name);
    }
    JsonObject body = JsonBodies.object(request);
    List<FieldError> problems = unknownFields(body, STATUS_FIELDS);
    String status = string(body, "status", problems);
    String comment = string(body, "comment", problems);
    StatusChange change = new StatusChange(name, status, comment, 0);
    merge(problems, change.problems());
    if (!problems.isEmpty()) {
      return invalid(problems);
    }
    long expected = version(ifMatch.get());
    if (expected < 0) {
      return HttpResponse.error(412, "If-Match " + ifMatch.get().strip() + " is no version of cell line " + name
          + ": read it again for its ETag");
    }
    ExecutiveLine line = service.changeStatus(who, new StatusChange(name, status, comment, expected));
    return json(200, ExecutiveJson.line(line)).withHeader("etag", line.etag());
  }

  private HttpResponse createBatch(ApiPrincipal who, HttpRequest request) {
    String name = request.pathParameter("name");
    JsonObject body = JsonBodies.object(request);
    List<FieldError> problems = unknownFields(body, BATCH_FIELDS);
    String batchId = string(body, "batch_id", problems);
    String batchType = string(body, "batch_type", problems);
    Integer vials = wholeNumber(body, "vials", problems);
    String derivedFrom = string(body, "derived_from", problems);
    NewBatchRequest batch = new NewBatchRequest(name, batchId, batchType, vials, derivedFrom);
    merge(problems, batch.problems());
    if (!problems.isEmpty()) {
      return invalid(problems);
    }
    Optional<String> key = request.headers().first("idempotency-key");
    CreatedBatch created = key.isEmpty() ? service.createBatch(who, batch)
        : service.createBatch(who, batch, new Idempotency(key.get().strip(), requestHash(request)));
    HttpResponse.Builder response = HttpResponse.builder(201)
        .header("content-type", HttpResponse.JSON_CONTENT_TYPE)
        .header("location", ExecutiveJson.v0BatchUri(created.batchKey()))
        .body(created.representation().getBytes(StandardCharsets.UTF_8));
    if (created.replayed()) {
      response.header("idempotent-replayed", "true");
    }
    return response.build();
  }

  private HttpResponse audit(ApiPrincipal who, HttpRequest request) {
    requireKnownParameters(request, AUDIT_PARAMETERS);
    PageRequest page = page(request);
    AuditQuery query = new AuditQuery(single(request, "entity").orElse(null), single(request, "id").orElse(null), page);
    Page<AuditEntry> entries = service.audit(who, query);
    List<JsonValue> objects = new ArrayList<>(entries.items().size());
    JsonReader reader = JsonReader.create();
    for (AuditEntry e : entries.items()) {
      objects.add(ExecutiveJson.auditEntry(e, reader.read(e.changes())));
    }
    return json(200, JsonObject.builder()
        .put("meta", meta(request, ExecutiveApi.AUDIT_PATH, page, entries.totalCount()))
        .put("objects", new JsonArray(objects))
        .build());
  }

  private HttpResponse changes(ApiPrincipal who, HttpRequest request) {
    requireKnownParameters(request, CHANGE_PARAMETERS);
    long limit = number(request, "limit", 100);
    int effective = limit == 0 || limit > PageRequest.MAX_LIMIT ? PageRequest.MAX_LIMIT : (int) limit;
    ChangeFeed feed = service.changes(who, single(request, "since").orElse(null), effective);
    List<JsonValue> objects = new ArrayList<>(feed.changes().size());
    for (ChangeFeed.Change c : feed.changes()) {
      objects.add(JsonObject.builder()
          .put("entity", c.entity())
          .put("id", c.id())
          .put("deleted", c.deleted())
          .put("changed_at", ExecutiveJson.time(c.changedAt()))
          .put("resource_uri", c.uri())
          .build());
    }
    return json(200, JsonObject.builder()
        .put("next_cursor", feed.nextCursor())
        .put("more", feed.more())
        .put("next", ExecutiveApi.CHANGES_PATH + "?since=" + feed.nextCursor())
        .put("objects", new JsonArray(objects))
        .build());
  }

  // The CSV is written as it is read into a capped byte buffer (an HttpResponse body is bytes), then
  // answered; past the cap the download stops with a 507 instead of taking the container's memory.
  private HttpResponse csv(ApiPrincipal who, HttpRequest request, int route) {
    CsvBuffer out = new CsvBuffer(maxExportBytes);
    String file;
    String today = java.time.LocalDate.now(service.clock()).toString();
    try {
      if (route == ExecutiveApi.EXPORT_LINES) {
        service.exportCellLineIds(who, out.writer());
        file = "ebisc_cell_line_ids-" + today + ".csv";
      } else if (route == ExecutiveApi.EXPORT_BATCHES) {
        service.exportBatchIds(who, out.writer());
        file = "ebisc_batch_ids-" + today + ".csv";
      } else {
        String key = request.pathParameter("key");
        service.exportVials(who, key, out.writer());
        file = key + ".csv";
      }
    } catch (CsvBuffer.TooLarge e) {
      LOG.warn("A CSV download of {} stopped at the cap of {} bytes", request.path(), maxExportBytes);
      return HttpResponse.error(507, "This download is larger than " + maxExportBytes + " bytes, the most this"
          + " deployment holds for one answer (ExecutiveApi.Builder.maxExportBytes)");
    }
    return HttpResponse.builder(200)
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", "attachment; filename=\"" + safeFileName(file) + "\"")
        .body(out.toByteArray())
        .build();
  }

  // Only letters, digits and - _ . survive in a download's file name (it goes into a header).
  private static String safeFileName(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
          || c == '_' || c == '.';
      sb.append(ok ? c : '_');
    }
    return sb.toString();
  }

  // --- request parsing

  static PageRequest page(HttpRequest request) {
    long limit = number(request, "limit", DEFAULT_LIMIT);
    long offset = number(request, "offset", 0);
    int effective = limit == 0 || limit > PageRequest.MAX_LIMIT ? PageRequest.MAX_LIMIT : (int) limit;
    return new PageRequest(offset, effective);
  }

  private static long number(HttpRequest request, String name, long fallback) {
    Optional<String> value = single(request, name);
    if (value.isEmpty()) {
      return fallback;
    }
    String text = value.get();
    boolean digits = !text.isEmpty() && text.length() <= 12;
    for (int i = 0; digits && i < text.length(); i++) {
      digits = text.charAt(i) >= '0' && text.charAt(i) <= '9';
    }
    if (!digits) {
      throw new ValidationException(name + " must be a whole number of 0 or more");
    }
    return Long.parseLong(text);
  }

  // A query parameter given at most once; empty values count as absent.
  static Optional<String> single(HttpRequest request, String name) {
    List<String> values = request.queryParameters(name);
    if (values.size() > 1) {
      throw new ValidationException("query parameter " + name + " may be given once");
    }
    return values.isEmpty() || values.get(0).isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  static void requireKnownParameters(HttpRequest request, Set<String> known) {
    for (String name : request.query().keySet()) {
      if (!known.contains(name)) {
        throw new ValidationException("unknown query parameter " + name);
      }
    }
  }

  static List<FieldError> unknownFields(JsonObject body, Set<String> known) {
    List<FieldError> problems = new ArrayList<>(2);
    for (String name : body.members().keySet()) {
      if (!known.contains(name)) {
        problems.add(new FieldError(pointer(name), "is not a field of this request"));
      }
    }
    return problems;
  }

  static String string(JsonObject body, String name, List<FieldError> problems) {
    Optional<JsonValue> v = body.find(name);
    if (v.isEmpty() || v.get() instanceof JsonNull) {
      return null;
    }
    if (v.get() instanceof JsonString s) {
      return s.value();
    }
    problems.add(new FieldError(pointer(name), "must be a string"));
    return null;
  }

  static Integer wholeNumber(JsonObject body, String name, List<FieldError> problems) {
    Optional<JsonValue> v = body.find(name);
    if (v.isEmpty() || v.get() instanceof JsonNull) {
      return null;
    }
    if (v.get() instanceof JsonNumber n) {
      try {
        long value = n.longValue();
        if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
          return (int) value;
        }
      } catch (RuntimeException e) {
        // not a whole number: reported below
      }
    }
    problems.add(new FieldError(pointer(name), "must be a whole number"));
    return null;
  }

  // Adds the rule problems of fields that have no type problem already.
  static void merge(List<FieldError> problems, List<FieldError> more) {
    for (FieldError m : more) {
      boolean known = false;
      for (FieldError p : problems) {
        known |= p.pointer().equals(m.pointer());
      }
      if (!known) {
        problems.add(m);
      }
    }
  }

  // RFC 6901: "~" is written "~0" and "/" "~1".
  static String pointer(String name) {
    StringBuilder sb = new StringBuilder(name.length() + 1).append('/');
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '~') {
        sb.append("~0");
      } else if (c == '/') {
        sb.append("~1");
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  // The version of a strong ETag "<digits>", or -1 when the value is no such tag (a weak one included:
  // If-Match compares strongly).
  static long version(String ifMatch) {
    String v = ifMatch.strip();
    if (v.length() < 3 || v.length() > 20 || v.charAt(0) != '"' || v.charAt(v.length() - 1) != '"') {
      return -1;
    }
    for (int i = 1; i < v.length() - 1; i++) {
      if (v.charAt(i) < '0' || v.charAt(i) > '9') {
        return -1;
      }
    }
    return Long.parseLong(v.substring(1, v.length() - 1));
  }

  private static byte[] requestHash(HttpRequest request) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((request.method() + " " + request.path() + "\n").getBytes(StandardCharsets.UTF_8));
      sha.update(request.body());
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  // --- answers

  static HttpResponse json(int status, JsonValue body) {
    return HttpResponse.json(status, JsonWriter.pretty().writeUtf8(body));
  }

  /** 400 naming every faulty field: the standard error body with a {@code fields} list. */
  static HttpResponse invalid(List<FieldError> fields) {
    return fieldsError(400, "Invalid request:", fields);
  }

  /** The standard error body with a {@code fields} list, for a 400 or a 409. */
  static HttpResponse fieldsError(int status, String lead, List<FieldError> fields) {
    List<JsonValue> list = new ArrayList<>(fields.size());
    StringBuilder message = new StringBuilder(lead);
    for (FieldError f : fields) {
      list.add(JsonObject.builder().put("pointer", f.pointer()).put("message", f.message()).build());
      message.append(' ').append(f.pointer()).append(' ').append(f.message()).append(';');
    }
    message.setLength(message.length() - 1);
    JsonObject error = JsonObject.builder().put("message", message.toString()).put("status", status)
        .put("fields", new JsonArray(list)).build();
    return json(status, JsonObject.builder().put("error", error).build());
  }

  static JsonObject meta(HttpRequest request, String path, PageRequest r, long total) {
    boolean hasNext = r.offset() + r.limit() < total;
    return JsonObject.builder()
        .put("limit", r.limit())
        .put("next", hasNext ? link(request, path, r.offset() + r.limit(), r.limit()) : JsonNull.INSTANCE)
        .put("offset", r.offset())
        .put("previous", r.offset() > 0 ? link(request, path, Math.max(0, r.offset() - r.limit()), r.limit())
            : JsonNull.INSTANCE)
        .put("total_count", total)
        .build();
  }

  // Repeats the request's other query parameters, never its credentials.
  private static JsonValue link(HttpRequest request, String path, long offset, int limit) {
    StringBuilder query = new StringBuilder(path).append('?');
    for (Map.Entry<String, List<String>> e : request.query().entrySet()) {
      String name = e.getKey();
      if (name.equals("limit") || name.equals("offset") || name.equals("api_key") || name.equals("username")) {
        continue;
      }
      for (String value : e.getValue()) {
        query.append(UrlEncoding.encodeQueryComponent(name)).append('=')
            .append(UrlEncoding.encodeQueryComponent(value)).append('&');
      }
    }
    query.append("limit=").append(limit).append("&offset=").append(offset);
    return new JsonString(query.toString());
  }
}

package org.cellbank.ims.core.executive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cellbank.ims.core.auth.ApiKeyAuthentication;
import org.cellbank.ims.core.auth.ApiPrincipal;
import org.cellbank.ims.core.media.MediaKey;
import org.cellbank.ims.core.media.UploadTicket;
import org.cellbank.ims.http.HttpRequest;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.internal.JsonBodies;
import org.cellbank.ims.http.internal.Multipart;
import org.cellbank.ims.http.internal.json.JsonNumber;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonString;
import org.cellbank.ims.http.internal.json.JsonValue;

/**
 * The executive file routes' work, built by {@link ExecutiveApi} on the first file request (with the
 * media store behind it): multipart or JSON parsing, the {@link ExecutiveFiles} call and the answer.
 * Thread-safe.
 */
final class ExecutiveFileRoutes {

  private static final Set<String> CLIP_FORM = Set.of("version", "file");
  private static final Set<String> CLIP_ATTACH = Set.of("version", "upload_id", "size", "md5");
  private static final Set<String> COA_FORM = Set.of("file");
  private static final Set<String> COA_ATTACH = Set.of("upload_id", "size", "md5");
  private static final Set<String> IMAGE_FORM = Set.of("file", "magnification", "time_point");
  private static final Set<String> IMAGE_ATTACH = Set.of("upload_id", "size", "md5", "magnification", "time_point");
  private static final Set<String> TICKET_FIELDS = Set.of("file_name");

  private final ExecutiveFiles files;

  ExecutiveFileRoutes(ExecutiveFiles files) {
    this.files = files;
  }

  HttpResponse handle(int route, HttpRequest request) {
    Optional<ApiPrincipal> who = ApiKeyAuthentication.findPrincipal(request);
    if (who.isEmpty()) {
      // Not behind the authentication filter: a wiring mistake must not open the route.
      return ApiKeyAuthentication.unauthenticated();
    }
    try {
      return switch (route) {
        case ExecutiveApi.CLIP_UPLOAD -> uploadClip(who.get(), request);
        case ExecutiveApi.CLIP_DELETE -> deleteClip(who.get(), request);
        case ExecutiveApi.CLIP_TICKET -> ticket(who.get(), request, route);
        case ExecutiveApi.COA_PUT -> putCertificate(who.get(), request);
        case ExecutiveApi.COA_DELETE -> deleteCertificate(who.get(), request);
        case ExecutiveApi.COA_TICKET -> ticket(who.get(), request, route);
        case ExecutiveApi.IMAGE_UPLOAD -> addImage(who.get(), request);
        case ExecutiveApi.IMAGE_DELETE -> deleteImage(who.get(), request);
        case ExecutiveApi.IMAGE_TICKET -> ticket(who.get(), request, route);
        default -> throw new IllegalArgumentException("no executive file route " + route);
      };
    } catch (InvalidFieldsException e) {
      return ExecutiveRoutes.invalid(e.fields());
    }
  }

  // --- CLIPs

  private HttpResponse uploadClip(ApiPrincipal who, HttpRequest request) {
    String name = request.pathParameter("name");
    Fields fields = fields(request, CLIP_FORM, CLIP_ATTACH);
    ClipUpload upload = new ClipUpload(name, fields.text("version"), fields.file());
    Optional<Idempotency> key = idempotency(request, fields);
    FileAnswer answer = key.isEmpty() ? files.uploadClip(who, upload) : files.uploadClip(who, upload, key.get());
    return created(answer, ExecutiveJson.lineUri(name));
  }

  private HttpResponse deleteClip(ApiPrincipal who, HttpRequest request) {
    String name = request.pathParameter("name");
    long expected = ifMatch(request, "cell line " + name, ExecutiveApi.CELL_LINES + "/" + name);
    long version = files.deleteClip(who, new FileDeletion(name, request.pathParameter("version"), expected));
    return noContent(version);
  }

  // --- certificates of analysis

  private HttpResponse putCertificate(ApiPrincipal who, HttpRequest request) {
    String key = request.pathParameter("key");
    long expected = ifMatch(request, "batch " + key, ExecutiveJson.v0BatchUri(key));
    Fields fields = fields(request, COA_FORM, COA_ATTACH);
    FileAnswer answer = files.putCertificate(who, new CertificateUpload(key, expected, fields.file()));
    return HttpResponse.json(200, answer.representation().getBytes(StandardCharsets.UTF_8))
        .withHeader("etag", answer.etag());
  }

  private HttpResponse deleteCertificate(ApiPrincipal who, HttpRequest request) {
    String key = request.pathParameter("key");
    long expected = ifMatch(request, "batch " + key, ExecutiveJson.v0BatchUri(key));
    return noContent(files.deleteCertificate(who, new FileDeletion(key, "", expected)));
  }

  // --- images

  private HttpResponse addImage(ApiPrincipal who, HttpRequest request) {
    String key = request.pathParameter("key");
    Fields fields = fields(request, IMAGE_FORM, IMAGE_ATTACH);
    ImageUpload upload = new ImageUpload(key, fields.text("magnification"), fields.text("time_point"), fields.file());
    Optional<Idempotency> idempotency = idempotency(request, fields);
    FileAnswer answer = idempotency.isEmpty() ? files.addImage(who, upload)
        : files.addImage(who, upload, idempotency.get());
    return created(answer, ExecutiveJson.v0BatchUri(key));
  }

  private HttpResponse deleteImage(ApiPrincipal who, HttpRequest request) {
    String key = request.pathParameter("key");
    long expected = ifMatch(request, "batch " + key, ExecutiveJson.v0BatchUri(key));
    return noContent(files.deleteImage(who, new FileDeletion(key, request.pathParameter("n"), expected)));
  }

  // --- direct uploads

  private HttpResponse ticket(ApiPrincipal who, HttpRequest request, int route) {
    JsonObject body = JsonBodies.object(request);
    List<FieldError> problems = new ArrayList<>(2);
    for (String member : body.members().keySet()) {
      if (!TICKET_FIELDS.contains(member)) {
        problems.add(new FieldError(ExecutiveRoutes.pointer(member), "is not a field of this request"));
      }
    }
    Optional<JsonValue> fileName = body.find("file_name");
    if (fileName.isEmpty() || !(fileName.get() instanceof JsonString s) || s.value().isBlank()) {
      problems.add(new FieldError("/file_name", "is required: the file's name, e.g. clip.pdf"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidFieldsException(problems);
    }
    String name = ((JsonString) fileName.get()).value();
    UploadTicket ticket;
    String attach;
    if (route == ExecutiveApi.CLIP_TICKET) {
      ticket = files.issueClipUpload(who, request.pathParameter("name"), name);
      attach = "POST " + ExecutiveApi.CELL_LINES + "/" + request.pathParameter("name") + "/clips";
    } else if (route == ExecutiveApi.COA_TICKET) {
      ticket = files.issueCertificateUpload(who, request.pathParameter("key"), name);
      attach = "PUT " + ExecutiveApi.PREFIX + "/batches/" + request.pathParameter("key") + "/certificate-of-analysis";
    } else {
      ticket = files.issueImageUpload(who, request.pathParameter("key"), name);
      attach = "POST " + ExecutiveApi.PREFIX + "/batches/" + request.pathParameter("key") + "/images";
    }
    JsonObject.Builder headers = JsonObject.builder();
    for (Map.Entry<String, String> h : ticket.upload().headers().entrySet()) {
      headers.put(h.getKey(), h.getValue());
    }
    return ExecutiveRoutes.json(201, JsonObject.builder()
        .put("upload_id", ticket.pendingKey().value())
        .put("method", ticket.upload().method())
        .put("url", ticket.upload().url().toString())
        .put("headers", headers.build())
        .put("expires_at", ExecutiveJson.time(ticket.upload().expiresAt()))
        .put("max_size", files.maxFileSize())
        .put("attach", attach)
        .build());
  }

  // --- request parsing

  /** A request's fields: a multipart form's parts, or a JSON body's members naming a direct upload. */
  private static final class Fields {
    private final Multipart form;
    private final JsonObject json;
    private final FileSource file;

    private Fields(Multipart form, JsonObject json, FileSource file) {
      this.form = form;
      this.json = json;
      this.file = file;
    }

    String text(String name) {
      if (form != null) {
        Optional<Multipart.Part> part = form.find(name);
        return part.isEmpty() || part.get().size() == 0 ? null : part.get().text();
      }
      Optional<JsonValue> v = json.find(name);
      return v.isPresent() && v.get() instanceof JsonString s && !s.value().isEmpty() ? s.value() : null;
    }

    FileSource file() {
      return file;
    }
  }

  private static Fields fields(HttpRequest request, Set<String> formFields, Set<String> attachFields) {
    List<FieldError> problems = new ArrayList<>(2);
    if (Multipart.isMultipart(request)) {
      Multipart form = Multipart.parse(request);
      for (Multipart.Part p : form.parts()) {
        if (!formFields.contains(p.name())) {
          problems.add(new FieldError(ExecutiveRoutes.pointer(p.name()), "is not a field of this form"));
        } else if (!p.name().equals("file") && p.fileName().isPresent()) {
          problems.add(new FieldError(ExecutiveRoutes.pointer(p.name()), "must be a text field, not a file"));
        }
      }
      Optional<Multipart.Part> file = form.find("file");
      if (file.isEmpty() || file.get().fileName().isEmpty()) {
        problems.add(new FieldError("/file", "is required: the file, sent as a file part"));
      } else if (file.get().size() == 0) {
        problems.add(new FieldError("/file", "is empty"));
      }
      if (!problems.isEmpty()) {
        throw new InvalidFieldsException(problems);
      }
      Multipart.Part f = file.get();
      return new Fields(form, null, FileSource.ofBytes(f.fileName().get(), f.size(), f.stream()));
    }
    JsonObject body = JsonBodies.object(request);
    for (String member : body.members().keySet()) {
      if (!attachFields.contains(member)) {
        problems.add(new FieldError(ExecutiveRoutes.pointer(member), "is not a field of this request"));
      }
    }
    for (String member : attachFields) {
      Optional<JsonValue> v = body.find(member);
      if (v.isPresent() && !(v.get() instanceof JsonString) && !member.equals("size")) {
        problems.add(new FieldError(ExecutiveRoutes.pointer(member), "must be a string"));
      }
    }
    String uploadId = body.findString("upload_id").orElse(null);
    if (uploadId == null || uploadId.isEmpty()) {
      problems.add(new FieldError("/upload_id", "is required: the upload_id of the ticket (or send the file as"
          + " multipart/form-data)"));
    }
    long size = -1;
    Optional<JsonValue> sizeValue = body.find("size");
    if (sizeValue.isPresent() && sizeValue.get() instanceof JsonNumber n) {
      try {
        size = n.longValue();
      } catch (RuntimeException e) {
        size = -1;
      }
    }
    if (size < 0) {
      problems.add(new FieldError("/size", "is required: the file's length in bytes, a whole number"));
    }
    String md5 = body.findString("md5").orElse(null);
    if (md5 == null || md5.length() != 32 || !hex(md5)) {
      problems.add(new FieldError("/md5", "is required: the MD5 of the uploaded bytes, 32 hex digits"));
    }
    if (uploadId != null && !uploadId.startsWith(MediaKey.PENDING_PREFIX)) {
      problems.add(new FieldError("/upload_id", "must be the upload_id of a ticket"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidFieldsException(problems);
    }
    return new Fields(null, body, FileSource.ofUpload(uploadId, size, md5));
  }

  private static boolean hex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = Character.toLowerCase(s.charAt(i));
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  // The request's Idempotency-Key with the hash of what it asks: the method, the path and the fields
  // (a multipart form's boundary differs between two sends of the same form, so the parts are hashed).
  private static Optional<Idempotency> idempotency(HttpRequest request, Fields fields) {
    Optional<String> key = request.headers().first("idempotency-key");
    if (key.isEmpty()) {
      return Optional.empty();
    }
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
    sha.update((request.method() + " " + request.path() + "\n").getBytes(StandardCharsets.UTF_8));
    if (fields.form != null) {
      for (Multipart.Part p : fields.form.parts()) {
        sha.update((p.name() + "\n" + p.fileName().orElse("") + "\n" + p.size() + "\n")
            .getBytes(StandardCharsets.UTF_8));
        sha.update(p.bytes());
      }
    } else {
      sha.update(request.body());
    }
    return Optional.of(new Idempotency(key.get().strip(), sha.digest()));
  }

  // The version of a strong ETag in If-Match: missing or * answers 428, a malformed one 412.
  private static long ifMatch(HttpRequest request, String what, String readFrom) {
    Optional<String> ifMatch = request.headers().first("if-match");
    if (ifMatch.isEmpty() || ifMatch.get().strip().equals("*")) {
      throw new PreconditionRequired("Changing the files of " + what + " needs If-Match with its ETag from GET "
          + readFrom);
    }
    long expected = ExecutiveRoutes.version(ifMatch.get());
    if (expected < 0) {
      throw new StaleVersionException("If-Match " + ifMatch.get().strip() + " is no version of " + what
          + ": read it again for its ETag");
    }
    return expected;
  }

  // --- answers

  private static HttpResponse created(FileAnswer answer, String location) {
    HttpResponse.Builder response = HttpResponse.builder(201)
        .header("content-type", HttpResponse.JSON_CONTENT_TYPE)
        .header("location", location)
        .header("etag", answer.etag())
        .body(answer.representation().getBytes(StandardCharsets.UTF_8));
    if (answer.replayed()) {
      response.header("idempotent-replayed", "true");
    }
    return response.build();
  }

  private static HttpResponse noContent(long version) {
    return HttpResponse.builder(204).header("etag", ExecutiveLine.etagOf(version)).build();
  }

  /** 428: a change of an existing record without If-Match. */
  static final class PreconditionRequired extends org.cellbank.ims.core.ValidationException {
    private static final long serialVersionUID = 1L;

    PreconditionRequired(String message) {
      super(message);
    }

    @Override
    public int httpStatus() {
      return 428;
    }
  }
}

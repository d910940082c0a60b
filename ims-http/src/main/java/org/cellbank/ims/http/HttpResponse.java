package org.cellbank.ims.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonWriter;

/**
 * An HTTP response: status, multi-valued headers and body bytes.
 *
 * <p>Cookies are {@code Set-Cookie} headers; adapters move them where their format wants them.
 * Whether the body must travel base64-encoded is the adapter's decision, from the content type.
 *
 * <pre>{@code
 * HttpResponse ok = HttpResponse.json(200, "{\"ok\": true}".getBytes(StandardCharsets.UTF_8));
 * HttpResponse pdf = HttpResponse.builder(200).header("content-type", "application/pdf").body(bytes).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #body()} returns a copy.
 */
public final class HttpResponse {
  /** The content type of JSON answers. */
  public static final String JSON_CONTENT_TYPE = "application/json";
  private static final byte[] EMPTY = new byte[0];
  private final int status;
  private final Headers headers;
  private final byte[] body;

  private HttpResponse(int status, Headers headers, byte[] body) {
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  /** A builder for a response with a status (100 to 599). */
  public static Builder builder(int status) {
    return new Builder(status);
  }

  /** A response with a status, no headers and no body. */
  public static HttpResponse of(int status) {
    return new Builder(status).build();
  }

  /**
   * A JSON response with the content type {@value #JSON_CONTENT_TYPE}.
   *
   * @param status the HTTP status
   * @param utf8Json the JSON text, UTF-8 encoded; taken as it is, not checked
   */
  public static HttpResponse json(int status, byte[] utf8Json) {
    return new Builder(status)
        .header("content-type", JSON_CONTENT_TYPE)
        .body(utf8Json)
        .build();
  }

  /** A UTF-8 text response with the given content type (a charset parameter is added if absent). */
  public static HttpResponse text(int status, String contentType, String text) {
    String type = contentType.toLowerCase(Locale.ROOT).contains("charset")
        ? contentType : contentType + "; charset=utf-8";
    return new Builder(status).header("content-type", type).text(text).build();
  }

  /**
   * The standard error answer: {@code {"error": {"message": ..., "status": ...}}} as JSON.
   *
   * @param status the HTTP status, also written into the body
   * @param message a message safe to show to any client: no stack traces, internals or secrets
   */
  public static HttpResponse error(int status, String message) {
    JsonObject error = JsonObject.builder().put("message", message).put("status", status).build();
    return json(status, JsonWriter.pretty().writeUtf8(JsonObject.builder().put("error", error).build()));
  }

  /** A builder that starts with this response. */
  public Builder toBuilder() {
    Builder b = new Builder(status);
    b.headers = headers.toBuilder();
    b.body = body;
    return b;
  }

  /** This response with one more header value. */
  public HttpResponse withHeader(String name, String value) {
    return toBuilder().header(name, value).build();
  }

  /** The status code. */
  public int status() {
    return status;
  }

  /** The headers, {@code Set-Cookie} included. */
  public Headers headers() {
    return headers;
  }

  /** The content type, when set. */
  public Optional<String> contentType() {
    return headers.first("content-type");
  }

  /** A copy of the body bytes; empty when there is none. */
  public byte[] body() {
    return body.clone();
  }

  /** The body length in bytes. */
  public int bodyLength() {
    return body.length;
  }

  /** The body decoded as UTF-8 (malformed bytes become U+FFFD). */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "HttpResponse[" + status + ", " + headers + ", " + body.length + " bytes]";
  }

  /** Builds an {@link HttpResponse}. Not thread-safe. */
  public static final class Builder {
    private final int status;
    private Headers.Builder headers = Headers.builder();
    private byte[] body = EMPTY;

    private Builder(int status) {
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException("HTTP status must be between 100 and 599: " + status);
      }
      this.status = status;
    }

    /** Adds a header value. */
    public Builder header(String name, String value) {
      headers.add(name, value);
      return this;
    }

    /** Replaces every value of a header with one value. */
    public Builder setHeader(String name, String value) {
      headers.set(name, value);
      return this;
    }

    /** Sets the body bytes (copied). */
    public Builder body(byte[] body) {
      this.body = Objects.requireNonNull(body, "body").clone();
      return this;
    }

    /** Sets the body as UTF-8 text; the content type is not changed. */
    public Builder text(String text) {
      this.body = text.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /** Removes the body (for HEAD answers). */
    public Builder noBody() {
      this.body = EMPTY;
      return this;
    }

    /** The response. */
    public HttpResponse build() {
      return new HttpResponse(status, headers.build(), body);
    }
  }
}

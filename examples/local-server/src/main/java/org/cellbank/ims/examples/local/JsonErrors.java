package org.cellbank.ims.examples.local;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.cellbank.ims.http.HttpResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The server's answer to every error it finds before the IMS handler runs (a malformed request
 * line or header, a request line or headers too large, a body framed wrongly) and to a failure of
 * the handler itself: the IMS's standard JSON error body ({@link HttpResponse#error}) with
 * {@code content-type: application/json}, never HTML. The message is chosen by status alone, so
 * nothing of the request, of the parser's reason or of an exception reaches the client.
 */
final class JsonErrors extends ErrorHandler {

  private final int maxHeaderBytes;

  JsonErrors(int maxHeaderBytes) {
    this.maxHeaderBytes = maxHeaderBytes;
  }

  // An error while parsing, before there is a request to hand to handle(): the connection writes
  // these bytes as the body (and closes).
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    HttpResponse error = error(status);
    fields.put(HttpHeader.CONTENT_TYPE, HttpResponse.JSON_CONTENT_TYPE);
    return ByteBuffer.wrap(error.body());
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    Object attribute = request.getAttribute(ERROR_STATUS);
    if (attribute instanceof Integer code) {
      status = code;
    }
    if (status < 400 || status > 599) {
      status = HttpStatus.INTERNAL_SERVER_ERROR_500;
    }
    GatewayBridge.send(request, response, callback, status,
        Map.of("content-type", HttpResponse.JSON_CONTENT_TYPE, "cache-control", "no-store"), List.of(),
        error(status).body());
    return true;
  }

  /** The standard error for a status the server itself answers. */
  HttpResponse error(int status) {
    return HttpResponse.error(status, message(status));
  }

  private String message(int status) {
    return switch (status) {
      case 400 -> "The request is not valid HTTP/1.1: check the request line, the headers and the body's framing";
      case 408 -> "The request did not arrive in time";
      case 413 -> GatewayBridge.TOO_LARGE;
      case 414 -> "The request line is longer than " + maxHeaderBytes + " bytes, the most this server accepts";
      case 431 -> "The request line and headers together are larger than " + maxHeaderBytes
          + " bytes, the most this server accepts";
      case 500 -> "Internal error";
      case 501 -> "The request uses a feature of HTTP this server does not implement";
      case 505 -> "Only HTTP/1.0 and HTTP/1.1 are served";
      default -> {
        String reason = HttpStatus.getMessage(status);
        yield reason == null ? "Error " + status : reason;
      }
    };
  }
}

package org.cellbank.ims.examples.local;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.cellbank.ims.core.ConflictException;
import org.cellbank.ims.core.NotFoundException;
import org.cellbank.ims.core.ValidationException;
import org.cellbank.ims.core.media.FileSystemMediaStore;
import org.cellbank.ims.core.media.MediaFormat;
import org.cellbank.ims.core.media.MediaKey;
import org.cellbank.ims.core.api.MediaRoutes;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.UrlEncoding;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The local server's S3: the URLs the file-system media store presigns
 * ({@code /media/<key>?expires=...&signature=...}) are served as S3 serves presigned URLs on AWS.
 * A {@code GET} or {@code HEAD} answers the file (or one {@code Range} of it), streamed, whatever its size (the media route
 * redirects here, as it redirects to S3 on AWS); a {@code PUT} to a direct-upload URL stores the
 * body under its pending key, up to the store's size cap and not the API's 6 MiB, and the executive
 * API then attaches it. A request without a signature goes to the next handler (the API's media
 * route, which wants an API key).
 *
 * <p>Answers: 200; 206 for a range, 416 for one past the end; 403 for a URL the store did not sign for that method, altered or expired; 404
 * for a file that is gone; 409 for an upload ticket already used; 413 for a body over the cap; 405
 * for another method. Error bodies are the standard JSON error.
 */
final class SignedMedia extends Handler.Abstract {
  private final FileSystemMediaStore store;
  private final Handler next;

  SignedMedia(FileSystemMediaStore store, Handler next) {
    this.store = store;
    this.next = next;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = request.getHttpURI().getPath();
    String query = request.getHttpURI().getQuery();
    if (path == null || query == null || !path.startsWith(store.baseUri().getRawPath())
        || !query.contains("signature=") || !GatewayBridge.isAscii(path) || !GatewayBridge.isAscii(query)) {
      return next.handle(request, response, callback);
    }
    String method = request.getMethod();
    boolean read = method.equals("GET") || method.equals("HEAD");
    if (!read && !method.equals("PUT")) {
      try (InputStream body = Content.Source.asInputStream(request)) {
        GatewayBridge.dropRest(request, response, body);
      }
      response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD, PUT");
      answer(request, response, callback, HttpResponse.error(405, "A signed media URL takes GET, HEAD or PUT"));
      return true;
    }
    URI url;
    MediaKey key;
    try {
      url = new URI(path + "?" + query);
      key = store.verify(read ? "GET" : "PUT", url);
    } catch (URISyntaxException | ValidationException e) {
      try (InputStream body = Content.Source.asInputStream(request)) {
        GatewayBridge.dropRest(request, response, body);
      }
      answer(request, response, callback, HttpResponse.error(403,
          "The URL is not one this server signed for a " + method + ", or it was altered or has expired"));
      return true;
    }
    if (read) {
      serve(request, response, callback, key, method.equals("HEAD"));
      return true;
    }
    try (InputStream body = Content.Source.asInputStream(request)) {
      try {
        long size = store.acceptSignedUpload(url, body);
        answer(request, response, callback, HttpResponse.json(200,
            ("{\"size\":" + size + "}").getBytes(StandardCharsets.US_ASCII)));
      } catch (ConflictException e) {
        GatewayBridge.dropRest(request, response, body);
        answer(request, response, callback, HttpResponse.error(409, "Something was uploaded with this URL already"));
      } catch (ValidationException e) {
        GatewayBridge.dropRest(request, response, body);
        answer(request, response, callback, HttpResponse.error(413,
            "The file is larger than " + store.maxSize() + " bytes, the most this store keeps"));
      }
    }
    return true;
  }

  private void serve(Request request, Response response, Callback callback, MediaKey key, boolean head)
      throws Exception {
    var found = store.find(key);
    if (found.isEmpty()) {
      answer(request, response, callback, HttpResponse.error(404, "No media file has this key"));
      return;
    }
    byte[] magic;
    try (InputStream in = store.openRange(key, 0, Math.min(found.get().size(), MediaFormat.MAGIC_LENGTH))) {
      magic = in.readAllBytes();
    }
    long size = found.get().size();
    String rangeHeader = request.getHeaders().get(HttpHeader.RANGE);
    long[] range = rangeHeader == null || request.getHeaders().get(HttpHeader.IF_RANGE) != null ? null
        : MediaRoutes.parseRange(rangeHeader, size);
    if (range != null && range.length == 0) {
      response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes */" + size);
      answer(request, response, callback, HttpResponse.error(416,
          "The range is not satisfiable: the file has " + size + " bytes"));
      return;
    }
    long first = range == null ? 0 : range[0];
    long length = range == null ? size : range[1] - range[0] + 1;
    response.setStatus(range == null ? 200 : 206);
    var headers = response.getHeaders();
    headers.put(HttpHeader.CONTENT_TYPE,
        MediaFormat.detect(magic, magic.length).map(MediaFormat::contentType).orElse(MediaFormat.OCTET_STREAM));
    headers.put(HttpHeader.CONTENT_LENGTH, length);
    headers.put(HttpHeader.ACCEPT_RANGES, "bytes");
    if (range != null) {
      headers.put(HttpHeader.CONTENT_RANGE, "bytes " + range[0] + "-" + range[1] + "/" + size);
    }
    headers.put(HttpHeader.CACHE_CONTROL, "private, no-store");
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Content-Disposition", "inline; filename*=UTF-8''" + UrlEncoding.encodeHeaderParameter(key.fileName()));
    if (head) {
      response.write(true, java.nio.ByteBuffer.allocate(0), callback);
      return;
    }
    try (InputStream in = range == null ? store.open(key) : store.openRange(key, first, length);
        OutputStream out = Content.Sink.asOutputStream(response)) {
      in.transferTo(out);
    } catch (NotFoundException e) {
      // Deleted between the lookup and the read: the status line is gone already.
      callback.failed(e);
      return;
    }
    callback.succeeded();
  }

  private static void answer(Request request, Response response, Callback callback, HttpResponse answer) {
    GatewayBridge.send(request, response, callback, answer.status(),
        Map.of("content-type", HttpResponse.JSON_CONTENT_TYPE), List.of(), answer.body());
  }
}

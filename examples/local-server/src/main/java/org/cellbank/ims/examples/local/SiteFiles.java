package org.cellbank.ims.examples.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cellbank.ims.core.site.FileSystemSiteStore;
import org.cellbank.ims.http.HttpResponse;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the generated website from its folder as the site bucket and CloudFront do on AWS: {@code /}
 * is {@code index.html}, {@code /<name>/} is {@code <name>/index.html}, {@code /<name>} redirects to
 * {@code /<name>/}, any other file by its path, and an unknown path answers 404 with
 * {@code 404.html}. Every answer carries the site's Content-Security-Policy. Requests under
 * {@code /api} and {@code /media} go to the IMS handler, their path untouched.
 */
final class SiteFiles extends Handler.Abstract {
  private final FileSystemSiteStore site;
  private final String contentSecurityPolicy;
  private final Handler api;

  SiteFiles(FileSystemSiteStore site, String contentSecurityPolicy, Handler api) {
    this.site = site;
    this.contentSecurityPolicy = contentSecurityPolicy;
    this.api = api;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String rawPath = request.getHttpURI().getPath();
    if (rawPath == null || rawPath.isEmpty()) {
      rawPath = "/";
    }
    if (rawPath.equals("/api") || rawPath.startsWith("/api/") || rawPath.equals("/media")
        || rawPath.startsWith("/media/")) {
      return api.handle(request, response, callback);
    }
    String method = request.getMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      send(request, response, callback, 405, Map.of("Allow", "GET, HEAD"), new byte[0], "text/plain; charset=utf-8");
      return true;
    }
    Optional<String> decoded = GatewayBridge.isAscii(request.getHttpURI().getQuery()) ? decode(rawPath)
        : Optional.empty();
    if (decoded.isEmpty() || !decoded.get().startsWith("/")) {
      HttpResponse error = HttpResponse.error(400, "The path and query must be ASCII, every other character percent-encoded as UTF-8");
      send(request, response, callback, 400, Map.of(), error.body(), HttpResponse.JSON_CONTENT_TYPE);
      return true;
    }
    String relative = decoded.get().substring(1);
    if (relative.isEmpty() || relative.endsWith("/")) {
      relative = relative + "index.html";
    } else if (file(relative + "/index.html").isPresent()) {
      String query = request.getHttpURI().getQuery();
      send(request, response, callback, 301, Map.of("Location", rawPath + "/" + (query == null ? "" : "?" + query)),
          new byte[0], "text/plain; charset=utf-8");
      return true;
    }
    Optional<Path> file = file(relative);
    if (file.isPresent()) {
      String cacheControl = relative.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache";
      send(request, response, callback, 200, Map.of("Cache-Control", cacheControl), Files.readAllBytes(file.get()),
          contentType(relative));
      return true;
    }
    Optional<Path> notFound = file("404.html");
    send(request, response, callback, 404, Map.of(),
        notFound.isPresent() ? Files.readAllBytes(notFound.get()) : "Not found".getBytes(StandardCharsets.UTF_8),
        notFound.isPresent() ? "text/html; charset=utf-8" : "text/plain; charset=utf-8");
    return true;
  }

  // Strict: a malformed escape, invalid UTF-8 or a NUL is no file name.
  private static Optional<String> decode(String rawPath) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(rawPath.length());
    for (int i = 0; i < rawPath.length(); i++) {
      char c = rawPath.charAt(i);
      if (c == '%') {
        int hi = i + 2 < rawPath.length() ? Character.digit(rawPath.charAt(i + 1), 16) : -1;
        int lo = hi < 0 ? -1 : Character.digit(rawPath.charAt(i + 2), 16);
        if (lo < 0) {
          return Optional.empty();
        }
        bytes.write(hi << 4 | lo);
        i += 2;
      } else if (c <= 0x20 || c >= 0x7f) {
        return Optional.empty();
      } else {
        bytes.write(c);
      }
    }
    try {
      String path = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
      return path.indexOf('\0') >= 0 ? Optional.empty() : Optional.of(path);
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private Optional<Path> file(String relative) {
    if (relative.equals(".ims") || relative.startsWith(".ims/")) {
      // The generator's own records (the page names), not part of the site: 404, as on CloudFront.
      return Optional.empty();
    }
    return site.file(relative).filter(Files::isRegularFile);
  }

  private void send(Request request, Response response, Callback callback, int status, Map<String, String> extra,
      byte[] body, String type) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>(extra);
    headers.put("Content-Type", type);
    headers.put("Content-Security-Policy", contentSecurityPolicy);
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Referrer-Policy", "strict-origin-when-cross-origin");
    GatewayBridge.send(request, response, callback, status, headers, List.of(), body);
  }

  static String contentType(String path) {
    if (path.endsWith(".html")) {
      return "text/html; charset=utf-8";
    } else if (path.endsWith(".css")) {
      return "text/css; charset=utf-8";
    } else if (path.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    } else if (path.endsWith(".xml")) {
      return "application/xml; charset=utf-8";
    } else if (path.endsWith(".txt")) {
      return "text/plain; charset=utf-8";
    }
    return "application/octet-stream";
  }
}

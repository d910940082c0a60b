package org.cellbank.ims.examples.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.cellbank.ims.core.site.FileSystemSiteStore;

/**
 * Serves the generated website from its folder as the site bucket and CloudFront do on AWS: {@code /}
 * is {@code index.html}, {@code /<name>/} is {@code <name>/index.html}, {@code /<name>} redirects to
 * {@code /<name>/}, any other file by its path, and an unknown path answers 404 with
 * {@code 404.html}. Every answer carries the site's Content-Security-Policy. Requests under
 * {@code /api} and {@code /media} go to the IMS handler.
 */
final class SiteFiles implements HttpHandler {
  private final FileSystemSiteStore site;
  private final String contentSecurityPolicy;
  private final HttpHandler api;

  SiteFiles(FileSystemSiteStore site, String contentSecurityPolicy, HttpHandler api) {
    this.site = site;
    this.contentSecurityPolicy = contentSecurityPolicy;
    this.api = api;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (path == null) {
      path = "/";
    }
    if (path.equals("/api") || path.startsWith("/api/") || path.equals("/media") || path.startsWith("/media/")) {
      api.handle(exchange);
      return;
    }
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().add("Allow", "GET, HEAD");
        send(exchange, 405, new byte[0], "text/plain; charset=utf-8");
        return;
      }
      String relative = path.substring(1);
      if (relative.isEmpty() || relative.endsWith("/")) {
        relative = relative + "index.html";
      } else if (file(relative + "/index.html").isPresent()) {
        String query = exchange.getRequestURI().getRawQuery();
        exchange.getResponseHeaders().add("Location", exchange.getRequestURI().getRawPath() + "/"
            + (query == null ? "" : "?" + query));
        send(exchange, 301, new byte[0], "text/plain; charset=utf-8");
        return;
      }
      Optional<Path> file = file(relative);
      if (file.isPresent()) {
        if (relative.startsWith("assets/")) {
          exchange.getResponseHeaders().add("Cache-Control", "public, max-age=31536000, immutable");
        } else {
          exchange.getResponseHeaders().add("Cache-Control", "no-cache");
        }
        send(exchange, 200, Files.readAllBytes(file.get()), contentType(relative));
        return;
      }
      Optional<Path> notFound = file("404.html");
      send(exchange, 404, notFound.isPresent() ? Files.readAllBytes(notFound.get()) : "Not found".getBytes(),
          notFound.isPresent() ? "text/html; charset=utf-8" : "text/plain; charset=utf-8");
    }
  }

  private Optional<Path> file(String relative) {
    return site.file(relative).filter(Files::isRegularFile);
  }

  private void send(HttpExchange exchange, int status, byte[] body, String type) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.getResponseHeaders().add("Content-Security-Policy", contentSecurityPolicy);
    exchange.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
    exchange.getResponseHeaders().add("Referrer-Policy", "strict-origin-when-cross-origin");
    boolean noBody = body.length == 0 || exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
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

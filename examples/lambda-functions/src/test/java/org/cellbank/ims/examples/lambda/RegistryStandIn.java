package org.cellbank.ims.examples.lambda;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * hPSCreg's export and ECACC's product page on a loopback port: {@code /api/export/ebisc} serves the
 * list and the fixture documents under {@code /hpscreg/} (404 for another name), {@code /ecacc} a
 * page that lists UKBi008-A whatever the number asked.
 */
final class RegistryStandIn {

  private RegistryStandIn() {}

  /** Starts the server; the caller stops it. */
  static HttpServer start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/export/ebisc", exchange -> {
      String path = exchange.getRequestURI().getPath();
      String name = path.equals("/api/export/ebisc") ? "list" : path.substring("/api/export/ebisc/".length());
      try (InputStream in = RegistryStandIn.class.getResourceAsStream("/hpscreg/" + name + ".json")) {
        byte[] body = in == null ? "{}".getBytes(StandardCharsets.UTF_8) : in.readAllBytes();
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(in == null ? 404 : 200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    });
    server.createContext("/ecacc", exchange -> {
      byte[] body = "<html><body><h1>UKBi008-A</h1></body></html>".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return server;
  }

  /** The server's base URI, e.g. {@code http://127.0.0.1:40213}. */
  static String base(HttpServer server) {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }
}

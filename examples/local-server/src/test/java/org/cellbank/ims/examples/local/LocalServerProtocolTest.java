package org.cellbank.ims.examples.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.cellbank.ims.core.auth.ApiKeyAuthentication;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.core.site.FileSystemSiteStore;
import org.cellbank.ims.examples.lambda.ImsApplication;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the running local server answers to requests API Gateway would refuse or pass on, sent byte
 * for byte over a socket: every one gets an HTTP answer with its status and the standard JSON error
 * body, never HTML or a bare close; errors the IMS judges leave the connection usable.
 */
class LocalServerProtocolTest {

  private static final String DETAIL = "/api/v0/cell-lines/SAMEA2590882";
  @TempDir static Path dir;
  private static LocalHttpServer server;
  private static String auth;

  @BeforeAll
  static void start() throws Exception {
    DataSource dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    CellLineRepository lines = CellLineRepository.create(dataSource);
    SampleDataLoader.create(lines).loadMissing(SampleData.all());
    ApiKeys keys = ApiKeys.create(dataSource);
    keys.createUser("partner", Role.PARTNER);
    auth = "ApiKey partner:" + keys.issue("partner").key();
    FileSystemSiteStore site = FileSystemSiteStore.create(dir.resolve("site"));
    site.put("index.html", "<!doctype html><title>Catalogue</title>".getBytes(StandardCharsets.UTF_8),
        "text/html; charset=utf-8");
    site.put("404.html", "<!doctype html><title>Not found</title>".getBytes(StandardCharsets.UTF_8),
        "text/html; charset=utf-8");
    site.put(".ims/page-names.tsv", "SAMEA2590882\tUKBi008-A\n".getBytes(StandardCharsets.UTF_8),
        "text/tab-separated-values; charset=utf-8");
    server = LocalServer.serve(ImsApplication.builder().dataSource(dataSource)
        .auth(ApiKeyAuthentication.requiring(keys, Role.PARTNER)).cellLines(lines).build(), 0,
        new LocalServer.Site(site, "default-src 'self'"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aMalformedRequestLine_is400Json_anUnknownVersion505_http2PriorKnowledge426() throws Exception {
    Map<String, Integer> lines = new LinkedHashMap<>();
    lines.put("GARBAGE", 400);
    lines.put("GET " + DETAIL + " HTTP/1.1 extra", 400);
    lines.put("G\u0001T " + DETAIL + " HTTP/1.1", 400);
    lines.put("GET " + DETAIL, 505);
    lines.put("GET " + DETAIL + " HTTP/1.x", 505);
    lines.put("GET " + DETAIL + " HTTP/2.0", 426);
    Map<String, Integer> answered = new LinkedHashMap<>();
    for (String line : lines.keySet()) {
      try (Connection c = new Connection()) {
        c.send((line + "\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        Answer answer = c.read();
        answered.put(line, answer.status());
        assertStandardError(answer, answer.status());
        assertThat(c.closedByServer()).as(line).isTrue();
      }
    }
    assertThat(answered).isEqualTo(lines);
  }

  @Test
  void aMalformedHeader_aMissingHost_orABrokenChunk_is400Json() throws Exception {
    for (String head : new String[] {"GET / HTTP/1.1\r\nHost: localhost\r\nNo colon here\r\n\r\n",
        "GET / HTTP/1.1\r\n\r\n", "GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nx",
        "POST /api/v0/executive/cell-lines/UKBi008-A/status HTTP/1.1\r\nHost: localhost\r\n"
            + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"}) {
      try (Connection c = new Connection()) {
        c.send(head.getBytes(StandardCharsets.ISO_8859_1));
        assertStandardError(c.read(), 400);
      }
    }
  }

  @Test
  void twoHundredHeaders_withinTheSizeLimit_reachTheIms() throws Exception {
    StringBuilder headers = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      headers.append("X-H").append(i).append(": v\r\n");
    }
    assertThat(headers.length()).isLessThan(LocalServer.MAX_HEADER_BYTES - 200);
    try (Connection c = new Connection()) {
      c.send(request("GET", DETAIL, headers.toString(), new byte[0]));
      Answer answer = c.read();
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.text()).contains("\"name\": \"UKBi008-A\"");
    }
  }

  @Test
  void twoHundredHeaders_overTheSizeLimit_are431Json() throws Exception {
    StringBuilder headers = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      headers.append("X-Header-").append(i).append(": ").append("v".repeat(60)).append("\r\n");
    }
    assertThat(headers.length()).isGreaterThan(LocalServer.MAX_HEADER_BYTES);
    try (Connection c = new Connection()) {
      c.send(request("GET", DETAIL, headers.toString(), new byte[0]));
      assertStandardError(c.read(), 431);
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void aOneMegabyteRequestLine_is414Json() throws Exception {
    try (Connection c = new Connection()) {
      c.sendUntilAnswered(request("GET", "/api/v0/cell-lines/" + "a".repeat(1024 * 1024), "", new byte[0]));
      assertStandardError(c.read(), 414);
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void aSevenMegabyteBody_is413Json_whetherItsLengthIsDeclaredOrChunked() throws Exception {
    byte[] body = new byte[7 * 1024 * 1024];
    Arrays.fill(body, (byte) 'x');
    try (Connection c = new Connection()) {
      c.sendUntilAnswered(request("POST", "/api/v0/executive/cell-lines/UKBi008-A/status",
          "Content-Type: application/json\r\n", body));
      assertStandardError(c.read(), 413);
    }
    try (Connection c = new Connection()) {
      ByteArrayOutputStream chunked = new ByteArrayOutputStream();
      chunked.writeBytes(("POST /api/v0/executive/cell-lines/UKBi008-A/status HTTP/1.1\r\nHost: localhost\r\n"
          + "Authorization: " + auth + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      for (int sent = 0; sent < body.length; sent += 1024 * 1024) {
        chunked.writeBytes(("100000\r\n").getBytes(StandardCharsets.ISO_8859_1));
        chunked.write(body, sent, 1024 * 1024);
        chunked.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      c.sendUntilAnswered(chunked.toByteArray());
      assertStandardError(c.read(), 413);
    }
  }

  @Test
  void aLowerCaseMethod_isNotGet_andTheConnectionStaysUsable() throws Exception {
    try (Connection c = new Connection()) {
      c.send(request("get", DETAIL, "", new byte[0]));
      Answer refused = c.read();
      assertStandardError(refused, 405);
      assertThat(refused.headers().get("allow")).contains("GET").doesNotContain("get");
      c.send(request("GET", DETAIL, "", new byte[0]));
      assertThat(c.read().status()).isEqualTo(200);
    }
  }

  @Test
  void anInvalidPercentEscape_is400Json() throws Exception {
    for (String path : new String[] {"/api/v0/cell-lines/%zz", "/api/v0/cell-lines/%4", "/api/v0/cell-lines/abc%"}) {
      try (Connection c = new Connection()) {
        c.send(request("GET", path, "", new byte[0]));
        assertStandardError(c.read(), 400);
      }
    }
    try (Connection c = new Connection()) {
      c.send(request("GET", "/%zz/", "", new byte[0]));
      assertStandardError(c.read(), 400);
    }
  }

  @Test
  void anEncodedSlash_staysInsideTheId_andTheConnectionStaysUsable() throws Exception {
    try (Connection c = new Connection()) {
      c.send(request("GET", DETAIL + "%2Fx", "", new byte[0]));
      Answer answer = c.read();
      assertStandardError(answer, 404);
      assertThat(answer.text()).contains("SAMEA2590882/x");
      c.send(request("GET", DETAIL, "", new byte[0]));
      assertThat(c.read().status()).isEqualTo(200);
    }
  }

  @Test
  void invalidUtf8_inThePath_is400Json_andSoIsAnyUnencodedNonAscii() throws Exception {
    for (String path : new String[] {"/api/v0/cell-lines/%C3", "/api/v0/cell-lines/%C3%28", "/api/v0/cell-lines/%FF",
        "/api/v0/cell-lines/%00", "/%C3/"}) {
      try (Connection c = new Connection()) {
        c.send(request("GET", path, "", new byte[0]));
        assertStandardError(c.read(), 400);
      }
    }
    // Unencoded bytes over 0x7f: 0xC3 0x28 (a lead byte without its continuation), then valid UTF-8
    // (0xC3 0x83), in the path and in the query.
    for (String target : new String[] {"/api/v0/cell-lines/\u00c3(", "/api/v0/cell-lines/\u00c3\u0083",
        "/api/v0/search?q=\u00c3\u0083", "/\u00c3\u0083/"}) {
      try (Connection c = new Connection()) {
        c.send(request("GET", target, "", new byte[0]));
        assertStandardError(c.read(), 400);
      }
    }
  }

  @Test
  void aSitePathOutsideTheSite_isNotServed_howeverItIsSpelled() throws Exception {
    Map<String, Integer> answered = new LinkedHashMap<>();
    for (String path : new String[] {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/..%2F..%2F..%2F..%2Fetc%2Fpasswd", "/.%2e/.%2e/.%2e/.%2e/etc/passwd"}) {
      try (Connection c = new Connection()) {
        c.send(request("GET", path, "", new byte[0]));
        Answer answer = c.read();
        answered.put(path, answer.status());
        assertThat(answer.text()).as(path).doesNotContain("root:");
        if (answer.status() == 400) {
          assertStandardError(answer, 400);
        }
      }
    }
    assertThat(answered.values()).as(answered.toString()).allMatch(status -> status == 400 || status == 404);
  }

  @Test
  void theGeneratorsOwnRecords_areNotServed() throws Exception {
    for (String path : new String[] {"/.ims/page-names.tsv", "/.ims/", "/.ims", "/%2eims/page-names.tsv"}) {
      try (Connection c = new Connection()) {
        c.send(request("GET", path, "", new byte[0]));
        Answer answer = c.read();
        assertThat(answer.status()).as(path).isEqualTo(404);
        assertThat(answer.text()).as(path).contains("Not found").doesNotContain("SAMEA2590882");
      }
    }
  }

  @Test
  void keepAlive_servesManyRequestsOnOneConnection_headIncluded() throws Exception {
    try (Connection c = new Connection()) {
      for (int i = 0; i < 3; i++) {
        c.send(request("GET", DETAIL, "", new byte[0]));
        Answer answer = c.read();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().get("content-type")).isEqualTo("application/json");
        assertThat(answer.headers()).doesNotContainKey("server");
      }
      c.send(request("HEAD", DETAIL, "", new byte[0]));
      Answer head = c.readHead();
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.headers().get("content-type")).isEqualTo("application/json");
      c.send(request("GET", "/", "", new byte[0]));
      Answer site = c.read();
      assertThat(site.status()).isEqualTo(200);
      assertThat(site.text()).contains("<title>Catalogue</title>");
    }
  }

  private static byte[] request(String method, String target, String headers, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String head = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + auth + "\r\n" + headers
        + (body.length > 0 ? "Content-Length: " + body.length + "\r\n" : "") + "\r\n";
    // Characters up to 0xff go out as one byte each, as a careless client would send them.
    out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static void assertStandardError(Answer answer, int status) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    assertThat(answer.headers().get("content-type")).as(answer.toString()).isEqualTo("application/json");
    JsonObject error = JsonReader.create().read(answer.body()).asObject().findObject("error").orElseThrow();
    assertThat(error.members().keySet()).containsExactlyInAnyOrder("message", "status");
    assertThat(error.findNumber("status").orElseThrow().longValue()).isEqualTo(status);
    assertThat(error.findString("message").orElseThrow()).isNotBlank();
    assertThat(answer.text()).doesNotContain("<html", "jetty", "Jetty", "Exception", "org.eclipse", "\tat ");
  }

  /** A response as read off the wire: status, headers by lower-case name, body. */
  private record Answer(int status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return status + " " + headers + " " + text();
    }
  }

  /** One client connection to the server. */
  private static final class Connection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    Connection() throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
      socket.setSoTimeout(20_000);
      in = socket.getInputStream();
      out = socket.getOutputStream();
    }

    void send(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
    }

    /**
     * Sends an oversized request in pieces, as a client does, and stops when the server has answered
     * or closed its side (a server may refuse a request before it is all sent, as this one does).
     */
    void sendUntilAnswered(byte[] bytes) throws IOException {
      int piece = 16 * 1024;
      for (int sent = 0; sent < bytes.length && in.available() == 0; sent += piece) {
        try {
          out.write(bytes, sent, Math.min(piece, bytes.length - sent));
          out.flush();
        } catch (java.net.SocketException refusedMidway) {
          return;
        }
      }
    }

    Answer read() throws IOException {
      return read(true);
    }

    /** Whether the server closed the connection (end of stream) rather than leaving it open. */
    boolean closedByServer() throws IOException {
      try {
        return in.read() < 0;
      } catch (java.net.SocketException e) {
        return true;
      }
    }

    /** Reads the answer to a HEAD request: headers only. */
    Answer readHead() throws IOException {
      return read(false);
    }

    private Answer read(boolean withBody) throws IOException {
      String statusLine = line();
      assertThat(statusLine).as("an answer, not a closed connection").startsWith("HTTP/1.1 ");
      int status = Integer.parseInt(statusLine.substring(9, 12));
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line = line(); !line.isEmpty(); line = line()) {
        int colon = line.indexOf(':');
        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
      }
      byte[] body = new byte[0];
      if (withBody && headers.containsKey("content-length")) {
        body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
      } else if (withBody && "chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line(), 16); size > 0; size = Integer.parseInt(line(), 16)) {
          chunks.writeBytes(in.readNBytes(size));
          line();
        }
        line();
        body = chunks.toByteArray();
      }
      return new Answer(status, headers, body);
    }

    private String line() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        if (b != '\r') {
          line.write(b);
        }
      }
      return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}

package org.cellbank.ims.core.importer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.http.internal.json.JsonValue;
import org.cellbank.ims.http.internal.json.JsonWriter;

/**
 * A local stand-in for the hPSCreg export API on a loopback port: the list and one answer per name,
 * behind HTTP Basic authentication. Answers can be changed between runs.
 */
final class FakeRegistry implements AutoCloseable {

  static final String USER = "ebiscims";
  static final String PASSWORD = "s3cret-test-password";
  private static final String PATH = "/api/export/ebisc";

  private record Answer(int status, byte[] body) {}

  private final HttpServer server;
  private final Map<String, Answer> answers = new LinkedHashMap<>();
  private List<String> order = new ArrayList<>();
  private Answer listAnswer;
  private int detailCalls;
  private int listCalls;

  private FakeRegistry() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(PATH, this::handle);
    server.start();
  }

  static FakeRegistry start() {
    try {
      return new FakeRegistry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A registry serving the three fixture documents in the order of the fixture list. */
  static FakeRegistry withFixtures() {
    FakeRegistry registry = start();
    for (String name : List.of("UKBi008-A", "BIONi010-C-2", "TESTi010-A")) {
      registry.document(name, fixture(name));
    }
    return registry;
  }

  static JsonObject fixture(String name) {
    try (InputStream in = FakeRegistry.class.getResourceAsStream("/hpscreg/" + name + ".json")) {
      return (JsonObject) JsonReader.create().read(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy of {@code doc} with the member set (or removed when {@code value} is null). */
  static JsonObject with(JsonObject doc, String key, JsonValue value) {
    Map<String, JsonValue> members = new LinkedHashMap<>(doc.members());
    if (value == null) {
      members.remove(key);
    } else {
      members.put(key, value);
    }
    return new JsonObject(members);
  }

  static JsonObject edit(JsonObject doc, String key, UnaryOperator<JsonValue> change) {
    return with(doc, key, change.apply(doc.find(key).orElseThrow()));
  }

  static JsonArray arrayWithout(JsonValue array, int index) {
    List<JsonValue> elements = new ArrayList<>(((JsonArray) array).elements());
    elements.remove(index);
    return new JsonArray(elements);
  }

  synchronized FakeRegistry document(String name, JsonObject doc) {
    return answer(name, 200, JsonWriter.compact().write(doc));
  }

  synchronized FakeRegistry answer(String name, int status, String body) {
    if (!answers.containsKey(name) && !order.contains(name)) {
      order.add(name);
    }
    answers.put(name, new Answer(status, body.getBytes(StandardCharsets.UTF_8)));
    return this;
  }

  synchronized FakeRegistry order(List<String> names) {
    order = new ArrayList<>(names);
    return this;
  }

  synchronized FakeRegistry listAnswer(int status, String body) {
    listAnswer = new Answer(status, body.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  synchronized int detailCalls() {
    return detailCalls;
  }

  synchronized int listCalls() {
    return listCalls;
  }

  URI baseUri() {
    return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + PATH);
  }

  HpscregClient client() {
    return HpscregClient.builder().baseUri(baseUri()).credentials(USER, PASSWORD).build();
  }

  private void handle(HttpExchange exchange) throws IOException {
    Answer answer;
    String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    String path = exchange.getRequestURI().getRawPath();
    synchronized (this) {
      if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        answer = new Answer(401, "\"unauthorised\"".getBytes(StandardCharsets.UTF_8));
      } else if (path.equals(PATH) || path.equals(PATH + "/")) {
        listCalls++;
        answer = listAnswer != null ? listAnswer
            : new Answer(200, JsonWriter.compact().write(JsonArray.ofStrings(order)).getBytes(StandardCharsets.UTF_8));
      } else {
        detailCalls++;
        String name = URLDecoder.decode(path.substring(PATH.length() + 1), StandardCharsets.UTF_8);
        answer = answers.getOrDefault(name, new Answer(404, "not found".getBytes(StandardCharsets.UTF_8)));
      }
    }
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer.body());
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

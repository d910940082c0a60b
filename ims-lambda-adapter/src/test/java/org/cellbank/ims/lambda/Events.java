package org.cellbank.ims.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;

/** Loads the recorded events under {@code src/test/resources/events}. */
final class Events {
  private Events() {}

  static byte[] bytes(String name) {
    try (InputStream in = Events.class.getResourceAsStream("/events/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no recorded event " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonObject json(String name) {
    return JsonReader.create().read(bytes(name)).asObject();
  }
}

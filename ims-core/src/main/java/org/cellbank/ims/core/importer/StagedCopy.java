package org.cellbank.ims.core.importer;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cellbank.ims.http.UrlEncoding;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonBoolean;
import org.cellbank.ims.http.internal.json.JsonException;
import org.cellbank.ims.http.internal.json.JsonNumber;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.http.internal.json.JsonString;
import org.cellbank.ims.http.internal.json.JsonValue;
import org.cellbank.ims.http.internal.json.JsonWriter;

/**
 * The layout of a staged copy of the registry in a {@link RegistryStage} (docs/import.md, "A staged
 * copy of the registry"):
 *
 * <ul>
 *   <li>{@code registry/latest.json}: the manifest of the newest complete copy, written last;
 *   <li>{@code registry/runs/<run>/list.json}: the list document as the registry sent it;
 *   <li>{@code registry/runs/<run>/lines/<name>.json}: each line's detail document as sent;
 *   <li>{@code registry/runs/<run>/ecacc.json}: what ECACC answered for the lines the import asked about;
 *   <li>{@code registry/ecacc-wanted.json}: those lines (name and ECACC number), written by the import.
 * </ul>
 */
final class StagedCopy {

  static final String LATEST = "registry/latest.json";
  static final String ECACC_WANTED = "registry/ecacc-wanted.json";

  private StagedCopy() {}

  static String listKey(String run) {
    return "registry/runs/" + run + "/list.json";
  }

  static String lineKey(String run, String name) {
    String encoded = UrlEncoding.encodeQueryComponent(name);
    if (encoded.equals(".") || encoded.equals("..")) {
      encoded = encoded.replace(".", "%2E");
    }
    return "registry/runs/" + run + "/lines/" + encoded + ".json";
  }

  static String ecaccKey(String run) {
    return "registry/runs/" + run + "/ecacc.json";
  }

  /** The manifest of one copy: when it was fetched, how many lines, and why some could not be. */
  record Manifest(String run, Instant fetchedAt, int lines, Map<String, String> failed) {

    byte[] toJson() {
      JsonObject.Builder failures = JsonObject.builder();
      failed.forEach(failures::put);
      return JsonWriter.pretty().writeUtf8(JsonObject.builder().put("run", run).put("fetched_at", fetchedAt.toString())
          .put("lines", lines).put("failed", failures.build()).build());
    }

    static Manifest parse(byte[] bytes) {
      try {
        JsonValue value = JsonReader.create().read(bytes);
        if (value instanceof JsonObject o) {
          Optional<String> run = o.findString("run");
          Optional<String> at = o.findString("fetched_at");
          Optional<JsonNumber> lines = o.findNumber("lines");
          Optional<JsonObject> failed = o.findObject("failed");
          if (run.isPresent() && at.isPresent() && lines.isPresent() && failed.isPresent()) {
            Map<String, String> failures = new LinkedHashMap<>();
            failed.get().members().forEach((k, v) -> failures.put(k, v instanceof JsonString s ? s.value() : String.valueOf(v)));
            RegistryStage.checkKey(run.get());
            return new Manifest(run.get(), Instant.parse(at.get()), Math.toIntExact(lines.get().longValue()), Map.copyOf(failures));
          }
        }
      } catch (JsonException | DateTimeParseException | ArithmeticException | IllegalArgumentException e) {
        throw new HpscregException("the staged registry manifest " + LATEST + " is malformed: " + e.getMessage(), e, false);
      }
      throw new HpscregException("the staged registry manifest " + LATEST
          + " lacks one of run, fetched_at, lines and failed", false);
    }
  }

  /** The newest copy's manifest; refused when there is none. */
  static Manifest latest(RegistryStage stage) {
    byte[] bytes = stage.read(LATEST).orElseThrow(() -> new HpscregException("the registry stage holds no copy of the "
        + "registry yet (" + LATEST + " is missing): has the fetch step run?", false));
    return Manifest.parse(bytes);
  }

  /** A line the import wants ECACC checked for, and, once checked, whether ECACC lists it. */
  record EcaccLine(String name, String ecaccId, boolean listed) {}

  static byte[] ecaccJson(List<EcaccLine> lines, boolean withAnswers) {
    List<JsonValue> items = new ArrayList<>(lines.size());
    for (EcaccLine line : lines) {
      JsonObject.Builder item = JsonObject.builder().put("name", line.name()).put("ecacc_id", line.ecaccId());
      if (withAnswers) {
        item.put("listed", line.listed());
      }
      items.add(item.build());
    }
    return JsonWriter.pretty().writeUtf8(JsonObject.builder().put("lines", new JsonArray(items)).build());
  }

  /** The lines of an ECACC file; an absent {@code listed} member reads as false. */
  static List<EcaccLine> parseEcacc(byte[] bytes, String key) {
    try {
      if (JsonReader.create().read(bytes) instanceof JsonObject o && o.findArray("lines").isPresent()) {
        List<EcaccLine> lines = new ArrayList<>();
        for (JsonValue v : o.findArray("lines").get().elements()) {
          if (v instanceof JsonObject item && item.findString("name").isPresent() && item.findString("ecacc_id").isPresent()) {
            boolean listed = item.find("listed").orElse(JsonBoolean.FALSE) == JsonBoolean.TRUE;
            lines.add(new EcaccLine(item.findString("name").get(), item.findString("ecacc_id").get(), listed));
          } else {
            throw new HpscregException(key + " holds an entry without a name or an ecacc_id", false);
          }
        }
        return List.copyOf(lines);
      }
    } catch (JsonException e) {
      throw new HpscregException(key + " is not JSON: " + e.getMessage(), e, false);
    }
    throw new HpscregException(key + " is not an object with a lines array", false);
  }
}

package org.cellbank.ims.core.executive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cellbank.ims.core.model.Batch;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.InformationPack;
import org.cellbank.ims.core.model.StatusEntry;
import org.cellbank.ims.core.model.Vial;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonBoolean;
import org.cellbank.ims.http.internal.json.JsonNull;
import org.cellbank.ims.http.internal.json.JsonNumber;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonString;
import org.cellbank.ims.http.internal.json.JsonValue;
import org.cellbank.ims.http.internal.json.JsonWriter;

/**
 * The executive routes' JSON: lines, batches, dashboards, audit rows and the audit differences.
 * Times are ISO-8601 instants in UTC ({@code 2026-12-02T18:30:00.123Z}).
 */
final class ExecutiveJson {
  /** The executive routes' prefix. */
  static final String PREFIX = "/api/v0/executive";

  private ExecutiveJson() {}

  static String lineUri(String name) {
    return PREFIX + "/cell-lines/" + name;
  }

  static String v0LineUri(String biosamplesId) {
    return "/api/v0/cell-lines/" + biosamplesId;
  }

  static String v0BatchUri(String batchKey) {
    return "/api/v0/batches/" + batchKey;
  }

  /** The relative media URL of a stored file, as the v0 API writes it: {@code /media/} and the key, each segment escaped. */
  static String mediaUrl(String key) {
    StringBuilder sb = new StringBuilder("/media");
    for (String part : key.split("/", -1)) {
      sb.append('/').append(org.cellbank.ims.http.UrlEncoding.encodePathSegment(part));
    }
    return sb.toString();
  }

  static JsonValue text(String value) {
    return value == null ? JsonNull.INSTANCE : new JsonString(value);
  }

  static JsonValue bool(Boolean value) {
    return value == null ? JsonNull.INSTANCE : JsonBoolean.of(value);
  }

  static JsonValue time(Instant instant) {
    return instant == null ? JsonNull.INSTANCE : new JsonString(instant.toString());
  }

  static String compact(JsonValue value) {
    return JsonWriter.compact().write(value);
  }

  static String pretty(JsonValue value) {
    return JsonWriter.pretty().write(value);
  }

  /** {@code {"before": ..., "after": ...}}. */
  static JsonObject difference(JsonValue before, JsonValue after) {
    return JsonObject.builder().put("before", before).put("after", after).build();
  }

  /** A stored line as {@code GET /api/v0/executive/cell-lines/{name}} answers it. */
  static JsonObject line(ExecutiveLine executive) {
    CellLine line = executive.line();
    List<JsonValue> log = new ArrayList<>(line.statusLog().size());
    for (StatusEntry s : line.statusLog()) {
      log.add(JsonObject.builder()
          .put("status", s.status().code())
          .put("comment", text(s.comment()))
          .put("user", text(s.author()))
          .put("changed_at", time(s.changedAt()))
          .build());
    }
    List<JsonValue> batches = new ArrayList<>(line.batches().size());
    for (Batch b : line.batches()) {
      batches.add(JsonObject.builder()
          .put("batch_id", b.batchId())
          .put("biosamples_id", b.biosamplesId())
          .put("batch_type", b.type().code())
          .put("vials", b.vials().size())
          .put("certificate_of_analysis", b.certificateOfAnalysis() != null)
          .put("resource_uri", v0BatchUri(b.biosamplesId()))
          .build());
    }
    List<JsonValue> clips = new ArrayList<>(line.informationPacks().size());
    for (InformationPack p : line.informationPacks()) {
      clips.add(JsonObject.builder().put("version", p.version()).put("md5", p.file().md5())
          .put("updated_at", time(p.updatedAt())).build());
    }
    return JsonObject.builder()
        .put("name", line.name())
        .put("biosamples_id", line.biosamplesId())
        .put("alternative_names", JsonArray.ofStrings(line.alternativeNames()))
        .put("hpscreg_id", text(line.hpscregId()))
        .put("ecacc_id", text(line.ecaccId()))
        .put("depositor", text(line.depositor()))
        .put("validation_status", line.validationStatus().code())
        .put("status", line.currentStatus().isPresent() ? new JsonString(line.currentStatus().get().code()) : JsonNull.INSTANCE)
        .put("available_for_sale", bool(line.availableForSale()))
        .put("found_on_ecacc", line.availableForSaleAtEcacc())
        .put("version", line.version())
        .put("status_log", new JsonArray(log))
        .put("batches", new JsonArray(batches))
        .put("information_packs", new JsonArray(clips))
        .put("checklist", checklist(executive.checklist()))
        .put("resource_uri", lineUri(line.name()))
        .put("v0_uri", v0LineUri(line.biosamplesId()))
        .build();
  }

  static JsonObject checklist(Checklist c) {
    List<JsonValue> batches = new ArrayList<>(c.batches().size());
    for (Checklist.BatchCheck b : c.batches()) {
      batches.add(JsonObject.builder().put("batch_id", b.batchId()).put("biosamples_id", b.batchKey())
          .put("certificate_of_analysis", b.certificateOfAnalysis()).build());
    }
    return JsonObject.builder()
        .put("validation_status", c.validation().code())
        .put("validated", c.validated())
        .put("clip_present", c.clipPresent())
        .put("batches", new JsonArray(batches))
        .build();
  }

  /** A created batch, as the creating request is answered (and replayed). */
  static JsonObject createdBatch(String lineName, String lineBiosamplesId, String batchKey, String batchId,
      String type, List<Vial> vials) {
    List<JsonValue> vialObjects = new ArrayList<>(vials.size());
    for (Vial v : vials) {
      vialObjects.add(JsonObject.builder()
          .put("biosamples_id", v.biosamplesId())
          .put("name", v.name())
          .put("number", v.number())
          .put("derived_from", text(v.derivedFrom()))
          .build());
    }
    return JsonObject.builder()
        .put("batch_id", batchId)
        .put("biosamples_id", batchKey)
        .put("batch_type", type)
        .put("cell_line", lineName)
        .put("cell_line_biosamples_id", lineBiosamplesId)
        .put("cell_line_uri", lineUri(lineName))
        .put("resource_uri", v0BatchUri(batchKey))
        .put("vials", new JsonArray(vialObjects))
        .build();
  }

  static JsonObject dashboardRow(Dashboard.Row r) {
    return JsonObject.builder()
        .put("name", r.name())
        .put("biosamples_id", r.biosamplesId())
        .put("alternative_names", JsonArray.ofStrings(r.alternativeNames()))
        .put("ecacc_id", text(r.ecaccId()))
        .put("depositor", r.depositor())
        .put("validation_status", r.validation())
        .put("status", text(r.status()))
        .put("available_for_sale", bool(r.availableForSale()))
        .put("found_on_ecacc", r.foundOnEcacc())
        .put("batches", r.batches())
        .put("diseases", JsonArray.ofStrings(r.diseases()))
        .put("line_diseases", JsonArray.ofStrings(r.lineDiseases()))
        .put("version", r.version())
        .put("resource_uri", lineUri(r.name()))
        .build();
  }

  static JsonObject counters(Dashboard.Counters c) {
    return JsonObject.builder()
        .put("registered", c.registered())
        .put("validated", c.validated())
        .put("at_ecacc", c.atEcacc())
        .put("expand_to_order", c.expandToOrder())
        .put("restricted_distribution", c.restrictedDistribution())
        .put("recalled", c.recalled())
        .put("withdrawn", c.withdrawn())
        .build();
  }

  static JsonObject auditEntry(AuditEntry e, JsonValue changes) {
    return JsonObject.builder()
        .put("id", e.id())
        .put("occurred_at", time(e.occurredAt()))
        .put("user", e.actor())
        .put("role", e.actorRole())
        .put("entity", e.entity())
        .put("entity_id", e.entityId())
        .put("cell_line", text(e.cellLine()))
        .put("action", e.action())
        .put("changes", changes)
        .build();
  }

  static JsonValue number(Integer value) {
    return value == null ? JsonNull.INSTANCE : JsonNumber.of(value.longValue());
  }
}

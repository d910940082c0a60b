package org.cellbank.ims.lambda;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cellbank.ims.http.BadRequestException;
import org.cellbank.ims.http.internal.json.JsonException;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.http.internal.json.JsonValue;

/**
 * An EventBridge scheduled event ({@code "source": "aws.events"}, {@code "detail-type":
 * "Scheduled Event"}), as handed to a {@link ScheduledJob}.
 *
 * @param id the event id (EventBridge's, unique per delivery attempt)
 * @param time the scheduled time as sent, ISO-8601 ({@code 2026-11-28T02:00:00Z})
 * @param resources the ARNs of the rules or schedules that fired; copied, possibly empty
 * @param detail the event's {@code detail} object as JSON text, {@code {}} when the event has
 *     none: empty for an EventBridge rule's own event; a rule or schedule that sends its own input
 *     can put options there, such as {@code {"rebuild": true}}; read them with
 *     {@link #detailBoolean(String)} and {@link #detailString(String)}
 */
public record ScheduledEvent(String id, String time, List<String> resources, String detail) {
  /** Validates and copies the values. */
  public ScheduledEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(time, "time");
    resources = List.copyOf(resources);
    Objects.requireNonNull(detail, "detail");
  }

  /** An event with an empty {@code detail}. */
  public ScheduledEvent(String id, String time, List<String> resources) {
    this(id, time, resources, "{}");
  }

  /**
   * A boolean member of {@code detail}; empty when absent or {@code null}.
   *
   * @throws BadRequestException when the detail is not a JSON object or the member is not a boolean
   */
  public Optional<Boolean> detailBoolean(String name) {
    Objects.requireNonNull(name, "name");
    try {
      return detailObject().findBoolean(name);
    } catch (JsonException e) {
      throw new BadRequestException("Malformed scheduled event detail: " + e.getMessage(), e);
    }
  }

  /**
   * A string member of {@code detail}; empty when absent or {@code null}.
   *
   * @throws BadRequestException when the detail is not a JSON object or the member is not a string
   */
  public Optional<String> detailString(String name) {
    Objects.requireNonNull(name, "name");
    try {
      return detailObject().findString(name);
    } catch (JsonException e) {
      throw new BadRequestException("Malformed scheduled event detail: " + e.getMessage(), e);
    }
  }

  private JsonObject detailObject() {
    JsonValue v = JsonReader.create().read(detail);
    if (v instanceof JsonObject o) {
      return o;
    }
    throw new BadRequestException("Malformed scheduled event detail: not a JSON object");
  }
}

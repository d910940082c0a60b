package org.cellbank.ims.lambda;

import java.util.List;
import java.util.Objects;
import org.cellbank.ims.core.json.JsonObject;

/**
 * An EventBridge scheduled event ({@code "source": "aws.events"}, {@code "detail-type":
 * "Scheduled Event"}), as handed to a {@link ScheduledJob}.
 *
 * @param id the event id (EventBridge's, unique per delivery attempt)
 * @param time the scheduled time as sent, ISO-8601 ({@code 2026-11-28T02:00:00Z})
 * @param resources the ARNs of the rules or schedules that fired; copied, possibly empty
 * @param detail the event's {@code detail} object: empty for an EventBridge rule's own event; a
 *     rule or schedule that sends its own input can put options there, such as
 *     {@code {"rebuild": true}}
 */
public record ScheduledEvent(String id, String time, List<String> resources, JsonObject detail) {
  /** Validates and copies the values. */
  public ScheduledEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(time, "time");
    resources = List.copyOf(resources);
    Objects.requireNonNull(detail, "detail");
  }

  /** An event with an empty {@code detail}. */
  public ScheduledEvent(String id, String time, List<String> resources) {
    this(id, time, resources, JsonObject.of());
  }
}

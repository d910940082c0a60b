package org.cellbank.ims.examples.ops;

import java.io.PrintStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

/**
 * The recent events of a function's log group ({@code /aws/lambda/<name>}), one line each: the
 * event's time (UTC, ISO 8601), a space, and its message with control characters escaped. With
 * follow, polls for new events until the process is stopped.
 */
final class LogTail {
  /** Waits between two polls; returns false to stop following (tests end the loop). */
  interface Pause {
    boolean await() throws InterruptedException;
  }

  /** Two seconds between polls: FilterLogEvents allows a few calls a second per account. */
  static final Pause TWO_SECONDS = () -> {
    Thread.sleep(2_000);
    return true;
  };

  private final CloudWatchLogsClient logs;
  private final String logGroup;
  private final PrintStream out;
  // The events printed at the newest timestamp seen: the next poll starts at that time again.
  private final Set<String> seenAtNewest = new HashSet<>();
  private long newest;

  LogTail(CloudWatchLogsClient logs, String function, PrintStream out) {
    this.logs = logs;
    this.logGroup = "/aws/lambda/" + function;
    this.out = out;
  }

  /** Prints the events since {@code startMillis}, then, with {@code pause}, the new ones after each pause. */
  void run(long startMillis, Pause pause) throws InterruptedException {
    newest = startMillis;
    poll();
    while (pause != null && pause.await()) {
      poll();
    }
  }

  private void poll() {
    String token = null;
    long start = newest;
    Set<String> seenAtStart = Set.copyOf(seenAtNewest);
    do {
      String page = token;
      FilterLogEventsResponse response = logs.filterLogEvents(r -> r.logGroupName(logGroup).startTime(start)
          .nextToken(page));
      for (FilteredLogEvent event : response.events()) {
        long time = event.timestamp() == null ? start : event.timestamp();
        String id = event.eventId() == null ? time + ":" + event.message() : event.eventId();
        if (time <= start && seenAtStart.contains(id)) {
          continue; // printed by the previous poll
        }
        if (time > newest) {
          newest = time;
          seenAtNewest.clear();
        }
        if (time == newest) {
          seenAtNewest.add(id);
        }
        out.println(Instant.ofEpochMilli(time) + " "
            + TerminalText.logMessage(event.message() == null ? "" : event.message()));
      }
      token = response.nextToken();
    } while (token != null && !token.isEmpty());
    out.flush();
  }
}

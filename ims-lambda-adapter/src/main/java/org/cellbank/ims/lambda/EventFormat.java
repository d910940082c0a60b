package org.cellbank.ims.lambda;

import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonString;
import org.cellbank.ims.http.internal.json.JsonValue;

/** The event shapes the handler recognises, and how to tell them apart. */
enum EventFormat {
  /** API Gateway REST API proxy integration (payload 1.0); the path arrives percent-encoded. */
  REST_API("API Gateway REST"),
  /** API Gateway HTTP API with payload format 1.0; the path arrives decoded. */
  HTTP_API_V1("API Gateway HTTP API 1.0"),
  /** API Gateway HTTP API with payload format 2.0; the path arrives decoded. */
  HTTP_API_V2("API Gateway HTTP API 2.0"),
  /** Lambda Function URL (payload 2.0 shape); the path arrives percent-encoded. */
  FUNCTION_URL("Function URL"),
  /** Application Load Balancer target group; path and query arrive percent-encoded. */
  ALB("ALB"),
  /** EventBridge scheduled event. */
  SCHEDULED("EventBridge scheduled event"),
  /** A direct invocation: {@code {}} or {@code {"job": ...}}; a scheduled job where one is configured. */
  DIRECT("direct invocation"),
  /** Anything else. */
  UNKNOWN("unknown");

  private final String label;

  EventFormat(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  /** Detects the format from the top-level members only; never throws. */
  static EventFormat detect(JsonObject event) {
    JsonValue context = event.members().get("requestContext");
    if (context instanceof JsonObject ctx) {
      if (ctx.members().get("elb") instanceof JsonObject) {
        return ALB;
      }
      String version = text(event.members().get("version"));
      if ("2.0".equals(version) && ctx.members().get("http") instanceof JsonObject) {
        String domain = text(ctx.members().get("domainName"));
        return domain != null && domain.contains(".lambda-url.") ? FUNCTION_URL : HTTP_API_V2;
      }
      if (event.members().get("httpMethod") instanceof JsonString) {
        return "1.0".equals(version) ? HTTP_API_V1 : REST_API;
      }
      return UNKNOWN;
    }
    String source = text(event.members().get("source"));
    if (("aws.events".equals(source) || "aws.scheduler".equals(source))
        && "Scheduled Event".equals(text(event.members().get("detail-type")))) {
      return SCHEDULED;
    }
    // A direct invocation: no input at all (Scheduler's target with an empty input), or one naming
    // the job to run.
    if (event.members().isEmpty() || (source == null && event.members().get("job") instanceof JsonString)) {
      return DIRECT;
    }
    return UNKNOWN;
  }

  private static String text(JsonValue v) {
    return v instanceof JsonString s ? s.value() : null;
  }
}

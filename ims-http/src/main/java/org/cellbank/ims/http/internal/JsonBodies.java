package org.cellbank.ims.http.internal;

import org.cellbank.ims.http.BadRequestException;
import org.cellbank.ims.http.HttpRequest;
import org.cellbank.ims.http.internal.json.JsonException;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.http.internal.json.JsonValue;

/**
 * Reads a request's JSON body at the request boundary: malformed JSON is the client's fault, so it
 * becomes a {@link BadRequestException} (answered 400), while JSON the IMS itself produced and cannot
 * read stays a {@link JsonException} (answered 500).
 */
public final class JsonBodies {
  private static final JsonReader READER = JsonReader.builder().maxDepth(64).build();

  private JsonBodies() {}

  /**
   * The request's body as a JSON object.
   *
   * @throws BadRequestException when the body is empty, not JSON, or not an object; the message
   *     names the position of the first error and never quotes the body
   */
  public static JsonObject object(HttpRequest request) {
    byte[] body = request.body();
    if (body.length == 0) {
      throw new BadRequestException("The request needs a JSON object as its body");
    }
    JsonValue value;
    try {
      value = READER.read(body);
    } catch (JsonException e) {
      throw new BadRequestException("The request body is not valid JSON: " + e.getMessage(), e);
    }
    if (value instanceof JsonObject o) {
      return o;
    }
    throw new BadRequestException("The request body must be a JSON object, not " + value.typeName());
  }
}

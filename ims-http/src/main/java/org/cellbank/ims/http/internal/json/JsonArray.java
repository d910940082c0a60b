package org.cellbank.ims.http.internal.json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A JSON array.
 *
 * @param elements the elements in order; copied, unmodifiable, never containing Java null (use
 *     {@link JsonNull#INSTANCE})
 */
public record JsonArray(List<JsonValue> elements) implements JsonValue {
  /** Copies and validates the elements. */
  public JsonArray {
    elements = List.copyOf(elements);
  }

  /** An array of the given values. */
  public static JsonArray of(JsonValue... elements) {
    return new JsonArray(Arrays.asList(elements));
  }

  /** An array of strings. */
  public static JsonArray ofStrings(List<String> strings) {
    List<JsonValue> values = new ArrayList<>(strings.size());
    for (String s : strings) {
      values.add(new JsonString(s));
    }
    return new JsonArray(values);
  }

  /** The number of elements. */
  public int size() {
    return elements.size();
  }

  /**
   * The element at an index.
   *
   * @throws IndexOutOfBoundsException when the index is outside the array
   */
  public JsonValue get(int index) {
    return elements.get(index);
  }
}

/**
 * A small, strict JSON reader and writer with no dependencies and no reflection.
 *
 * <p>Values are immutable: {@link org.cellbank.ims.core.json.JsonObject} (members in insertion
 * order), {@link org.cellbank.ims.core.json.JsonArray}, {@link org.cellbank.ims.core.json.JsonString},
 * {@link org.cellbank.ims.core.json.JsonNumber} (kept as its exact text),
 * {@link org.cellbank.ims.core.json.JsonBoolean} and {@link org.cellbank.ims.core.json.JsonNull}.
 * {@link org.cellbank.ims.core.json.JsonReader} parses RFC 8259 JSON strictly and reports the
 * position of the first error; {@link org.cellbank.ims.core.json.JsonWriter} writes compact JSON
 * or the API's pretty form (sorted keys, two-space indent, non-ASCII characters as UTF-8).
 *
 * <pre>{@code
 * JsonValue event = JsonReader.create().read(bytes);
 * JsonObject body = JsonObject.builder().put("name", "UKBi008-A").put("count", 3).build();
 * String text = JsonWriter.pretty().write(body);
 * }</pre>
 */
package org.cellbank.ims.core.json;

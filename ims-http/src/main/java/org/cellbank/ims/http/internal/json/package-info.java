/**
 * Internal: not part of the public API, may change in any release. A small, strict JSON reader and
 * writer with no dependencies and no reflection, shared by the IMS modules (the HTTP error bodies,
 * the Lambda events, the v0 representations, the registry import). No public type outside an
 * {@code internal} package takes or returns these types.
 *
 * <p>Values are immutable: {@link org.cellbank.ims.http.internal.json.JsonObject} (members in insertion
 * order), {@link org.cellbank.ims.http.internal.json.JsonArray}, {@link org.cellbank.ims.http.internal.json.JsonString},
 * {@link org.cellbank.ims.http.internal.json.JsonNumber} (kept as its exact text),
 * {@link org.cellbank.ims.http.internal.json.JsonBoolean} and {@link org.cellbank.ims.http.internal.json.JsonNull}.
 * {@link org.cellbank.ims.http.internal.json.JsonReader} parses RFC 8259 JSON strictly and reports the
 * position of the first error; {@link org.cellbank.ims.http.internal.json.JsonWriter} writes compact JSON
 * or the API's pretty form (sorted keys, two-space indent, non-ASCII characters as UTF-8).
 *
 * <pre>{@code
 * JsonValue event = JsonReader.create().read(bytes);
 * JsonObject body = JsonObject.builder().put("name", "UKBi008-A").put("count", 3).build();
 * String text = JsonWriter.pretty().write(body);
 * }</pre>
 */
package org.cellbank.ims.http.internal.json;

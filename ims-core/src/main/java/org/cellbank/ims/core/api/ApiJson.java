package org.cellbank.ims.core.api;

import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.internal.json.JsonValue;
import org.cellbank.ims.http.internal.json.JsonWriter;

/** JSON answers of the API routes: the API's pretty form (sorted keys, two-space indent). */
final class ApiJson {
  private ApiJson() {}

  static HttpResponse json(int status, JsonValue body) {
    return HttpResponse.json(status, JsonWriter.pretty().writeUtf8(body));
  }
}

package org.cellbank.ims.core.executive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cellbank.ims.http.Headers;
import org.cellbank.ims.http.HttpRequest;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.Router;
import org.cellbank.ims.http.UrlEncoding;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.http.internal.json.JsonValue;

/** Requests to a router in tests, and the parts of their answers the tests read. */
final class ExecutiveCalls {
  private final Router router;

  ExecutiveCalls(Router router) {
    this.router = router;
  }

  HttpResponse call(String method, String path, String authorization, String body, Map<String, String> headers) {
    Headers.Builder h = Headers.builder();
    if (authorization != null) {
      h.add("Authorization", authorization);
    }
    headers.forEach(h::add);
    int q = path.indexOf('?');
    HttpRequest.Builder request = HttpRequest.builder(method, q < 0 ? path : path.substring(0, q))
        .headers(h.build()).requestId("test");
    if (q >= 0) {
      for (String pair : path.substring(q + 1).split("&")) {
        String[] nv = pair.split("=", 2);
        request.queryParameter(nv[0], UrlEncoding.decode(nv[1], true));
      }
    }
    if (body != null) {
      request.body(body);
    }
    return router.handle(request.build());
  }

  HttpResponse get(String path, String authorization) {
    return call("GET", path, authorization, null, Map.of());
  }

  static JsonObject json(HttpResponse response) {
    return JsonReader.create().read(response.body()).asObject();
  }

  /** The pointers of a 400 answer's faulty fields, in order. */
  static List<String> pointers(HttpResponse response) {
    List<String> out = new ArrayList<>();
    for (JsonValue f : json(response).findObject("error").orElseThrow().findArray("fields").orElseThrow().elements()) {
      out.add(((JsonObject) f).findString("pointer").orElseThrow());
    }
    return out;
  }

  static String etag(HttpResponse response) {
    return response.headers().first("etag").orElseThrow();
  }
}

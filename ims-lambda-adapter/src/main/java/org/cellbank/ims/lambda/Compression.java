package org.cellbank.ims.lambda;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.cellbank.ims.http.HttpResponse;

/** Gzip compression of answers for clients that accept it. Internal. */
final class Compression {
  /** Smaller bodies gain less than the header and base64 cost. */
  static final int MIN_BYTES = 1024;

  private Compression() {}

  /**
   * Whether an {@code Accept-Encoding} header value allows gzip: {@code gzip} or {@code *} listed
   * without {@code q=0}.
   */
  static boolean acceptsGzip(String acceptEncoding) {
    for (String part : acceptEncoding.split(",")) {
      String[] pieces = part.split(";");
      String coding = pieces[0].trim().toLowerCase(Locale.ROOT);
      if (!coding.equals("gzip") && !coding.equals("x-gzip") && !coding.equals("*")) {
        continue;
      }
      boolean refused = false;
      for (int i = 1; i < pieces.length; i++) {
        String param = pieces[i].trim().toLowerCase(Locale.ROOT);
        if (param.startsWith("q=")) {
          refused = isZero(param.substring(2).trim());
        }
      }
      if (!refused) {
        return true;
      }
    }
    return false;
  }

  private static boolean isZero(String q) {
    try {
      return Double.parseDouble(q) <= 0;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  /**
   * The response with a gzip-compressed body, or the same response when it is small, not textual,
   * already encoded, or does not get smaller.
   */
  static HttpResponse gzip(HttpResponse response) {
    byte[] body = response.body();
    if (body.length < MIN_BYTES
        || response.headers().contains("Content-Encoding")
        || !EventTranslator.isTextual(response.contentType().orElse(""))) {
      return response;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192)) {
      gzip.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (out.size() >= body.length) {
      return response;
    }
    return response.toBuilder()
        .setHeader("Content-Encoding", "gzip")
        .header("Vary", "Accept-Encoding")
        .body(out.toByteArray())
        .build();
  }
}

package org.cellbank.ims.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.cellbank.ims.core.media.FileSystemMediaStore;
import org.cellbank.ims.core.media.MediaKey;
import org.cellbank.ims.core.media.MediaKind;
import org.cellbank.ims.core.media.MediaStoreContract;
import org.cellbank.ims.core.media.StoredMedia;
import org.cellbank.ims.http.Headers;
import org.cellbank.ims.http.HttpRequest;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.Router;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaRoutesTest {

  private static final byte[] SIGNING_KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path root;
  private FileSystemMediaStore store;
  private Router streaming;
  private StoredMedia pdf;
  private byte[] pdfBytes;

  @BeforeEach
  void setUp() {
    store = FileSystemMediaStore.builder().root(root).baseUri(URI.create("http://127.0.0.1:1/files/"))
        .signingKey(SIGNING_KEY).build();
    pdfBytes = MediaStoreContract.pdf(1000);
    pdf = store.put(MediaKind.CERTIFICATE_OF_ANALYSIS, "UKBi008-A P001 CoA.pdf", new ByteArrayInputStream(pdfBytes));
    streaming = MediaRoutes.builder().store(store).build().addTo(Router.builder()).build();
  }

  private static HttpResponse get(Router router, String path, String... headers) {
    Headers.Builder h = Headers.builder();
    for (int i = 0; i < headers.length; i += 2) {
      h.add(headers[i], headers[i + 1]);
    }
    return router.handle(HttpRequest.builder("GET", path).headers(h.build()).requestId("test").build());
  }

  private static String message(HttpResponse response) {
    return JsonReader.create().read(response.body()).asObject().findObject("error").orElseThrow()
        .findString("message").orElseThrow();
  }

  @Test
  void stream_answersTheBytesWithDetectedTypeAndLength() {
    HttpResponse r = get(streaming, V0Json.mediaUrl(pdf.key().value()));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(pdfBytes);
    assertThat(r.contentType()).hasValue("application/pdf");
    assertThat(r.headers().first("content-length")).hasValue("1000");
    assertThat(r.headers().first("accept-ranges")).hasValue("bytes");
    assertThat(r.headers().first("cache-control")).hasValue("private, no-store");
    assertThat(r.headers().first("content-disposition")).hasValue("inline; filename*=UTF-8''UKBi008-A%20P001%20CoA.pdf");
  }

  @Test
  void stream_unknownContent_isOctetStream_andJpegIsDetected() {
    StoredMedia vcf = store.put(MediaKind.DEPOSITOR_FILE, "donor.vcf", new ByteArrayInputStream("##fileformat=VCFv4.2\n".getBytes(StandardCharsets.US_ASCII)));
    assertThat(get(streaming, V0Json.mediaUrl(vcf.key().value())).contentType()).hasValue("application/octet-stream");
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, (byte) 0xFF, (byte) 0xD9};
    StoredMedia image = store.put(MediaKind.CELL_IMAGE, "x.jpg", new ByteArrayInputStream(jpeg));
    assertThat(get(streaming, V0Json.mediaUrl(image.key().value())).contentType()).hasValue("image/jpeg");
  }

  @Test
  void stream_range_answers206WithContentRange() {
    String url = V0Json.mediaUrl(pdf.key().value());
    HttpResponse middle = get(streaming, url, "Range", "bytes=10-19");
    assertThat(middle.status()).isEqualTo(206);
    assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(pdfBytes, 10, 20));
    assertThat(middle.headers().first("content-range")).hasValue("bytes 10-19/1000");
    assertThat(middle.headers().first("content-length")).hasValue("10");
    assertThat(middle.contentType()).hasValue("application/pdf");

    HttpResponse open = get(streaming, url, "Range", "bytes=990-");
    assertThat(open.body()).isEqualTo(Arrays.copyOfRange(pdfBytes, 990, 1000));
    assertThat(open.headers().first("content-range")).hasValue("bytes 990-999/1000");

    HttpResponse suffix = get(streaming, url, "Range", "bytes=-5");
    assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(pdfBytes, 995, 1000));
    assertThat(suffix.headers().first("content-range")).hasValue("bytes 995-999/1000");

    HttpResponse beyondEnd = get(streaming, url, "Range", "bytes=900-5000");
    assertThat(beyondEnd.headers().first("content-range")).hasValue("bytes 900-999/1000");
    assertThat(beyondEnd.bodyLength()).isEqualTo(100);
  }

  @Test
  void stream_rangePastTheEnd_answers416() {
    HttpResponse r = get(streaming, V0Json.mediaUrl(pdf.key().value()), "Range", "bytes=1000-");
    assertThat(r.status()).isEqualTo(416);
    assertThat(r.headers().first("content-range")).hasValue("bytes */1000");
    assertThat(r.contentType()).hasValue("application/json");
    assertThat(get(streaming, V0Json.mediaUrl(pdf.key().value()), "Range", "bytes=-0").status()).isEqualTo(416);
  }

  @Test
  void stream_ignoredRanges_answerTheWholeFile() {
    String url = V0Json.mediaUrl(pdf.key().value());
    for (String range : new String[] {"bytes=0-1,5-6", "items=0-1", "bytes=5-1", "bytes=-", "bytes=abc"}) {
      HttpResponse r = get(streaming, url, "Range", range);
      assertThat(r.status()).as(range).isEqualTo(200);
      assertThat(r.bodyLength()).as(range).isEqualTo(1000);
    }
    assertThat(get(streaming, url, "Range", "bytes=0-1", "If-Range", "\"x\"").status()).isEqualTo(200);
  }

  @Test
  void head_answersHeadersWithoutBody() {
    HttpResponse r = streaming.handle(HttpRequest.builder("HEAD", V0Json.mediaUrl(pdf.key().value())).build());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyLength()).isZero();
    assertThat(r.headers().first("content-length")).hasValue("1000");
  }

  @Test
  void unknownKey_answers404Json() {
    HttpResponse r = get(streaming, "/media/celllines/2015/09/21/nothing/x.pdf");
    assertThat(r.status()).isEqualTo(404);
    assertThat(message(r)).isEqualTo("no media file at /media/celllines/2015/09/21/nothing/x.pdf");
    // a prefix of an existing key is not an object
    String dir = pdf.key().value().substring(0, pdf.key().value().lastIndexOf('/'));
    assertThat(get(streaming, "/media/" + dir).status()).isEqualTo(404);
  }

  @Test
  void malformedKey_answers400() {
    assertThat(get(streaming, "/media/celllines/%2E%2E/secret").status()).isEqualTo(400);
    assertThat(get(streaming, "/media/.incoming/x").status()).isEqualTo(400);
    assertThat(get(streaming, "/media/a%5Cb").status()).isEqualTo(400);
  }

  @Test
  void pendingUploads_areNotServed() {
    MediaKey pending = MediaKey.newPendingKey("x.pdf");
    assertThat(get(streaming, "/media/" + pending.value()).status()).isEqualTo(404);
  }

  @Test
  void redirect_answers302ToAShortLivedPresignedUrl() {
    Router router = MediaRoutes.builder().store(store).redirect(true).build().addTo(Router.builder()).build();
    Instant before = Instant.now();
    HttpResponse r = get(router, V0Json.mediaUrl(pdf.key().value()));
    assertThat(r.status()).isEqualTo(302);
    assertThat(r.headers().first("cache-control")).hasValue("no-store");
    URI location = URI.create(r.headers().first("location").orElseThrow());
    assertThat(store.verify("GET", location)).isEqualTo(pdf.key());
    long expires = Long.parseLong(location.getQuery().replaceAll(".*expires=([0-9]+).*", "$1"));
    assertThat(expires).isBetween(before.plus(Duration.ofMinutes(5)).getEpochSecond() - 1,
        Instant.now().plus(Duration.ofMinutes(5)).getEpochSecond() + 1);
    assertThat(get(router, "/media/celllines/none/x.pdf").status()).isEqualTo(404);
  }

  @Test
  void redirect_expiryIsConfigurable() {
    Router router = MediaRoutes.builder().store(store).redirect(true).expiry(Duration.ofSeconds(30)).build()
        .addTo(Router.builder()).build();
    URI location = URI.create(get(router, V0Json.mediaUrl(pdf.key().value())).headers().first("location").orElseThrow());
    long expires = Long.parseLong(location.getQuery().replaceAll(".*expires=([0-9]+).*", "$1"));
    assertThat(expires).isLessThanOrEqualTo(Instant.now().plusSeconds(31).getEpochSecond());
  }

  @Test
  void builder_requiresAStoreAndASaneExpiry() {
    assertThatThrownBy(() -> MediaRoutes.builder().build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> MediaRoutes.builder().expiry(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MediaRoutes.builder().expiry(Duration.ofDays(8))).isInstanceOf(IllegalArgumentException.class);
    MediaRoutes defaults = MediaRoutes.builder().store(store).build();
    assertThat(defaults.redirects()).isFalse();
    assertThat(defaults.expiry()).isEqualTo(Duration.ofMinutes(5));
  }
}

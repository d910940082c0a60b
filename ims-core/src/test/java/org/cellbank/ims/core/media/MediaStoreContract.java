package org.cellbank.ims.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.cellbank.ims.core.NotFoundException;
import org.cellbank.ims.core.ValidationException;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MediaStore} must have. Subclasses say how to make a fresh, empty store
 * and run the same tests against their implementation.
 */
public abstract class MediaStoreContract {

  /** Larger than the S3 store's default 8 MiB part size, so it takes three parts there. */
  protected static final int MULTIPART_SIZE = 17 * 1024 * 1024 + 123;

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /**
   * Returns a new, empty store.
   *
   * @param clock the store's clock (key dates, URL expiry, cleanup ages)
   * @param maxSize the store's size cap in bytes
   */
  protected abstract MediaStore createStore(Clock clock, long maxSize);

  /** A new, empty store with the system clock and a 64 MiB cap. */
  protected MediaStore store() {
    return createStore(Clock.systemUTC(), 64L * 1024 * 1024);
  }

  // --- content helpers, shared by the implementations' own tests

  /** A small PDF-looking byte array (starts with the PDF magic). */
  public static byte[] pdf(int size) {
    return withMagic("%PDF-1.7\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), size, 1);
  }

  /** A PNG-looking byte array (starts with the PNG signature). */
  public static byte[] png(int size) {
    return withMagic(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, size, 2);
  }

  /** The lower-case hex digest of bytes. */
  public static String hex(String algorithm, byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] withMagic(byte[] magic, int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    System.arraycopy(magic, 0, bytes, 0, Math.min(magic.length, size));
    return bytes;
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends a request with the JDK HTTP client. */
  protected static HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<byte[]> upload(PresignedUrl url, byte[] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url.url()).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    url.headers().forEach(b::header);
    return send(b.build());
  }

  // --- put, open, checksums

  @Test
  void find_givesTheStoredObjectsSizeAndTime_andNothingForAMissingKey() {
    MediaStore store = store();
    byte[] bytes = pdf(4_321);
    StoredMedia stored = store.put(MediaKind.CERTIFICATE_OF_ANALYSIS, "find.pdf", new ByteArrayInputStream(bytes));

    assertThat(store.find(stored.key())).hasValueSatisfying(o -> {
      assertThat(o.key()).isEqualTo(stored.key());
      assertThat(o.size()).isEqualTo(bytes.length);
      assertThat(o.lastModified()).isAfter(java.time.Instant.now().minus(Duration.ofHours(1)));
    });
    assertThat(store.find(MediaKey.of("celllines/2015/01/01/none/missing.pdf"))).isEmpty();
  }

  @Test
  void put_smallPdf_roundTripsWithChecksumsOfTheBytes() {
    MediaStore store = store();
    byte[] bytes = pdf(10_000);

    StoredMedia stored = store.put(MediaKind.CERTIFICATE_OF_ANALYSIS, "UKBi008-A.P001.CoA.pdf", new ByteArrayInputStream(bytes));

    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    assertThat(stored.key().value())
        .matches(String.format("celllines/%04d/%02d/%02d/[0-9a-f-]{36}/UKBi008-A\\.P001\\.CoA\\.pdf",
            today.getYear(), today.getMonthValue(), today.getDayOfMonth()));
    assertThat(stored.size()).isEqualTo(bytes.length);
    assertThat(stored.contentType()).isEqualTo("application/pdf");
    assertThat(stored.md5Hex()).isEqualTo(hex("MD5", bytes));
    assertThat(stored.sha256Hex()).isEqualTo(hex("SHA-256", bytes));
    assertThat(readAll(store.open(stored.key()))).isEqualTo(bytes);
  }

  @Test
  void put_emptyDepositorFile_roundTrips() {
    MediaStore store = store();

    StoredMedia stored = store.put(MediaKind.DEPOSITOR_FILE, "empty.vcf", new ByteArrayInputStream(new byte[0]));

    assertThat(stored.size()).isZero();
    assertThat(stored.contentType()).isEqualTo("application/octet-stream");
    assertThat(stored.md5Hex()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    assertThat(stored.sha256Hex()).isEqualTo(hex("SHA-256", new byte[0]));
    assertThat(readAll(store.open(stored.key()))).isEmpty();
    assertThat(store.exists(stored.key())).isTrue();
  }

  @Test
  void put_largerThanOnePart_roundTripsWithChecksums() {
    MediaStore store = store();
    byte[] bytes = png(MULTIPART_SIZE);

    StoredMedia stored = store.put(MediaKind.CELL_IMAGE, "batch image 1.png", new ByteArrayInputStream(bytes));

    assertThat(stored.size()).isEqualTo(bytes.length);
    assertThat(stored.contentType()).isEqualTo("image/png");
    assertThat(stored.md5Hex()).isEqualTo(hex("MD5", bytes));
    assertThat(stored.sha256Hex()).isEqualTo(hex("SHA-256", bytes));
    assertThat(stored.key().fileName()).isEqualTo("batch image 1.png");
    assertThat(readAll(store.open(stored.key()))).isEqualTo(bytes);
  }

  @Test
  void put_sizesAroundBufferAndPartBoundaries_roundTripWithChecksums() {
    MediaStore store = store();
    for (int size : new int[] {256 * 1024 - 1, 256 * 1024, 256 * 1024 + 1, 8 * 1024 * 1024, 8 * 1024 * 1024 + 1}) {
      byte[] bytes = pdf(size);

      StoredMedia stored = store.put(MediaKind.DEPOSITOR_FILE, "report.pdf", new ByteArrayInputStream(bytes));

      assertThat(stored.size()).as("size %d", size).isEqualTo(size);
      assertThat(stored.md5Hex()).as("md5 of %d bytes", size).isEqualTo(hex("MD5", bytes));
      assertThat(stored.sha256Hex()).as("sha256 of %d bytes", size).isEqualTo(hex("SHA-256", bytes));
      assertThat(readAll(store.open(stored.key()))).as("bytes of %d", size).isEqualTo(bytes);
    }
  }

  @Test
  void put_sameNameTwice_storesBothUnderDistinctKeys() {
    MediaStore store = store();
    byte[] first = pdf(100);
    byte[] second = pdf(200);

    StoredMedia a = store.put(MediaKind.INFORMATION_PACK, "clip.pdf", new ByteArrayInputStream(first));
    StoredMedia b = store.put(MediaKind.INFORMATION_PACK, "clip.pdf", new ByteArrayInputStream(second));

    assertThat(a.key()).isNotEqualTo(b.key());
    assertThat(readAll(store.open(a.key()))).isEqualTo(first);
    assertThat(readAll(store.open(b.key()))).isEqualTo(second);
  }

  @Test
  void put_whenNameHasTraversal_throwsValidation() {
    MediaStore store = store();
    for (String name : List.of("../x.pdf", "..", "a/b.pdf", "a\\b.pdf", "/etc/passwd", "x\u0000.pdf", "x\n.pdf",
        "", "   ", ".hidden.pdf", "evil\u202Efdp.exe")) {
      assertThatThrownBy(() -> store.put(MediaKind.CERTIFICATE_OF_ANALYSIS, name, new ByteArrayInputStream(pdf(100))))
          .as(name)
          .isInstanceOf(ValidationException.class);
    }
    assertThat(store.list("")).isEmpty();
  }

  @Test
  void put_whenNameIsTooLong_keepsTheExtension() {
    MediaStore store = store();
    String name = "x".repeat(300) + ".pdf";

    StoredMedia stored = store.put(MediaKind.CERTIFICATE_OF_ANALYSIS, name, new ByteArrayInputStream(pdf(100)));

    assertThat(stored.key().fileName()).hasSize(MediaFileNames.MAX_BYTES).endsWith("x.pdf");
  }

  @Test
  void put_whenContentDoesNotMatchKind_throwsValidationAndStoresNothing() {
    MediaStore store = store();

    assertThatThrownBy(() -> store.put(MediaKind.CERTIFICATE_OF_ANALYSIS, "coa.pdf", new ByteArrayInputStream(png(1000))))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> store.put(MediaKind.CELL_IMAGE, "image.png", new ByteArrayInputStream(pdf(1000))))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> store.put(MediaKind.INFORMATION_PACK, "clip.pdf", new ByteArrayInputStream(new byte[0])))
        .isInstanceOf(ValidationException.class);
    assertThat(store.list("")).isEmpty();
  }

  @Test
  void put_jpegAndTiffImages_areAccepted() {
    MediaStore store = store();
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};
    byte[] tiff = {'I', 'I', '*', 0, 8, 0, 0, 0};

    assertThat(store.put(MediaKind.CELL_IMAGE, "a.jpg", new ByteArrayInputStream(jpeg)).contentType()).isEqualTo("image/jpeg");
    assertThat(store.put(MediaKind.CELL_IMAGE, "a.tif", new ByteArrayInputStream(tiff)).contentType()).isEqualTo("image/tiff");
  }

  @Test
  void put_whenAboveSizeCap_throwsValidationAndStoresNothing() {
    MediaStore store = createStore(Clock.systemUTC(), 1000);

    assertThat(store.put(MediaKind.CERTIFICATE_OF_ANALYSIS, "ok.pdf", new ByteArrayInputStream(pdf(1000))).size()).isEqualTo(1000);
    assertThatThrownBy(() -> store.put(MediaKind.CERTIFICATE_OF_ANALYSIS, "big.pdf", new ByteArrayInputStream(pdf(1001))))
        .isInstanceOf(ValidationException.class);
    assertThat(store.list("")).hasSize(1);
  }

  // --- reads, delete, list

  @Test
  void openRange_returnsTheRequestedBytes() {
    MediaStore store = store();
    byte[] bytes = pdf(5000);
    MediaKey key = store.put(MediaKind.CERTIFICATE_OF_ANALYSIS, "r.pdf", new ByteArrayInputStream(bytes)).key();

    assertThat(readAll(store.openRange(key, 0, 8))).isEqualTo(java.util.Arrays.copyOfRange(bytes, 0, 8));
    assertThat(readAll(store.openRange(key, 1000, 24))).isEqualTo(java.util.Arrays.copyOfRange(bytes, 1000, 1024));
    assertThat(readAll(store.openRange(key, 4990, 100))).isEqualTo(java.util.Arrays.copyOfRange(bytes, 4990, 5000));
    assertThat(readAll(store.openRange(key, 10, 0))).isEmpty();
  }

  @Test
  void openRange_whenStartIsPastTheEnd_throwsValidation() {
    MediaStore store = store();
    MediaKey key = store.put(MediaKind.CERTIFICATE_OF_ANALYSIS, "r.pdf", new ByteArrayInputStream(pdf(100))).key();

    assertThatThrownBy(() -> store.openRange(key, 100, 10)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> store.openRange(key, -1, 10)).isInstanceOf(ValidationException.class);
  }

  @Test
  void open_whenMissing_throwsNotFound() {
    MediaStore store = store();
    MediaKey missing = MediaKey.of("celllines/2015/09/21/25276167-dcc5-4a4c-9652-ed10eb9ed28c/none.pdf");

    assertThatThrownBy(() -> store.open(missing)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> store.openRange(missing, 0, 10)).isInstanceOf(NotFoundException.class);
    assertThat(store.exists(missing)).isFalse();
  }

  @Test
  void delete_removesTheObject_andDeletingAgainDoesNothing() {
    MediaStore store = store();
    MediaKey key = store.put(MediaKind.CERTIFICATE_OF_ANALYSIS, "d.pdf", new ByteArrayInputStream(pdf(100))).key();
    assertThat(store.exists(key)).isTrue();

    store.delete(key);
    store.delete(key);

    assertThat(store.exists(key)).isFalse();
    assertThatThrownBy(() -> store.open(key)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void list_byPrefix_returnsMatchingObjectsInKeyOrder() {
    MediaStore store = store();
    StoredMedia a = store.put(MediaKind.CERTIFICATE_OF_ANALYSIS, "a.pdf", new ByteArrayInputStream(pdf(10)));
    StoredMedia b = store.put(MediaKind.CERTIFICATE_OF_ANALYSIS, "b.pdf", new ByteArrayInputStream(pdf(20)));
    String dayPrefix = a.key().value().substring(0, "celllines/YYYY/MM/DD/".length());

    List<MediaObject> all = store.list(dayPrefix);
    List<MediaObject> one = store.list(a.key().value());

    assertThat(all).extracting(MediaObject::key).containsExactlyElementsOf(
        a.key().value().compareTo(b.key().value()) < 0 ? List.of(a.key(), b.key()) : List.of(b.key(), a.key()));
    assertThat(one).singleElement().satisfies(o -> {
      assertThat(o.key()).isEqualTo(a.key());
      assertThat(o.size()).isEqualTo(10);
    });
    assertThat(store.list("celllines/1999/")).isEmpty();
    assertThatThrownBy(() -> store.list("../")).isInstanceOf(ValidationException.class);
  }

  @Test
  void keys_whenTheyCouldEscapeTheStore_areRefused() {
    for (String key : List.of("../etc/passwd", "celllines/../../x", "/abs", "a//b", "a\\b", "./a", "a/.hidden")) {
      assertThatThrownBy(() -> MediaKey.of(key)).as(key).isInstanceOf(ValidationException.class);
    }
  }

  // --- presigned URLs and direct uploads

  @Test
  void presignGet_fetchedOverHttp_returnsTheBytes() {
    MediaStore store = store();
    byte[] bytes = pdf(3000);
    MediaKey key = store.put(MediaKind.CERTIFICATE_OF_ANALYSIS, "UKBi008-A CoA.pdf", new ByteArrayInputStream(bytes)).key();

    PresignedUrl url = store.presignGet(key, Duration.ofMinutes(5));
    HttpResponse<byte[]> response = send(HttpRequest.newBuilder(url.url()).GET().build());

    assertThat(url.method()).isEqualTo("GET");
    assertThat(url.expiresAt()).isAfter(java.time.Instant.now().plusSeconds(200));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(bytes);
  }

  @Test
  void presignGet_whenTampered_isRefused() {
    MediaStore store = store();
    StoredMedia a = store.put(MediaKind.CERTIFICATE_OF_ANALYSIS, "a.pdf", new ByteArrayInputStream(pdf(100)));
    StoredMedia b = store.put(MediaKind.CERTIFICATE_OF_ANALYSIS, "b.pdf", new ByteArrayInputStream(pdf(100)));
    String url = store.presignGet(a.key(), Duration.ofMinutes(5)).url().toString();

    String otherKey = url.replace(a.key().value().substring(a.key().value().lastIndexOf('/') - 36), 
        b.key().value().substring(b.key().value().lastIndexOf('/') - 36));
    String otherSignature = flipLastSignatureChar(url);

    assertThat(otherKey).isNotEqualTo(url);
    assertThat(send(HttpRequest.newBuilder(URI.create(otherKey)).GET().build()).statusCode()).isEqualTo(403);
    assertThat(send(HttpRequest.newBuilder(URI.create(otherSignature)).GET().build()).statusCode()).isEqualTo(403);
  }

  private static String flipLastSignatureChar(String url) {
    int at = url.lastIndexOf("ignature=") + "ignature=".length() + 3;
    char c = url.charAt(at);
    char replacement = c == 'a' ? 'b' : 'a';
    return url.substring(0, at) + replacement + url.substring(at + 1);
  }

  @Test
  void directUpload_confirmed_movesToAFinalKeyWithChecksums() {
    MediaStore store = store();
    byte[] bytes = pdf(50_000);
    UploadTicket ticket = store.issueUpload(new UploadRequest(MediaKind.CERTIFICATE_OF_ANALYSIS, "big CoA.pdf", Duration.ofMinutes(10)));

    assertThat(ticket.pendingKey().value()).startsWith("pending/").endsWith("/big CoA.pdf");
    assertThat(ticket.upload().method()).isEqualTo("PUT");
    assertThat(upload(ticket.upload(), bytes).statusCode()).isEqualTo(200);
    StoredMedia stored = store.confirm(UploadConfirmation.of(ticket, bytes.length, hex("MD5", bytes)));

    assertThat(stored.key().value()).startsWith("celllines/").endsWith("/big CoA.pdf");
    assertThat(stored.size()).isEqualTo(bytes.length);
    assertThat(stored.contentType()).isEqualTo("application/pdf");
    assertThat(stored.md5Hex()).isEqualTo(hex("MD5", bytes));
    assertThat(stored.sha256Hex()).isEqualTo(hex("SHA-256", bytes));
    assertThat(readAll(store.open(stored.key()))).isEqualTo(bytes);
    assertThat(store.exists(ticket.pendingKey())).isFalse();
    assertThatThrownBy(() -> store.confirm(UploadConfirmation.of(ticket, bytes.length, hex("MD5", bytes))))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void confirm_whenChecksumDiffers_throwsValidationAndRemovesTheUpload() {
    MediaStore store = store();
    byte[] bytes = pdf(1000);
    UploadTicket ticket = store.issueUpload(new UploadRequest(MediaKind.CERTIFICATE_OF_ANALYSIS, "c.pdf", Duration.ofMinutes(10)));
    upload(ticket.upload(), bytes);

    assertThatThrownBy(() -> store.confirm(UploadConfirmation.of(ticket, bytes.length, hex("MD5", pdf(999)))))
        .isInstanceOf(ValidationException.class);
    assertThat(store.exists(ticket.pendingKey())).isFalse();
    assertThat(store.list("celllines/")).isEmpty();
  }

  @Test
  void confirm_whenSizeOrTypeDiffers_throwsValidation() {
    MediaStore store = store();
    byte[] image = png(1000);
    UploadTicket wrongType = store.issueUpload(new UploadRequest(MediaKind.CERTIFICATE_OF_ANALYSIS, "c.pdf", Duration.ofMinutes(10)));
    UploadTicket wrongSize = store.issueUpload(new UploadRequest(MediaKind.CELL_IMAGE, "c.png", Duration.ofMinutes(10)));
    upload(wrongType.upload(), image);
    upload(wrongSize.upload(), image);

    assertThatThrownBy(() -> store.confirm(UploadConfirmation.of(wrongType, image.length, hex("MD5", image))))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> store.confirm(UploadConfirmation.of(wrongSize, image.length + 1, hex("MD5", image))))
        .isInstanceOf(ValidationException.class);
    assertThat(store.list("celllines/")).isEmpty();
  }

  @Test
  void confirm_whenNothingWasUploaded_throwsNotFound() {
    MediaStore store = store();
    UploadTicket ticket = store.issueUpload(new UploadRequest(MediaKind.CERTIFICATE_OF_ANALYSIS, "c.pdf", Duration.ofMinutes(10)));

    assertThatThrownBy(() -> store.confirm(UploadConfirmation.of(ticket, 10, hex("MD5", new byte[10]))))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void issueUpload_whenNameHasTraversal_throwsValidation() {
    MediaStore store = store();

    assertThatThrownBy(() -> store.issueUpload(new UploadRequest(MediaKind.CERTIFICATE_OF_ANALYSIS, "../../c.pdf", Duration.ofMinutes(10))))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void cleanupPending_removesOnlyUnconfirmedUploadsOlderThanTheAge() {
    MediaStore store = store();
    UploadTicket ticket = store.issueUpload(new UploadRequest(MediaKind.CERTIFICATE_OF_ANALYSIS, "c.pdf", Duration.ofMinutes(10)));
    upload(ticket.upload(), pdf(100));
    StoredMedia confirmed = store.put(MediaKind.CERTIFICATE_OF_ANALYSIS, "kept.pdf", new ByteArrayInputStream(pdf(100)));

    int removedWhenFresh = store.cleanupPending(Duration.ofHours(1));
    int removedLater = storeSeenFrom(store, Duration.ofHours(2)).cleanupPending(Duration.ofHours(1));

    assertThat(removedWhenFresh).isZero();
    assertThat(removedLater).isEqualTo(1);
    assertThat(store.exists(ticket.pendingKey())).isFalse();
    assertThat(store.exists(confirmed.key())).isTrue();
  }

  /**
   * The same storage as {@code store} seen through a clock moved forward; implementations whose
   * stores share storage by construction return a store over the same root or bucket.
   */
  protected abstract MediaStore storeSeenFrom(MediaStore store, Duration later);
}

package org.cellbank.ims.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.cellbank.ims.core.ConflictException;
import org.cellbank.ims.core.ImsException;
import org.cellbank.ims.core.NotFoundException;
import org.cellbank.ims.core.ValidationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the {@link MediaStoreContract} against {@link FileSystemMediaStore}, served over HTTP by a
 * JDK HTTP server that plays the part of the IMS {@code /media/} route.
 */
class FileSystemMediaStoreTest extends MediaStoreContract {

  private static final byte[] SIGNING_KEY = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  @TempDir Path temp;
  private HttpServer server;
  private URI baseUri;
  private volatile FileSystemMediaStore current;
  private int stores;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/media/", this::handle);
    server.start();
    baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/media/");
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void aSymbolicLinkOutOfTheStore_isNotFollowed() throws IOException {
    FileSystemMediaStore store = (FileSystemMediaStore) store();
    Path secret = Files.writeString(temp.resolve("secret.txt"), "outside the store");
    Path link = store.root().resolve("celllines/2015/01/01/link/secret.pdf");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, secret);
    MediaKey key = MediaKey.of("celllines/2015/01/01/link/secret.pdf");

    assertThat(store.exists(key)).isFalse();
    assertThat(store.find(key)).isEmpty();
    assertThatThrownBy(() -> store.open(key)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> store.openRange(key, 0, 5)).isInstanceOf(NotFoundException.class);
  }

  @Override
  protected MediaStore createStore(Clock clock, long maxSize) {
    Path root = temp.resolve("store-" + (++stores));
    current = build(root, clock, maxSize);
    return current;
  }

  @Override
  protected MediaStore storeSeenFrom(MediaStore store, Duration later) {
    FileSystemMediaStore fs = (FileSystemMediaStore) store;
    return build(fs.root(), Clock.offset(Clock.systemUTC(), later), fs.maxSize());
  }

  private FileSystemMediaStore build(Path root, Clock clock, long maxSize) {
    return FileSystemMediaStore.builder().root(root).baseUri(baseUri).signingKey(SIGNING_KEY).clock(clock).maxSize(maxSize).build();
  }

  private void handle(HttpExchange exchange) throws IOException {
    URI url = baseUri.resolve(exchange.getRequestURI());
    try (exchange) {
      try {
        if ("GET".equals(exchange.getRequestMethod())) {
          byte[] body;
          try (InputStream in = current.openSigned(url)) {
            body = in.readAllBytes();
          }
          exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        } else if ("PUT".equals(exchange.getRequestMethod())) {
          current.acceptSignedUpload(url, exchange.getRequestBody());
          exchange.sendResponseHeaders(200, -1);
        } else {
          exchange.sendResponseHeaders(405, -1);
        }
      } catch (ImsException e) {
        int status = e instanceof ValidationException ? 403 : e instanceof NotFoundException ? 404
            : e instanceof ConflictException ? 409 : 500;
        exchange.sendResponseHeaders(status, -1);
      }
    }
  }

  @Test
  void presignGet_whenExpired_isRefused() {
    MediaStore past = createStore(Clock.offset(Clock.systemUTC(), Duration.ofDays(-1)), 1000);
    StoredMedia a = past.put(MediaKind.CERTIFICATE_OF_ANALYSIS, "a.pdf", new ByteArrayInputStream(pdf(100)));
    current = build(((FileSystemMediaStore) past).root(), Clock.systemUTC(), 1000);

    var url = past.presignGet(a.key(), Duration.ofMinutes(5));

    assertThat(send(HttpRequest.newBuilder(url.url()).GET().build()).statusCode()).isEqualTo(403);
  }

  @Test
  void put_checksumsEqualThoseOfMd5sumAndSha256sumOfTheStoredFile() throws Exception {
    FileSystemMediaStore store = (FileSystemMediaStore) store();
    StoredMedia stored = store.put(MediaKind.CELL_IMAGE, "image.png", new ByteArrayInputStream(png(300_000)));
    Path file = store.root().resolve(stored.key().value());

    assertThat(coreutils("md5sum", file)).isEqualTo(stored.md5Hex());
    assertThat(coreutils("sha256sum", file)).isEqualTo(stored.sha256Hex());
  }

  private static String coreutils(String tool, Path file) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(tool, file.toString()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    return output.substring(0, output.indexOf(' '));
  }

  @Test
  void verify_whenMethodDiffers_throwsValidation() {
    FileSystemMediaStore store = (FileSystemMediaStore) store();
    UploadTicket ticket = store.issueUpload(new UploadRequest(MediaKind.CELL_IMAGE, "a.png", Duration.ofMinutes(1)));

    assertThat(store.verify("PUT", ticket.upload().url())).isEqualTo(ticket.pendingKey());
    assertThatThrownBy(() -> store.verify("GET", ticket.upload().url())).isInstanceOf(ValidationException.class);
  }

  @Test
  void acceptSignedUpload_secondUploadWithTheSameTicket_isAConflict() {
    FileSystemMediaStore store = (FileSystemMediaStore) store();
    UploadTicket ticket = store.issueUpload(new UploadRequest(MediaKind.CELL_IMAGE, "a.png", Duration.ofMinutes(1)));

    store.acceptSignedUpload(ticket.upload().url(), new ByteArrayInputStream(png(10)));

    assertThatThrownBy(() -> store.acceptSignedUpload(ticket.upload().url(), new ByteArrayInputStream(png(20))))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void put_whenStreamFails_leavesNoFileBehind() throws IOException {
    FileSystemMediaStore store = (FileSystemMediaStore) store();
    InputStream failing = new java.io.SequenceInputStream(new ByteArrayInputStream(pdf(100_000)), new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("client went away");
      }
    });

    assertThatThrownBy(() -> store.put(MediaKind.CERTIFICATE_OF_ANALYSIS, "f.pdf", failing)).isInstanceOf(ImsException.class);

    try (var files = Files.walk(store.root())) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
  }
}

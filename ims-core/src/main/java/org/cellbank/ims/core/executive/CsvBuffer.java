package org.cellbank.ims.core.executive;

import java.io.ByteArrayOutputStream;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Where a CSV download is written as its rows are read: UTF-8 bytes, at most a cap. An
 * {@link org.cellbank.ims.http.HttpResponse} body is a byte array and every deployment answers through
 * the Lambda handler (the local server too), so a download cannot go to the socket row by row; this
 * keeps one copy of it (no string, then bytes) and stops reading rows once the cap is passed instead
 * of growing until memory runs out. Not thread-safe; one per download.
 */
final class CsvBuffer {

  /** Thrown by the writer once the download passes the cap; the rows read so far are dropped. */
  static final class TooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooLarge(long cap) {
      super("the download is larger than " + cap + " bytes", null, false, false);
    }
  }

  private final Bytes bytes;
  private final Writer writer;

  CsvBuffer(int cap) {
    this.bytes = new Bytes(cap);
    this.writer = new FlushOnClose(new OutputStreamWriter(bytes, StandardCharsets.UTF_8));
  }

  /** The writer to print the CSV into; it throws {@link TooLarge} once the cap is passed. */
  Writer writer() {
    return writer;
  }

  /** The bytes written, after flushing the writer. */
  byte[] toByteArray() {
    try {
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("flushing a CSV download failed", e);
    }
    return bytes.toByteArray();
  }

  // The CSV printer closes what it prints into; the bytes are read after that.
  private static final class FlushOnClose extends FilterWriter {
    FlushOnClose(Writer out) {
      super(out);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  private static final class Bytes extends ByteArrayOutputStream {
    private final int cap;

    Bytes(int cap) {
      super(Math.min(cap, 64 * 1024));
      this.cap = cap;
    }

    @Override
    public synchronized void write(int b) {
      check(1);
      super.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      check(len);
      super.write(b, off, len);
    }

    private void check(int more) {
      if ((long) count + more > cap) {
        throw new TooLarge(cap);
      }
    }
  }
}

package org.cellbank.ims.http.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.cellbank.ims.http.BadRequestException;
import org.cellbank.ims.http.HttpRequest;

/**
 * A strict {@code multipart/form-data} parser (RFC 7578 over RFC 2046) for a body that is already in
 * memory, as every request body of this HTTP layer is.
 *
 * <p>It scans the body once, left to right, with a look-ahead of one boundary, and copies nothing:
 * each part is a slice of the request's bytes. It is strict on purpose, since the forms it reads
 * are the IMS's own: the body must start with the first delimiter (no preamble), every part needs a
 * {@code Content-Disposition: form-data} header with a {@code name}, a name may appear once, and the
 * body ends with the closing delimiter (optionally followed by one CRLF). Limits bound the work a
 * malformed or hostile body can cause: the number of parts, the size of each part's header block.
 * Any breach is a {@link BadRequestException} (answered 400 with the standard error body) whose
 * message never quotes the body.
 *
 * <p>Thread-safe: instances are immutable.
 */
public final class Multipart {

  /** The most parts a form may have by default. */
  public static final int DEFAULT_MAX_PARTS = 8;
  /** The most bytes of one part's header block by default. */
  public static final int DEFAULT_MAX_HEADER_BYTES = 4096;

  private static final int MAX_BOUNDARY = 70;
  private static final String BCHARS = "'()+_,-./:=? ";

  private final List<Part> parts;

  private Multipart(List<Part> parts) {
    this.parts = List.copyOf(parts);
  }

  /**
   * Parses a request's body as {@code multipart/form-data} with the default limits.
   *
   * @throws BadRequestException when the content type is not {@code multipart/form-data} with a valid
   *     boundary, or the body breaks the format or a limit
   */
  public static Multipart parse(HttpRequest request) {
    Objects.requireNonNull(request, "request");
    return parse(request.headers().first("content-type").orElse(""), request.body(), DEFAULT_MAX_PARTS,
        DEFAULT_MAX_HEADER_BYTES);
  }

  /**
   * Whether a request says its body is {@code multipart/form-data} (its parameters not checked).
   */
  public static boolean isMultipart(HttpRequest request) {
    String type = request.headers().first("content-type").orElse("");
    int semi = type.indexOf(';');
    return (semi < 0 ? type : type.substring(0, semi)).strip().equalsIgnoreCase("multipart/form-data");
  }

  /**
   * Parses a body as {@code multipart/form-data}.
   *
   * @param contentType the request's {@code Content-Type} header
   * @param body the body; not copied, so it must not change while the parts are in use
   * @param maxParts the most parts accepted
   * @param maxHeaderBytes the most bytes of one part's header block (its lines and their CRLFs)
   * @throws BadRequestException when the content type or the body is malformed or breaks a limit
   */
  public static Multipart parse(String contentType, byte[] body, int maxParts, int maxHeaderBytes) {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    if (maxParts < 1 || maxHeaderBytes < 1) {
      throw new IllegalArgumentException("the limits must be positive");
    }
    byte[] boundary = boundary(contentType);
    // "--" boundary opens the body; every later delimiter is CRLF "--" boundary.
    byte[] delimiter = new byte[boundary.length + 4];
    delimiter[0] = '\r';
    delimiter[1] = '\n';
    delimiter[2] = '-';
    delimiter[3] = '-';
    System.arraycopy(boundary, 0, delimiter, 4, boundary.length);
    if (!startsWith(body, 0, delimiter, 2)) {
      throw new BadRequestException("The multipart body must start with its boundary");
    }
    int[] skip = skipTable(delimiter);
    List<Part> parts = new ArrayList<>(4);
    int at = delimiter.length - 2;
    while (true) {
      // After a delimiter: "--" closes the body, CRLF opens the next part.
      if (startsWith(body, at, DASHES, 0)) {
        int end = at + 2;
        if (end != body.length && !(end + 2 == body.length && body[end] == '\r' && body[end + 1] == '\n')) {
          throw new BadRequestException("The multipart body has bytes after its closing boundary");
        }
        break;
      }
      if (!startsWith(body, at, CRLF, 0)) {
        throw new BadRequestException("A multipart boundary must be followed by CRLF or --");
      }
      if (parts.size() == maxParts) {
        throw new BadRequestException("The multipart body has more than " + maxParts + " parts");
      }
      at += 2;
      if (startsWith(body, at, CRLF, 0)) {
        throw new BadRequestException("Every multipart part needs Content-Disposition: form-data with a name");
      }
      int headerEnd = indexOf(body, HEADER_END, at, Math.min(body.length, at + maxHeaderBytes + 2));
      if (headerEnd < 0) {
        throw new BadRequestException("A multipart part's headers are missing their end or exceed " + maxHeaderBytes
            + " bytes");
      }
      String[] disposition = headers(body, at, headerEnd);
      int contentStart = headerEnd + 4;
      int contentEnd = find(body, delimiter, skip, contentStart);
      if (contentEnd < 0) {
        throw new BadRequestException("A multipart part is missing its closing boundary");
      }
      String name = disposition[0];
      for (Part p : parts) {
        if (p.name.equals(name)) {
          throw new BadRequestException("The multipart field " + LogSafe.name(name) + " is given more than once");
        }
      }
      parts.add(new Part(name, disposition[1], disposition[2], body, contentStart, contentEnd - contentStart));
      at = contentEnd + delimiter.length;
    }
    return new Multipart(parts);
  }

  /** The parts, in the body's order; unmodifiable. */
  public List<Part> parts() {
    return parts;
  }

  /** The part of this name, if any. */
  public Optional<Part> find(String name) {
    for (Part p : parts) {
      if (p.name.equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** One part of a form: its field name, its file name and content type when given, and its bytes. */
  public static final class Part {
    private final String name;
    private final String fileName;
    private final String contentType;
    private final byte[] body;
    private final int offset;
    private final int length;

    Part(String name, String fileName, String contentType, byte[] body, int offset, int length) {
      this.name = name;
      this.fileName = fileName;
      this.contentType = contentType;
      this.body = body;
      this.offset = offset;
      this.length = length;
    }

    /** The field's name. */
    public String name() {
      return name;
    }

    /** The {@code filename} parameter of the part's disposition, when given. */
    public Optional<String> fileName() {
      return Optional.ofNullable(fileName);
    }

    /** The part's own {@code Content-Type}, when given (never trusted for a file's format). */
    public Optional<String> contentType() {
      return Optional.ofNullable(contentType);
    }

    /** The number of content bytes. */
    public int size() {
      return length;
    }

    /** The content as a stream over the request's bytes (not copied). */
    public InputStream stream() {
      return new ByteArrayInputStream(body, offset, length);
    }

    /** A copy of the content. */
    public byte[] bytes() {
      byte[] copy = new byte[length];
      System.arraycopy(body, offset, copy, 0, length);
      return copy;
    }

    /**
     * The content as UTF-8 text.
     *
     * @throws BadRequestException when it is not valid UTF-8
     */
    public String text() {
      try {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body, offset, length)).toString();
      } catch (CharacterCodingException e) {
        throw new BadRequestException("The multipart field " + LogSafe.name(name) + " is not valid UTF-8", e);
      }
    }

    @Override
    public String toString() {
      return "Part[" + name + ", " + length + " bytes]";
    }
  }

  // --- the format

  private static final byte[] DASHES = {'-', '-'};
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

  // The boundary parameter of a multipart/form-data content type, checked against RFC 2046's bchars.
  static byte[] boundary(String contentType) {
    String[] pieces = contentType.split(";", -1);
    if (!pieces[0].strip().equalsIgnoreCase("multipart/form-data")) {
      throw new BadRequestException("The request body must be multipart/form-data");
    }
    String boundary = null;
    for (int i = 1; i < pieces.length; i++) {
      String p = pieces[i].strip();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase("boundary")) {
        if (boundary != null) {
          throw new BadRequestException("The multipart content type names its boundary twice");
        }
        String v = p.substring(eq + 1).strip();
        if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
          v = v.substring(1, v.length() - 1);
        }
        boundary = v;
      }
    }
    if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY
        || boundary.charAt(boundary.length() - 1) == ' ') {
      throw new BadRequestException("The multipart content type needs a boundary of 1 to " + MAX_BOUNDARY
          + " characters");
    }
    for (int i = 0; i < boundary.length(); i++) {
      char c = boundary.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || BCHARS.indexOf(c) >= 0;
      if (!ok) {
        throw new BadRequestException("The multipart boundary holds a character RFC 2046 does not allow");
      }
    }
    return boundary.getBytes(StandardCharsets.US_ASCII);
  }

  // The disposition's name, file name and the part's content type, from the header lines between
  // start and end (end at the CRLF CRLF).
  private static String[] headers(byte[] body, int start, int end) {
    String name = null;
    String fileName = null;
    String contentType = null;
    boolean disposition = false;
    String block = utf8(body, start, end - start);
    for (String line : block.split("\r\n", -1)) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new BadRequestException("A multipart part has a malformed header line");
      }
      String header = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      if (header.equals("content-disposition")) {
        if (disposition) {
          throw new BadRequestException("A multipart part has two Content-Disposition headers");
        }
        disposition = true;
        String[] params = disposition(value);
        name = params[0];
        fileName = params[1];
      } else if (header.equals("content-type")) {
        contentType = value;
      }
    }
    if (!disposition || name == null) {
      throw new BadRequestException("Every multipart part needs Content-Disposition: form-data with a name");
    }
    return new String[] {name, fileName, contentType};
  }

  // form-data; name="..."; filename="...": quoted strings with backslash escapes, or plain tokens.
  private static String[] disposition(String value) {
    int n = value.length();
    int semi = value.indexOf(';');
    String type = (semi < 0 ? value : value.substring(0, semi)).strip();
    if (!type.equalsIgnoreCase("form-data")) {
      throw new BadRequestException("A multipart part's Content-Disposition must be form-data");
    }
    String name = null;
    String fileName = null;
    int i = semi < 0 ? n : semi + 1;
    while (i < n) {
      while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
        i++;
      }
      int eq = value.indexOf('=', i);
      if (eq < 0) {
        throw new BadRequestException("A multipart Content-Disposition parameter has no value");
      }
      String param = value.substring(i, eq).strip().toLowerCase(Locale.ROOT);
      i = eq + 1;
      StringBuilder v = new StringBuilder();
      if (i < n && value.charAt(i) == '"') {
        i++;
        boolean closed = false;
        while (i < n) {
          char c = value.charAt(i++);
          if (c == '\\' && i < n) {
            v.append(value.charAt(i++));
          } else if (c == '"') {
            closed = true;
            break;
          } else {
            v.append(c);
          }
        }
        if (!closed) {
          throw new BadRequestException("A multipart Content-Disposition has an unclosed quoted value");
        }
        while (i < n && value.charAt(i) == ' ') {
          i++;
        }
      } else {
        while (i < n && value.charAt(i) != ';') {
          v.append(value.charAt(i++));
        }
      }
      if (i < n && value.charAt(i) != ';') {
        throw new BadRequestException("A multipart Content-Disposition is malformed");
      }
      i++;
      String text = v.toString().strip();
      if (param.equals("name")) {
        if (name != null || text.isEmpty()) {
          throw new BadRequestException("A multipart part needs exactly one non-empty name");
        }
        name = text;
      } else if (param.equals("filename")) {
        fileName = text;
      }
    }
    return new String[] {name, fileName};
  }

  private static String utf8(byte[] body, int offset, int length) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body, offset, length)).toString();
    } catch (CharacterCodingException e) {
      throw new BadRequestException("A multipart part's headers are not valid UTF-8", e);
    }
  }

  private static boolean startsWith(byte[] body, int at, byte[] prefix, int from) {
    int len = prefix.length - from;
    if (at < 0 || at + len > body.length) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (body[at + i] != prefix[from + i]) {
        return false;
      }
    }
    return true;
  }

  // The first index of needle in body[from, to), or -1.
  private static int indexOf(byte[] body, byte[] needle, int from, int to) {
    for (int i = from; i + needle.length <= to; i++) {
      if (startsWith(body, i, needle, 0)) {
        return i;
      }
    }
    return -1;
  }

  // Boyer-Moore-Horspool: the shift for each byte value.
  private static int[] skipTable(byte[] needle) {
    int[] skip = new int[256];
    java.util.Arrays.fill(skip, needle.length);
    for (int i = 0; i < needle.length - 1; i++) {
      skip[needle[i] & 0xFF] = needle.length - 1 - i;
    }
    return skip;
  }

  private static int find(byte[] body, byte[] needle, int[] skip, int from) {
    int last = needle.length - 1;
    int i = from;
    while (i + last < body.length) {
      int j = last;
      while (j >= 0 && body[i + j] == needle[j]) {
        j--;
      }
      if (j < 0) {
        return i;
      }
      i += skip[body[i + last] & 0xFF];
    }
    return -1;
  }

  // A field name as a message may show it: at most 40 printable ASCII characters.
  private static final class LogSafe {
    static String name(String name) {
      StringBuilder sb = new StringBuilder(Math.min(name.length(), 40) + 2).append('\'');
      for (int i = 0; i < name.length() && i < 40; i++) {
        char c = name.charAt(i);
        sb.append(c >= ' ' && c <= '~' ? c : '?');
      }
      return sb.append('\'').toString();
    }
  }
}

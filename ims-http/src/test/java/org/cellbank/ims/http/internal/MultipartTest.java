package org.cellbank.ims.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.cellbank.ims.http.BadRequestException;
import org.junit.jupiter.api.Test;

class MultipartTest {

  private static final String TYPE = "multipart/form-data; boundary=XyZ";

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Multipart parse(String body) {
    return Multipart.parse(TYPE, bytes(body), Multipart.DEFAULT_MAX_PARTS, Multipart.DEFAULT_MAX_HEADER_BYTES);
  }

  private static final String FORM = "--XyZ\r\n"
      + "Content-Disposition: form-data; name=\"version\"\r\n\r\n"
      + "v2\r\n"
      + "--XyZ\r\n"
      + "Content-Disposition: form-data; name=\"file\"; filename=\"a \\\"b\\\".pdf\"\r\n"
      + "Content-Type: application/pdf\r\n\r\n"
      + "%PDF-1.4\r\nx--XyZ\r\n\r\n"
      + "--XyZ--\r\n";

  @Test
  void parse_readsFieldsAndFiles_asSlicesOfTheBody() {
    Multipart form = parse(FORM);

    assertThat(form.parts()).extracting(Multipart.Part::name).containsExactly("version", "file");
    assertThat(form.find("version").orElseThrow().text()).isEqualTo("v2");
    assertThat(form.find("version").orElseThrow().fileName()).isEmpty();
    Multipart.Part file = form.find("file").orElseThrow();
    assertThat(file.fileName()).hasValue("a \"b\".pdf");
    assertThat(file.contentType()).hasValue("application/pdf");
    // The boundary not after a CRLF is content.
    assertThat(new String(file.bytes(), StandardCharsets.UTF_8)).isEqualTo("%PDF-1.4\r\nx--XyZ\r\n");
    assertThat(file.size()).isEqualTo(file.bytes().length);
    assertThat(form.find("other")).isEmpty();
  }

  @Test
  void parse_acceptsAQuotedBoundary_andAnEmptyContent_andNoFinalCrlf() {
    Multipart form = Multipart.parse("multipart/form-data; charset=utf-8; boundary=\"a'b(c)+_,-./:=?\"",
        bytes("--a'b(c)+_,-./:=?\r\nContent-Disposition: form-data; name=x\r\n\r\n\r\n--a'b(c)+_,-./:=?--"), 8, 4096);
    assertThat(form.find("x").orElseThrow().size()).isZero();
    assertThat(Multipart.parse(TYPE, bytes("--XyZ--"), 8, 4096).parts()).isEmpty();
  }

  @Test
  void parse_refusesMalformedBodies_withABadRequest() {
    String part = "Content-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n";
    assertBad(TYPE, "preamble\r\n--XyZ\r\n" + part + "--XyZ--", "start with its boundary");
    assertBad(TYPE, "--XyZ\r\n" + part, "closing boundary");
    assertBad(TYPE, "--XyZ\r\n" + part + "--XyZ--\r\nepilogue", "after its closing boundary");
    assertBad(TYPE, "--XyZ\r\n" + part + "--XyZ  \r\n", "CRLF or --");
    // RFC 2046: the delimiter never appears inside a part, so a line that starts with it ends the part.
    assertBad(TYPE, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--XyZnot\r\n--XyZ--",
        "CRLF or --");
    assertBad(TYPE, "--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--", "Content-Disposition");
    assertBad(TYPE, "--XyZ\r\n\r\nx\r\n--XyZ--", "Content-Disposition");
    assertBad(TYPE, "--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--XyZ--", "form-data");
    assertBad(TYPE, "--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--XyZ--", "unclosed");
    assertBad(TYPE, "--XyZ\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\nx\r\n--XyZ--", "name");
    assertBad(TYPE, "--XyZ\r\nno colon here\r\n\r\nx\r\n--XyZ--", "malformed header");
    assertBad(TYPE, "--XyZ\r\n" + part + "--XyZ\r\n" + part + "--XyZ--", "more than once");
    assertBad("application/json", "{}", "multipart/form-data");
    assertBad("multipart/form-data", "--XyZ--", "boundary of 1 to 70");
    assertBad("multipart/form-data; boundary=" + "b".repeat(71), "--XyZ--", "boundary of 1 to 70");
    assertBad("multipart/form-data; boundary=a<b", "--a<b--", "RFC 2046");
    assertBad("multipart/form-data; boundary=a; boundary=b", "--a--", "twice");
  }

  @Test
  void parse_boundsThePartsAndTheHeaderBlock() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      many.append("--XyZ\r\nContent-Disposition: form-data; name=\"f").append(i).append("\"\r\n\r\nx\r\n");
    }
    many.append("--XyZ--");
    assertThat(Multipart.parse(TYPE, bytes(many.toString()), 3, 4096).parts()).hasSize(3);
    assertThatThrownBy(() -> Multipart.parse(TYPE, bytes(many.toString()), 2, 4096))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("more than 2 parts");
    String longHeader = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: " + "p".repeat(200)
        + "\r\n\r\nx\r\n--XyZ--";
    assertThat(Multipart.parse(TYPE, bytes(longHeader), 8, 300).parts()).hasSize(1);
    assertThatThrownBy(() -> Multipart.parse(TYPE, bytes(longHeader), 8, 100))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("exceed 100 bytes");
  }

  @Test
  void text_refusesInvalidUtf8() {
    byte[] body = new byte[] {'-', '-', 'X', 'y', 'Z', '\r', '\n'};
    byte[] head = bytes("Content-Disposition: form-data; name=\"a\"\r\n\r\n");
    byte[] tail = bytes("\r\n--XyZ--");
    byte[] all = new byte[body.length + head.length + 1 + tail.length];
    System.arraycopy(body, 0, all, 0, body.length);
    System.arraycopy(head, 0, all, body.length, head.length);
    all[body.length + head.length] = (byte) 0xC3;
    System.arraycopy(tail, 0, all, body.length + head.length + 1, tail.length);
    Multipart.Part part = Multipart.parse(TYPE, all, 8, 4096).find("a").orElseThrow();
    assertThatThrownBy(part::text).isInstanceOf(BadRequestException.class).hasMessageContaining("UTF-8");
  }

  private static void assertBad(String type, String body, String message) {
    assertThatThrownBy(() -> Multipart.parse(type, bytes(body), 8, 4096))
        .as(body).isInstanceOf(BadRequestException.class).hasMessageContaining(message);
  }
}

package org.cellbank.ims.core.executive;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A new version of a line's cell-line information pack (CLIP), a PDF.
 *
 * @param lineName the line's name, e.g. {@code UKBi008-A}
 * @param version {@code v} and a number, e.g. {@code v2}, unique within the line; the one
 *     sanctioned null, when the client sent none (then {@link #problems()} names it)
 * @param file the PDF
 */
public record ClipUpload(String lineName, String version, FileSource file) {

  /** The longest version accepted (the column's width). */
  public static final int MAX_VERSION_LENGTH = 10;

  /** Checks that the line name and the file are present. */
  public ClipUpload {
    Objects.requireNonNull(lineName, "lineName");
    Objects.requireNonNull(file, "file");
  }

  /** The faulty fields ({@code /version}); empty when the request is valid. */
  public List<FieldError> problems() {
    List<FieldError> problems = new ArrayList<>(1);
    if (version == null || version.isEmpty()) {
      problems.add(new FieldError("/version", "is required, e.g. v2"));
    } else if (!validVersion(version)) {
      problems.add(new FieldError("/version", "must be v and a number, at most " + MAX_VERSION_LENGTH
          + " characters, e.g. v2"));
    }
    return problems;
  }

  static boolean validVersion(String version) {
    if (version.length() < 2 || version.length() > MAX_VERSION_LENGTH || version.charAt(0) != 'v') {
      return false;
    }
    for (int i = 1; i < version.length(); i++) {
      if (version.charAt(i) < '0' || version.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}

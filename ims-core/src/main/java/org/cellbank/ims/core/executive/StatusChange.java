package org.cellbank.ims.core.executive;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cellbank.ims.core.model.CellLineStatus;

/**
 * A request to set a line's availability status: the body of
 * {@code POST /api/v0/executive/cell-lines/{name}/status}, {@code {"status": "withdrawn", "comment": "..."}}.
 *
 * @param lineName the line's name, e.g. {@code UKBi008-A}
 * @param status one of the six status codes ({@code not_available}, {@code at_ecacc},
 *     {@code expand_to_order}, {@code restricted_distribution}, {@code recalled}, {@code withdrawn});
 *     may be null (then {@link #problems()} names it)
 * @param comment why; required for {@code recalled} and {@code withdrawn}; may be null
 * @param expectedVersion the line's version the caller read (its ETag): the change is refused when
 *     the line changed since
 */
public record StatusChange(String lineName, String status, String comment, long expectedVersion) {

  /** The longest comment accepted. */
  public static final int MAX_COMMENT = 2000;

  /** Checks that the line is named. */
  public StatusChange {
    Objects.requireNonNull(lineName, "lineName");
  }

  /** What is wrong with the request, as JSON pointers into its body; empty when it is valid. */
  public List<FieldError> problems() {
    List<FieldError> problems = new ArrayList<>(2);
    CellLineStatus parsed = parsedStatus();
    if (parsed == null) {
      problems.add(new FieldError("/status", "must be one of not_available, at_ecacc, expand_to_order,"
          + " restricted_distribution, recalled, withdrawn"));
    }
    boolean blank = comment == null || comment.isBlank();
    if ((parsed == CellLineStatus.RECALLED || parsed == CellLineStatus.WITHDRAWN) && blank) {
      problems.add(new FieldError("/comment", "is required for status " + parsed.code()));
    } else if (comment != null && comment.length() > MAX_COMMENT) {
      problems.add(new FieldError("/comment", "must be at most " + MAX_COMMENT + " characters"));
    }
    return List.copyOf(problems);
  }

  /** The status, or null when {@link #status()} is no status code. */
  CellLineStatus parsedStatus() {
    if (status == null) {
      return null;
    }
    for (CellLineStatus s : CellLineStatus.values()) {
      if (s.code().equals(status)) {
        return s;
      }
    }
    return null;
  }
}

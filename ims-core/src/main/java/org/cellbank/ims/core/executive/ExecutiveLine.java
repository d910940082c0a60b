package org.cellbank.ims.core.executive;

import java.util.Objects;
import org.cellbank.ims.core.model.CellLine;

/**
 * A stored line as the executive pages show it: the whole line, its version and its checklist.
 *
 * @param line the line as stored, its status log and batches included
 * @param checklist what a manager checks before a status change
 */
public record ExecutiveLine(CellLine line, Checklist checklist) {

  /** Checks that both components are present. */
  public ExecutiveLine {
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(checklist, "checklist");
  }

  /** The line with its checklist. */
  public static ExecutiveLine of(CellLine line) {
    return new ExecutiveLine(line, Checklist.of(line));
  }

  /** The strong entity tag of this version of the line, e.g. {@code "7"} (with the quotes). */
  public String etag() {
    return etagOf(line.version());
  }

  /** The strong entity tag of a version: the version in double quotes. */
  public static String etagOf(long version) {
    return "\"" + version + "\"";
  }
}

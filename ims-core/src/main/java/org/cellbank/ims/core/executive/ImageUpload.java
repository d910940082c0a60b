package org.cellbank.ims.core.executive;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A new image of a batch, JPEG or PNG; a batch has at most {@value #MAX_IMAGES}.
 *
 * @param batchKey the batch's key, e.g. {@code UKBi008-A_M002}
 * @param magnification e.g. {@code 10x}, at most 10 characters; null when not given
 * @param timePoint e.g. {@code 48hrs post thaw}, at most 100 characters; null when not given
 * @param file the image
 */
public record ImageUpload(String batchKey, String magnification, String timePoint, FileSource file) {

  /** The most images a batch may have. */
  public static final int MAX_IMAGES = 4;

  /** Checks that the batch key and the file are present. */
  public ImageUpload {
    Objects.requireNonNull(batchKey, "batchKey");
    Objects.requireNonNull(file, "file");
  }

  /** The faulty fields ({@code /magnification}, {@code /time_point}); empty when the request is valid. */
  public List<FieldError> problems() {
    List<FieldError> problems = new ArrayList<>(2);
    if (magnification != null && magnification.length() > 10) {
      problems.add(new FieldError("/magnification", "must be at most 10 characters"));
    }
    if (timePoint != null && timePoint.length() > 100) {
      problems.add(new FieldError("/time_point", "must be at most 100 characters"));
    }
    return problems;
  }
}

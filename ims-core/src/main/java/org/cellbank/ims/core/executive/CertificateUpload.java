package org.cellbank.ims.core.executive;

import java.util.Objects;

/**
 * A batch's certificate of analysis (CoA), a PDF, uploaded for the first time or replacing the one
 * it has.
 *
 * @param batchKey the batch's key, e.g. {@code UKBi008-A_M002}
 * @param expectedVersion the batch's version the client read (its ETag)
 * @param file the PDF
 */
public record CertificateUpload(String batchKey, long expectedVersion, FileSource file) {

  /** Checks that the batch key and the file are present. */
  public CertificateUpload {
    Objects.requireNonNull(batchKey, "batchKey");
    Objects.requireNonNull(file, "file");
  }
}

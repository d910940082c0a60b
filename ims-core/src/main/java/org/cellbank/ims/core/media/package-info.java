/**
 * Media files of the catalogue: certificates of analysis (CoA), cell-line information packs (CLIP),
 * cell images and depositor files.
 *
 * <p>{@link org.cellbank.ims.core.media.MediaStore} is the port; {@link
 * org.cellbank.ims.core.media.FileSystemMediaStore} implements it on a local directory and the
 * {@code ims-aws-storage} module implements it on Amazon S3. Every stored object lives under a
 * {@link org.cellbank.ims.core.media.MediaKey} of the form {@code
 * celllines/YYYY/MM/DD/<uuid>/<file name>}, is never overwritten, and carries the MD5 and SHA-256
 * of its bytes computed while it was streamed in.
 */
package org.cellbank.ims.core.media;

package org.cellbank.ims.core.media;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.cellbank.ims.core.NotFoundException;
import org.cellbank.ims.core.StorageException;
import org.cellbank.ims.core.ValidationException;

/**
 * Stores media files (CoA and CLIP PDFs, cell images, depositor files) and hands out short-lived
 * URLs for them.
 *
 * <p>Rules every implementation keeps (the contract test {@code MediaStoreContract} checks them):
 *
 * <ul>
 *   <li>Content is streamed: memory use is bounded whatever the file size; MD5, SHA-256 and the size
 *       are computed in the same pass that stores the bytes.
 *   <li>Every upload gets a new key ({@code celllines/YYYY/MM/DD/<uuid>/<file name>}); nothing is
 *       ever overwritten; deleting is explicit.
 *   <li>File names are {@linkplain MediaFileNames#sanitize sanitised}; keys never leave the store.
 *   <li>Content is checked against its {@link MediaKind} by magic bytes; a mismatch, or a file above
 *       the store's size cap, is a {@link ValidationException} and nothing is stored.
 *   <li>A missing object is a {@link NotFoundException}; a failure of the storage itself is a
 *       {@link StorageException} that says whether a retry may help.
 * </ul>
 *
 * <p>Direct uploads: {@link #issueUpload(UploadRequest)} returns a presigned PUT to a key under
 * {@code pending/}; once the client has uploaded, {@link #confirm(UploadConfirmation)} checks size,
 * type and MD5 and moves the bytes to a final key. {@link #cleanupPending(Duration)} removes uploads
 * that were never confirmed.
 *
 * <p>Implementations are thread-safe.
 */
public interface MediaStore {

  /**
   * Stores a file under a new key.
   *
   * <p>The stream is read to its end but not closed (the caller owns it).
   *
   * @param kind what the file is for; its content must match
   * @param fileName the client's file name, sanitised into the key's last segment
   * @param content the bytes
   * @return the new key, size, detected content type and checksums
   * @throws ValidationException for a bad name, a content mismatch or a file above the size cap
   * @throws StorageException when the bytes could not be stored (nothing is left behind)
   */
  StoredMedia put(MediaKind kind, String fileName, InputStream content);

  /**
   * Opens an object for reading; the caller closes the stream.
   *
   * @throws NotFoundException when there is no object under the key
   */
  InputStream open(MediaKey key);

  /**
   * Opens part of an object for reading: {@code length} bytes from {@code offset}, fewer when the
   * object ends first. A {@code length} of zero gives an empty stream.
   *
   * @throws NotFoundException when there is no object under the key
   * @throws ValidationException when {@code offset} is negative or not before the object's end
   *     (for a non-empty range), or {@code length} is negative
   */
  InputStream openRange(MediaKey key, long offset, long length);

  /** Whether an object exists under the key. */
  boolean exists(MediaKey key);

  /**
   * The object under the key, with its size and time: one lookup of that key, whatever the size of
   * the store; empty when there is none.
   */
  Optional<MediaObject> find(MediaKey key);

  /** Deletes the object under the key; deleting a missing object does nothing. */
  void delete(MediaKey key);

  /**
   * Lists the objects whose keys start with a prefix, in ascending key order (UTF-8 byte order).
   *
   * @param prefix e.g. {@code celllines/2015/09/}; empty lists everything
   * @return the objects, unmodifiable
   * @throws ValidationException when the prefix could escape the store
   */
  List<MediaObject> list(String prefix);

  /**
   * Returns a URL that lets anyone GET the object until it expires.
   *
   * <p>The object's existence is not checked: a URL to a missing object answers 404.
   *
   * @param expiry how long the URL stays valid (1 second to 7 days)
   */
  PresignedUrl presignGet(MediaKey key, Duration expiry);

  /**
   * Issues a direct-upload ticket: a presigned PUT to a new key under {@code pending/}.
   *
   * @throws ValidationException when the file name is refused
   */
  UploadTicket issueUpload(UploadRequest request);

  /**
   * Checks an uploaded file and moves it to its final key.
   *
   * <p>The size, the magic bytes (against the kind) and the MD5 of the stored bytes must equal what
   * the confirmation says; then the bytes move to a new {@code celllines/...} key and the pending
   * object is removed. A file that fails a check is removed too (its ticket is spent: issue a new
   * one).
   *
   * @return the final key and the checksums of the stored bytes
   * @throws NotFoundException when nothing was uploaded under the pending key (or it was already
   *     confirmed or cleaned up)
   * @throws ValidationException when a check fails
   */
  StoredMedia confirm(UploadConfirmation confirmation);

  /**
   * Removes unconfirmed uploads, and any partial upload state the store keeps, older than a given
   * age. Safe to run at any time and more than once (e.g. from the nightly job).
   *
   * @param olderThan the minimum age; choose it above the longest ticket expiry
   * @return how many pending objects or partial uploads were removed
   */
  int cleanupPending(Duration olderThan);
}

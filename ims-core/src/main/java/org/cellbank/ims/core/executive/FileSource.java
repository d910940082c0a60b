package org.cellbank.ims.core.executive;

import java.io.InputStream;
import java.util.Locale;
import java.util.Objects;
import org.cellbank.ims.core.ValidationException;
import org.cellbank.ims.core.media.MediaKey;

/**
 * The file of an executive upload: either bytes sent with the request (a multipart form, at most
 * Lambda's 6 MB), or a direct upload made with a ticket from {@link ExecutiveFiles} that is to be
 * confirmed (checked and moved to its final key) and attached.
 *
 * <p>The content type is never taken from the client: the file's first bytes decide it.
 */
public final class FileSource {

  private final String fileName;
  private final long size;
  private final InputStream content;
  private final MediaKey upload;
  private final String md5Hex;

  private FileSource(String fileName, long size, InputStream content, MediaKey upload, String md5Hex) {
    this.fileName = fileName;
    this.size = size;
    this.content = content;
    this.upload = upload;
    this.md5Hex = md5Hex;
  }

  /**
   * Bytes sent with the request.
   *
   * @param fileName the client's file name, or empty for a name made from the record
   * @param size the number of bytes {@code content} holds; a larger file is refused before any is read
   * @param content the bytes; read to its end by the upload, not closed
   */
  public static FileSource ofBytes(String fileName, long size, InputStream content) {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(content, "content");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
    return new FileSource(fileName, size, content, null, null);
  }

  /**
   * A direct upload to confirm and attach.
   *
   * @param uploadId the {@code upload_id} of the ticket (the pending key)
   * @param size the number of bytes the client sent
   * @param md5Hex the MD5 of the bytes the client sent, 32 hex digits
   * @throws ValidationException when the id names no pending upload, or a value is malformed
   */
  public static FileSource ofUpload(String uploadId, long size, String md5Hex) {
    Objects.requireNonNull(uploadId, "uploadId");
    Objects.requireNonNull(md5Hex, "md5Hex");
    MediaKey key = MediaKey.of(uploadId);
    if (!key.isPending()) {
      throw new ValidationException("an upload id names a pending upload, under " + MediaKey.PENDING_PREFIX);
    }
    if (size < 0) {
      throw new ValidationException("an upload's size must not be negative: " + size);
    }
    String md5 = md5Hex.toLowerCase(Locale.ROOT);
    if (md5.length() != 32 || !hex(md5)) {
      throw new ValidationException("an upload's MD5 must be 32 hex digits");
    }
    return new FileSource(key.fileName(), size, null, key, md5);
  }

  /** Whether this is a direct upload to confirm (not bytes of the request). */
  public boolean isUpload() {
    return upload != null;
  }

  /** The declared size in bytes. */
  public long size() {
    return size;
  }

  String fileName() {
    return fileName;
  }

  InputStream content() {
    return content;
  }

  MediaKey upload() {
    return upload;
  }

  String md5Hex() {
    return md5Hex;
  }

  private static boolean hex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return isUpload() ? "FileSource[upload, " + size + " bytes]" : "FileSource[bytes, " + size + " bytes]";
  }
}

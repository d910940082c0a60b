package org.cellbank.ims.core.site;

import java.util.Optional;

/**
 * Where the generated website goes: a folder ({@link FileSystemSiteStore}) or a bucket
 * ({@code S3SiteStore} in ims-aws-storage).
 *
 * <p>Paths are relative, use {@code /} between segments and never start with {@code /}:
 * {@code index.html}, {@code UKBi008-A/index.html}, {@code assets/site.1a2b3c4d5e.css}. A store
 * rejects a path with an empty, {@code .} or {@code ..} segment, a backslash or a control character
 * ({@link #checkPath(String)}). Writing a path replaces what was there; a reader sees the old or the
 * new file, never a part of one. Implementations are thread-safe.
 */
public interface SiteStore {

  /**
   * Stores one file, replacing any file at the same path.
   *
   * @param path the relative path
   * @param content the bytes
   * @param contentType the media type served with it, e.g. {@code text/html; charset=utf-8}
   * @throws org.cellbank.ims.core.StorageException when the store cannot be written
   * @throws IllegalArgumentException for a path {@link #checkPath(String)} refuses
   */
  void put(String path, byte[] content, String contentType);

  /**
   * The bytes stored at a path, if any.
   *
   * @throws org.cellbank.ims.core.StorageException when the store cannot be read
   * @throws IllegalArgumentException for a path {@link #checkPath(String)} refuses
   */
  Optional<byte[]> find(String path);

  /**
   * Whether a file is stored at a path (without reading it).
   *
   * @throws org.cellbank.ims.core.StorageException when the store cannot be read
   * @throws IllegalArgumentException for a path {@link #checkPath(String)} refuses
   */
  boolean exists(String path);

  /**
   * Removes the file at a path; nothing happens when there is none.
   *
   * @throws org.cellbank.ims.core.StorageException when the store cannot be written
   * @throws IllegalArgumentException for a path {@link #checkPath(String)} refuses
   */
  void delete(String path);

  /**
   * Checks a relative site path and returns it.
   *
   * @throws IllegalArgumentException when it is empty, starts or ends with {@code /}, or has an
   *     empty, {@code .} or {@code ..} segment, a backslash or a control character
   */
  static String checkPath(String path) {
    if (path == null || path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
      throw new IllegalArgumentException("a site path is relative and names a file: " + path);
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("a site path has no empty, '.' or '..' segment: " + path);
      }
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\\') {
        throw new IllegalArgumentException("a site path has no control character or backslash");
      }
    }
    return path;
  }
}

package org.cellbank.ims.core.site;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import org.cellbank.ims.core.StorageException;

/**
 * A {@link SiteStore} in a folder: {@code UKBi008-A/index.html} is the file
 * {@code <root>/UKBi008-A/index.html}, ready to be served by any web server (the local server
 * serves it). Each file is written to a temporary file beside it and moved into place, so a reader
 * never sees half a page. The content type is not stored: a server derives it from the file name.
 *
 * <p>Thread-safe.
 */
public final class FileSystemSiteStore implements SiteStore {
  private final Path root;

  private FileSystemSiteStore(Path root) {
    this.root = root;
  }

  /** A store writing under {@code root}, which is created when missing. */
  public static FileSystemSiteStore create(Path root) {
    Path absolute = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    try {
      Files.createDirectories(absolute);
    } catch (IOException e) {
      throw new StorageException("cannot create the site folder " + absolute + ": " + e.getMessage(), e, false);
    }
    return new FileSystemSiteStore(absolute);
  }

  /** The folder the site is written to. */
  public Path root() {
    return root;
  }

  /**
   * The file of a site path, for servers: empty when the path is not one {@link SiteStore#checkPath}
   * accepts (nothing outside the root can be named).
   */
  public Optional<Path> file(String path) {
    try {
      return Optional.of(resolve(path));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public void put(String path, byte[] content, String contentType) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(contentType, "contentType");
    Path target = resolve(path);
    try {
      Files.createDirectories(target.getParent());
      Path temporary = Files.createTempFile(target.getParent(), ".site-", ".tmp");
      try {
        Files.write(temporary, content);
        try {
          Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new StorageException("cannot write site file " + path + ": " + e.getMessage(), e, false);
    }
  }

  @Override
  public Optional<byte[]> find(String path) {
    Path file = resolve(path);
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      if (Files.isDirectory(file)) {
        return Optional.empty();
      }
      throw new StorageException("cannot read site file " + path + ": " + e.getMessage(), e, false);
    }
  }

  @Override
  public boolean exists(String path) {
    return Files.isRegularFile(resolve(path));
  }

  @Override
  public void delete(String path) {
    try {
      Files.deleteIfExists(resolve(path));
    } catch (IOException e) {
      throw new StorageException("cannot delete site file " + path + ": " + e.getMessage(), e, false);
    }
  }

  private Path resolve(String path) {
    Path file = root.resolve(SiteStore.checkPath(path)).normalize();
    if (!file.startsWith(root)) {
      throw new IllegalArgumentException("a site path stays inside the site: " + path);
    }
    return file;
  }
}

package org.cellbank.ims.core.importer;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link RegistryStage} in a directory: each key is a file below the root, written to a temporary
 * file beside it and moved into place, so a reader never sees half a document. For a local set-up
 * or a host whose fetch step and import share a disk.
 *
 * <pre>{@code
 * RegistryStage stage = FileSystemRegistryStage.of(Path.of("/var/lib/ims/stage"));
 * }</pre>
 *
 * <p>Old runs are not removed; delete {@code registry/runs/<run>/} directories older than the
 * import's maximum age when the disk matters. Thread-safe.
 */
public final class FileSystemRegistryStage implements RegistryStage {

  private final Path root;

  private FileSystemRegistryStage(Path root) {
    this.root = root;
  }

  /** A stage under {@code root}, created when it does not exist. */
  public static FileSystemRegistryStage of(Path root) {
    Objects.requireNonNull(root, "root");
    try {
      Files.createDirectories(root);
      return new FileSystemRegistryStage(root.toRealPath());
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the registry stage directory " + root + ": " + e.getMessage(), e);
    }
  }

  /** The directory that holds the stage. */
  public Path root() {
    return root;
  }

  @Override
  public void write(String key, byte[] content) {
    Objects.requireNonNull(content, "content");
    Path target = root.resolve(RegistryStage.checkKey(key));
    try {
      Files.createDirectories(target.getParent());
      Path temporary = Files.createTempFile(target.getParent(), ".stage-", ".tmp");
      try {
        Files.write(temporary, content);
        try {
          Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new HpscregException("cannot write " + key + " into the registry stage: " + e.getMessage(), e, true);
    }
  }

  @Override
  public Optional<byte[]> read(String key) {
    Path source = root.resolve(RegistryStage.checkKey(key));
    try {
      if (Files.isSymbolicLink(source)) {
        return Optional.empty();
      }
      return Optional.of(Files.readAllBytes(source));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      if (Files.isDirectory(source)) {
        return Optional.empty();
      }
      throw new HpscregException("cannot read " + key + " from the registry stage: " + e.getMessage(), e, true);
    }
  }

  @Override
  public String toString() {
    return "FileSystemRegistryStage[" + root + "]";
  }
}

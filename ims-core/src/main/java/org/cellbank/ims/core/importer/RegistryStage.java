package org.cellbank.ims.core.importer;

import java.util.Optional;

/**
 * Where a copy of the registry's documents waits for an import that cannot reach the registry
 * itself. A fetch step with internet access writes the copy ({@link RegistryStager}); the import,
 * inside a private network, reads it ({@link HpscregClient#staged}) and so do the ECACC checks
 * ({@link EcaccAvailability#staged}).
 *
 * <p>Keys are relative paths, such as {@code registry/latest.json}: segments of letters, digits and
 * {@code . _ % - ~}, separated by {@code /}, none empty, none {@code .} or {@code ..}. An implementation
 * refuses any other key with an {@link IllegalArgumentException}.
 *
 * <p>Rules every implementation keeps (the contract test {@code RegistryStageContract} checks them):
 * a write replaces the whole object at once (a reader sees the old bytes or the new, never a part);
 * a missing key reads as empty; a failure of the storage itself is an
 * {@link HpscregException} that says whether a retry may help (to the import, a copy it cannot read
 * is a registry it cannot reach).
 *
 * <p>Implementations: {@link FileSystemRegistryStage}, and {@code S3RegistryStage} in
 * {@code ims-aws-storage}. Thread-safe.
 */
public interface RegistryStage {

  /**
   * Stores {@code content} under {@code key}, replacing what was there.
   *
   * @throws IllegalArgumentException when the key is not a relative path of plain segments
   */
  void write(String key, byte[] content);

  /**
   * The bytes under {@code key}; empty when there are none.
   *
   * @throws IllegalArgumentException when the key is not a relative path of plain segments
   */
  Optional<byte[]> read(String key);

  /**
   * Checks a key against the rules above.
   *
   * @return the key
   * @throws IllegalArgumentException when the key breaks them
   */
  static String checkKey(String key) {
    if (key == null || key.isEmpty() || key.length() > 512) {
      throw new IllegalArgumentException("a stage key must be 1 to 512 characters");
    }
    int segmentStart = 0;
    for (int i = 0; i <= key.length(); i++) {
      if (i == key.length() || key.charAt(i) == '/') {
        int length = i - segmentStart;
        if (length == 0 || (length == 1 && key.charAt(segmentStart) == '.')
            || (length == 2 && key.charAt(segmentStart) == '.' && key.charAt(segmentStart + 1) == '.')) {
          throw new IllegalArgumentException("a stage key's segments must be plain names: " + printable(key));
        }
        segmentStart = i + 1;
        continue;
      }
      char c = key.charAt(i);
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == '%' || c == '-' || c == '~';
      if (!plain) {
        throw new IllegalArgumentException("a stage key may hold only letters, digits and . _ % - ~ between slashes: "
            + printable(key));
      }
    }
    return key;
  }

  private static String printable(String key) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < key.length() && i < 100; i++) {
      char c = key.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return out.toString();
  }
}

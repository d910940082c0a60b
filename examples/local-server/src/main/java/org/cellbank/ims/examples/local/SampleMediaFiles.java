package org.cellbank.ims.examples.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import org.cellbank.ims.core.media.MediaKey;
import org.cellbank.ims.core.model.Batch;
import org.cellbank.ims.core.model.BatchImage;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.InformationPack;

/**
 * Puts a small real file under every media key the sample cell lines name (CoA and CLIP PDFs, batch
 * images), so that the {@code /media/...} URLs of the local API resolve.
 *
 * <p>Every PDF key gets the same one-page PDF and every other key the same 16 x 16 JPEG (both are
 * resources of this package). The MD5 values in the sample data are the reference system's, not
 * these files': they stay as they are because partners compare them with what they saw before, and
 * the local files only stand in for the real documents.
 */
public final class SampleMediaFiles {

  private static final String PDF = "sample.pdf";
  private static final String JPEG = "sample.jpg";

  private SampleMediaFiles() {}

  /** Every media key the lines name: certificates of analysis, batch images and CLIPs, sorted. */
  public static List<MediaKey> keys(List<CellLine> lines) {
    TreeSet<String> keys = new TreeSet<>();
    for (CellLine line : Objects.requireNonNull(lines, "lines")) {
      for (InformationPack pack : line.informationPacks()) {
        keys.add(pack.file().key());
      }
      for (Batch batch : line.batches()) {
        if (batch.certificateOfAnalysis() != null) {
          keys.add(batch.certificateOfAnalysis().key());
        }
        for (BatchImage image : batch.images()) {
          keys.add(image.file().key());
        }
      }
    }
    List<MediaKey> out = new ArrayList<>(keys.size());
    for (String key : keys) {
      out.add(MediaKey.of(key));
    }
    return List.copyOf(out);
  }

  /**
   * Writes the sample file under each key of the lines that has no file yet in the store directory
   * {@code root} (the layout of {@code FileSystemMediaStore}: the key is the relative path).
   *
   * @return how many files were written
   */
  public static int ensure(Path root, List<CellLine> lines) {
    Objects.requireNonNull(root, "root");
    int written = 0;
    for (MediaKey key : keys(lines)) {
      Path file = root.resolve(key.value());
      if (Files.isRegularFile(file)) {
        continue;
      }
      String resource = key.fileName().toLowerCase(Locale.ROOT).endsWith(".pdf") ? PDF : JPEG;
      try (InputStream in = SampleMediaFiles.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("the resource " + resource + " is missing from the classpath");
        }
        Files.createDirectories(file.getParent());
        Files.copy(in, file);
        written++;
      } catch (IOException e) {
        throw new UncheckedIOException("could not write the sample media file " + file, e);
      }
    }
    return written;
  }
}

package org.cellbank.ims.core.sample;

import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.model.CellLine;

/**
 * Stores sample or synthetic lines through a {@link CellLineRepository}.
 *
 * <pre>{@code
 * SampleDataLoader.create(lines).loadMissing(SampleData.all());
 * }</pre>
 *
 * <p>Thread-safe as far as the repository is.
 */
public final class SampleDataLoader {

  private final CellLineRepository lines;

  private SampleDataLoader(CellLineRepository lines) {
    this.lines = lines;
  }

  /** A loader that writes through {@code lines}. */
  public static SampleDataLoader create(CellLineRepository lines) {
    return new SampleDataLoader(Objects.requireNonNull(lines, "lines"));
  }

  /**
   * Inserts each line that is not stored yet (matched by BioSamples id), in list order, and
   * returns how many it inserted; running it twice inserts nothing the second time. Parents must
   * come before their subclones, as in {@link SampleData#all()}.
   */
  public int loadMissing(List<CellLine> toLoad) {
    return loadMissing(toLoad, done -> { });
  }

  /** Like {@link #loadMissing(List)}, reporting the number of lines handled after each one. */
  public int loadMissing(List<CellLine> toLoad, IntConsumer progress) {
    Objects.requireNonNull(toLoad, "toLoad");
    Objects.requireNonNull(progress, "progress");
    int inserted = 0;
    int done = 0;
    for (CellLine line : toLoad) {
      if (!lines.exists(line.biosamplesId())) {
        lines.insert(line);
        inserted++;
      }
      progress.accept(++done);
    }
    return inserted;
  }
}

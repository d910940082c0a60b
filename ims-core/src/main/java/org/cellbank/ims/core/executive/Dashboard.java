package org.cellbank.ims.core.executive;

import java.util.List;
import java.util.Objects;
import org.cellbank.ims.core.PageRequest;

/**
 * A page of the executive dashboard: the lines that match the query, how many match in all, and the
 * counters over every stored line (they do not follow the filters, as in the reference).
 *
 * @param rows the page's lines
 * @param totalCount how many lines match the query
 * @param counters the counters over every line
 * @param page the page asked for
 */
public record Dashboard(List<Row> rows, long totalCount, Counters counters, PageRequest page) {

  /** Checks the components and copies the list. */
  public Dashboard {
    rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
    Objects.requireNonNull(counters, "counters");
    Objects.requireNonNull(page, "page");
  }

  /**
   * One line of the dashboard.
   *
   * @param name the line's name
   * @param biosamplesId its BioSamples id
   * @param alternativeNames its alternative names
   * @param ecaccId its ECACC catalogue number; may be null
   * @param depositor the depositor's name
   * @param validation the validation state code, e.g. {@code validated_visible}
   * @param status the current status code; may be null (no status set)
   * @param availableForSale the "go live" intent; may be null
   * @param foundOnEcacc whether the line is for sale at ECACC
   * @param batches how many batches it has
   * @param version its version (its ETag is this in double quotes)
   * @param diseases the donor's disease names, the primary one first; empty for a donor without
   *     disease (the reference showed "normal")
   * @param lineDiseases the line's own disease names (from a genetic modification), the primary one first
   */
  public record Row(String name, String biosamplesId, List<String> alternativeNames, String ecaccId, String depositor,
      String validation, String status, Boolean availableForSale, boolean foundOnEcacc, int batches, long version,
      List<String> diseases, List<String> lineDiseases) {

    /** Checks the components and copies the lists. */
    public Row {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(biosamplesId, "biosamplesId");
      alternativeNames = List.copyOf(Objects.requireNonNull(alternativeNames, "alternativeNames"));
      Objects.requireNonNull(depositor, "depositor");
      Objects.requireNonNull(validation, "validation");
      diseases = List.copyOf(Objects.requireNonNull(diseases, "diseases"));
      lineDiseases = List.copyOf(Objects.requireNonNull(lineDiseases, "lineDiseases"));
    }
  }

  /**
   * The dashboard's counters, as the reference showed them.
   *
   * @param registered every stored line
   * @param validated lines validated by hPSCreg (visible or not)
   * @param atEcacc lines whose status is {@code at_ecacc}
   * @param expandToOrder lines whose status is {@code expand_to_order}
   * @param restrictedDistribution lines whose status is {@code restricted_distribution}
   * @param recalled lines whose status is {@code recalled}
   * @param withdrawn lines whose status is {@code withdrawn}
   */
  public record Counters(long registered, long validated, long atEcacc, long expandToOrder, long restrictedDistribution,
      long recalled, long withdrawn) {}
}

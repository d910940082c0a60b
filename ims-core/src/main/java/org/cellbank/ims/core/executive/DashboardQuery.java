package org.cellbank.ims.core.executive;

import java.util.Objects;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.ValidationException;
import org.cellbank.ims.core.model.CellLineStatus;
import org.cellbank.ims.core.model.ValidationStatus;

/**
 * Which lines the executive dashboard lists, in which order. Made by {@link #builder()}; every filter
 * is optional (a null component means "any").
 *
 * @param text case-insensitive substring of the name, an alternative name, the BioSamples, hPSCreg or
 *     ECACC id, the depositor, or a batch key or vial id of the line; may be null
 * @param status the current status; may be null
 * @param validation the hPSCreg validation state; may be null
 * @param foundOnEcacc whether the line is for sale at ECACC; may be null
 * @param depositor the depositor's (generator's) exact name; may be null
 * @param disease a disease name, case-insensitive, of the donor's or the line's diseases; may be null
 * @param sort the column to sort by (ties broken by name)
 * @param descending whether the order is descending
 * @param page which rows
 */
public record DashboardQuery(String text, CellLineStatus status, ValidationStatus validation, Boolean foundOnEcacc,
    String depositor, String disease, Sort sort, boolean descending, PageRequest page) {

  /** The longest search text accepted. */
  public static final int MAX_TEXT = 200;

  /**
   * Validates the query.
   *
   * @throws ValidationException when the text is longer than {@value #MAX_TEXT} characters
   */
  public DashboardQuery {
    Objects.requireNonNull(sort, "sort");
    Objects.requireNonNull(page, "page");
    if (text != null && text.length() > MAX_TEXT) {
      throw new ValidationException("the search text must be at most " + MAX_TEXT + " characters");
    }
    if (text != null && text.isBlank()) {
      text = null;
    }
  }

  /** A builder: no filter, by name ascending, the first 50 lines. */
  public static Builder builder() {
    return new Builder();
  }

  /** The columns the dashboard sorts by. */
  public enum Sort {
    /** The line's name. */
    NAME("name"),
    /** The depositor's name. */
    DEPOSITOR("depositor"),
    /** The validation state. */
    VALIDATION("validation"),
    /** The current status. */
    STATUS("status"),
    /** Whether the line is for sale at ECACC. */
    FOR_SALE("for_sale"),
    /** How many batches the line has. */
    BATCHES("batches"),
    /** The donor's first disease (the primary one first); lines without one last. */
    DISEASE("disease");

    private final String code;

    Sort(String code) {
      this.code = code;
    }

    /** The code used in the {@code sort} query parameter, e.g. {@code depositor}. */
    public String code() {
      return code;
    }

    /**
     * The column with this code.
     *
     * @throws ValidationException when no column has it
     */
    public static Sort ofCode(String code) {
      for (Sort s : values()) {
        if (s.code.equals(code)) {
          return s;
        }
      }
      throw new ValidationException("sort must be one of name, depositor, validation, status, for_sale, batches, disease"
          + " (with - in front for descending)");
    }
  }

  /** Builds a {@link DashboardQuery}. Not thread-safe. */
  public static final class Builder {
    private String text;
    private CellLineStatus status;
    private ValidationStatus validation;
    private Boolean foundOnEcacc;
    private String depositor;
    private String disease;
    private Sort sort = Sort.NAME;
    private boolean descending;
    private PageRequest page = PageRequest.first(50);

    private Builder() {}

    /** Sets the search text (see {@link DashboardQuery#text()}). */
    public Builder text(String text) {
      this.text = Objects.requireNonNull(text, "text");
      return this;
    }

    /** Lists only lines with this current status. */
    public Builder status(CellLineStatus status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    /** Lists only lines in this validation state. */
    public Builder validation(ValidationStatus validation) {
      this.validation = Objects.requireNonNull(validation, "validation");
      return this;
    }

    /** Lists only lines that are (or are not) for sale at ECACC. */
    public Builder foundOnEcacc(boolean foundOnEcacc) {
      this.foundOnEcacc = foundOnEcacc;
      return this;
    }

    /** Lists only lines of this depositor (exact name). */
    public Builder depositor(String depositor) {
      this.depositor = Objects.requireNonNull(depositor, "depositor");
      return this;
    }

    /** Lists only lines whose donor or line has a disease of this name (case-insensitive). */
    public Builder disease(String disease) {
      this.disease = Objects.requireNonNull(disease, "disease");
      return this;
    }

    /** Sorts by this column, ascending or descending. */
    public Builder sort(Sort sort, boolean descending) {
      this.sort = Objects.requireNonNull(sort, "sort");
      this.descending = descending;
      return this;
    }

    /** Sets the page. */
    public Builder page(PageRequest page) {
      this.page = Objects.requireNonNull(page, "page");
      return this;
    }

    /** Builds the query. */
    public DashboardQuery build() {
      return new DashboardQuery(text, status, validation, foundOnEcacc, depositor, disease, sort, descending, page);
    }
  }
}

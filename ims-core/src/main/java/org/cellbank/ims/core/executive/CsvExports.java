package org.cellbank.ims.core.executive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.cellbank.ims.core.NotFoundException;
import org.cellbank.ims.core.Page;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.internal.Jdbc;
import org.cellbank.ims.core.model.Batch;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.CultureConditions;
import org.cellbank.ims.core.model.DiseaseMention;
import org.cellbank.ims.core.search.CatalogueDocument;

/**
 * The three CSV downloads of the executive dashboard, with the reference's header rows, written as
 * RFC 4180 (commas, CRLF, quotes where needed) by Apache Commons CSV. Rows are written as they are
 * read (lines a page of {@value #LINE_PAGE} at a time, batches and vials from one open result), never
 * collected first. A text cell that starts with {@code = + - @}, a tab or a carriage return gets a
 * leading apostrophe, so that a spreadsheet shows it as text instead of running it as a formula.
 */
final class CsvExports {
  static final int LINE_PAGE = 500;

  static final List<String> CELL_LINE_HEADER = List.of("hPSCreg name", "Depositor", "Owner", "Alternative names",
      "EBiSC status", "BioSamples Cell line ID", "ECACC Cat. No", "Depositor Donor ID", "BioSamples Donor ID", "Sex",
      "Age", "Donor Diseases", "Batches", "Line Diseases", "Genetics", "Primary Cell Type", "Derivation", "Passage",
      "Culture Conditions", "notes");
  static final List<String> BATCH_HEADER = List.of("Cell line name", "Cell line BioSamples ID", "Batch No",
      "Full Batch ID", "Batch type", "Medium", "Vials Central", "Vials to ECACC", "Vials to FH");
  static final List<String> VIAL_HEADER = List.of("Cell line alternative names", "Cell line name", "ECACC Cat. no.",
      "Batch ID", "Full Batch ID", "Vial number", "Vial ID");

  private static final String BATCHES = "SELECT l.name, l.biosamples_id, b.batch_no, b.biosamples_id, b.batch_type,"
      + " c.culture_medium, b.vials_at_roslin, b.vials_shipped_to_ecacc, b.vials_shipped_to_fraunhoffer"
      + " FROM ims.batch b JOIN ims.cell_line l ON l.id = b.cell_line_id"
      + " LEFT JOIN ims.batch_culture_conditions c ON c.batch_id = b.id ORDER BY l.name, b.batch_no";
  private static final String VIALS = "SELECT l.alternative_names, l.name, l.ecacc_id, b.batch_no, b.biosamples_id,"
      + " v.number, v.biosamples_id FROM ims.batch b JOIN ims.cell_line l ON l.id = b.cell_line_id"
      + " LEFT JOIN ims.vial v ON v.batch_id = b.id WHERE b.biosamples_id = ? ORDER BY v.number";

  private static final CSVFormat FORMAT = CSVFormat.RFC4180;

  private CsvExports() {}

  static void cellLines(CellLineRepository lines, Appendable out) {
    try (CSVPrinter csv = new CSVPrinter(out, FORMAT)) {
      csv.printRecord(CELL_LINE_HEADER);
      long offset = 0;
      while (true) {
        Page<CellLine> page = lines.page(new PageRequest(offset, LINE_PAGE));
        for (CellLine line : page.items()) {
          csv.printRecord(cellLineRow(line));
        }
        if (!page.hasNext() || page.items().isEmpty()) {
          break;
        }
        offset += page.items().size();
      }
      csv.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("writing the cell-line CSV failed", e);
    }
  }

  static List<String> cellLineRow(CellLine line) {
    CatalogueDocument doc = CatalogueDocument.of(line);
    List<String> donorDiseases = new ArrayList<>();
    List<String> lineDiseases = new ArrayList<>();
    for (DiseaseMention m : line.diseaseMentions()) {
      if (m.name() != null) {
        (m.ofDonor() ? donorDiseases : lineDiseases).add(m.name());
      }
    }
    List<String> batches = new ArrayList<>(line.batches().size());
    for (Batch b : line.batches()) {
      batches.add(b.batchId());
    }
    CultureConditions cc = line.cultureConditions();
    List<String> row = new ArrayList<>(CELL_LINE_HEADER.size());
    row.add(line.name());
    row.add(line.depositor());
    row.add(line.owner());
    row.add(String.join("; ", line.alternativeNames()));
    row.add(line.currentStatus().isPresent() ? line.currentStatus().get().code() : null);
    row.add(line.biosamplesId());
    row.add(line.ecaccId());
    row.add(line.donor() == null ? null : String.join("; ", line.donor().internalDonorIds()));
    row.add(line.donor() == null ? null : line.donor().biosamplesId());
    row.add(line.donor() == null ? null : line.donor().gender());
    row.add(line.donorAge());
    row.add(String.join("; ", donorDiseases));
    row.add(String.join("; ", batches));
    row.add(String.join("; ", lineDiseases));
    row.add(String.join("; ", doc.allGenetics()));
    row.add(line.derivation() == null ? null : line.derivation().primaryCellType());
    row.add(String.join("; ", doc.allDerivation()));
    row.add(cc == null ? null : cc.passageNumberBanked());
    row.add(cc == null ? null : cultureConditions(cc));
    row.add(line.publicNotes() == null ? null : line.publicNotes().replace(',', ';'));
    return neutralised(row);
  }

  // Surface coating, then "; " and the medium (for "other": its base, and " + " its protein source).
  private static String cultureConditions(CultureConditions cc) {
    StringBuilder sb = new StringBuilder();
    if (cc.surfaceCoating() != null) {
      sb.append(cc.surfaceCoating());
    }
    if (cc.cultureMedium() != null) {
      if (cc.cultureMedium().equals("other") && cc.otherMedium() != null) {
        if (cc.otherMedium().base() != null) {
          sb.append("; ").append(cc.otherMedium().base());
          if (cc.otherMedium().proteinSource() != null) {
            sb.append(" + ").append(cc.otherMedium().proteinSource());
          }
        }
      } else {
        sb.append("; ").append(cc.cultureMedium());
      }
    }
    return sb.toString();
  }

  static void batches(Jdbc jdbc, Appendable out) {
    jdbc.read("writing the batch CSV", new Jdbc.ConnectionWork<Void>() {
      @Override
      public Void run(Connection c) throws SQLException {
        try (CSVPrinter csv = new CSVPrinter(out, FORMAT); PreparedStatement s = jdbc.prepare(c, BATCHES)) {
          csv.printRecord(BATCH_HEADER);
          try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
              List<String> row = new ArrayList<>(9);
              for (int i = 1; i <= 9; i++) {
                row.add(r.getString(i));
              }
              csv.printRecord(neutralised(row));
            }
          }
          csv.flush();
        } catch (IOException e) {
          throw new UncheckedIOException("writing the batch CSV failed", e);
        }
        return null;
      }
    });
  }

  static void vials(Jdbc jdbc, String batchKey, Appendable out) {
    jdbc.read("writing the vial CSV of batch " + batchKey, new Jdbc.ConnectionWork<Void>() {
      @Override
      public Void run(Connection c) throws SQLException {
        try (PreparedStatement s = jdbc.prepare(c, VIALS)) {
          s.setString(1, batchKey);
          try (ResultSet r = s.executeQuery(); CSVPrinter csv = new CSVPrinter(out, FORMAT)) {
            if (!r.next()) {
              throw new NotFoundException("no batch with id " + batchKey);
            }
            csv.printRecord(VIAL_HEADER);
            do {
              if (r.getString(6) == null) {
                break;
              }
              List<String> alternatives = ExecutiveService.strings(r.getArray(1));
              List<String> row = new ArrayList<>(7);
              row.add(alternatives.isEmpty() ? r.getString(2) : String.join("; ", alternatives));
              row.add(r.getString(2));
              row.add(r.getString(3));
              row.add(r.getString(4));
              row.add(r.getString(5));
              row.add("Vial " + r.getString(6));
              row.add(r.getString(7));
              csv.printRecord(neutralised(row));
            } while (r.next());
            csv.flush();
          }
        } catch (IOException e) {
          throw new UncheckedIOException("writing the vial CSV failed", e);
        }
        return null;
      }
    });
  }

  static List<String> neutralised(List<String> cells) {
    List<String> out = new ArrayList<>(cells.size());
    for (String cell : cells) {
      out.add(neutralised(cell));
    }
    return out;
  }

  /** The cell, with a leading apostrophe when a spreadsheet would take it for a formula. */
  static String neutralised(String cell) {
    if (cell == null || cell.isEmpty()) {
      return cell;
    }
    char first = cell.charAt(0);
    boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    return formula ? "'" + cell : cell;
  }
}

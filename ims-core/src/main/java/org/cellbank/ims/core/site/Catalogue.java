package org.cellbank.ims.core.site;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cellbank.ims.core.model.CellLine;

/** Every line of one generation, with the relations a page shows: parent, subclones, same donor. */
final class Catalogue {
  private final List<CellLine> lines;
  private final Map<String, CellLine> byId = new HashMap<>();
  private final Map<String, CellLine> byName = new HashMap<>();
  private final Map<String, List<CellLine>> children = new HashMap<>();
  private final Map<String, List<CellLine>> byDonor = new HashMap<>();

  private Catalogue(List<CellLine> lines) {
    List<CellLine> sorted = new ArrayList<>(lines);
    sorted.sort(Comparator.comparing(CellLine::name));
    this.lines = List.copyOf(sorted);
    for (CellLine line : this.lines) {
      byId.put(line.biosamplesId(), line);
      byName.put(line.name(), line);
      if (line.derivedFrom() != null) {
        children.computeIfAbsent(line.derivedFrom(), k -> new ArrayList<>()).add(line);
      }
      String donor = donorId(line);
      if (donor != null) {
        byDonor.computeIfAbsent(donor, k -> new ArrayList<>()).add(line);
      }
    }
  }

  static Catalogue of(List<CellLine> lines) {
    return new Catalogue(lines);
  }

  List<CellLine> lines() {
    return lines;
  }

  CellLine byId(String biosamplesId) {
    return byId.get(biosamplesId);
  }

  /** The line of that name, or null. */
  CellLine byName(String name) {
    return byName.get(name);
  }

  /** The line this one is derived from, or null. */
  CellLine parent(CellLine line) {
    return line.derivedFrom() == null ? null : byId.get(line.derivedFrom());
  }

  /** The lines derived from this one, by name. */
  List<CellLine> subclones(CellLine line) {
    return children.getOrDefault(line.biosamplesId(), List.of());
  }

  /** The other subclones of this line's parent, by name. */
  List<CellLine> siblings(CellLine line) {
    List<CellLine> out = new ArrayList<>();
    if (line.derivedFrom() != null) {
      for (CellLine other : children.getOrDefault(line.derivedFrom(), List.of())) {
        if (!other.biosamplesId().equals(line.biosamplesId())) {
          out.add(other);
        }
      }
    }
    return out;
  }

  /** Other lines of the same donor, without this line's parent, subclones or siblings, by name. */
  List<CellLine> sameDonor(CellLine line) {
    String donor = donorId(line);
    List<CellLine> out = new ArrayList<>();
    if (donor == null) {
      return out;
    }
    for (CellLine other : byDonor.getOrDefault(donor, List.of())) {
      boolean self = other.biosamplesId().equals(line.biosamplesId());
      boolean family = other.biosamplesId().equals(line.derivedFrom())
          || line.biosamplesId().equals(other.derivedFrom())
          || (line.derivedFrom() != null && line.derivedFrom().equals(other.derivedFrom()));
      if (!self && !family) {
        out.add(other);
      }
    }
    return out;
  }

  /** Every line whose page names this one (and so changes with its name or visibility). */
  Set<CellLine> relatedTo(CellLine line) {
    Set<CellLine> out = new LinkedHashSet<>();
    CellLine parent = parent(line);
    if (parent != null) {
      out.add(parent);
    }
    out.addAll(subclones(line));
    out.addAll(siblings(line));
    out.addAll(sameDonor(line));
    return out;
  }

  private static String donorId(CellLine line) {
    return line.donor() == null ? null : line.donor().biosamplesId();
  }
}

package org.cellbank.ims.core.db;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.cellbank.ims.core.Page;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.db.OutboxDrainer;
import org.cellbank.ims.core.db.Reconciler;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.search.CatalogueDocument;

/**
 * The search documents of the lines a {@link CellLineRepository} holds: the document source of an
 * {@link OutboxDrainer} or {@link Reconciler}, and the input of a full rebuild.
 *
 * <pre>{@code
 * OutboxDrainer drainer = OutboxDrainer.builder().dataSource(dataSource).index(index)
 *     .documents(CatalogueDocuments.source(lines)).build();
 * index.rebuild(CatalogueDocuments.allVisible(lines), n -> { });
 * }</pre>
 */
public final class CatalogueDocuments {

  private CatalogueDocuments() {}

  /**
   * Each id's document, empty for a line that is hidden or not stored; reads the lines in chunks of
   * {@value PageRequest#MAX_LIMIT}.
   */
  public static Map<String, Optional<CatalogueDocument>> of(CellLineRepository lines, List<String> ids) {
    Objects.requireNonNull(lines, "lines");
    Map<String, Optional<CatalogueDocument>> out = new LinkedHashMap<>();
    ids.forEach(id -> out.put(id, Optional.empty()));
    for (int from = 0; from < ids.size(); from += PageRequest.MAX_LIMIT) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + PageRequest.MAX_LIMIT));
      for (CellLine line : lines.findAllByBiosamplesIds(chunk)) {
        out.put(line.biosamplesId(), CatalogueDocument.ifVisible(line));
      }
    }
    return out;
  }

  /** {@link #of} as the document source function of an {@link OutboxDrainer}. */
  public static Function<List<String>, Map<String, Optional<CatalogueDocument>>> source(CellLineRepository lines) {
    Objects.requireNonNull(lines, "lines");
    return ids -> of(lines, ids);
  }

  /** The documents of every visible line, read page by page (all held in memory), for a rebuild. */
  public static Iterator<CatalogueDocument> allVisible(CellLineRepository lines) {
    Objects.requireNonNull(lines, "lines");
    List<CatalogueDocument> docs = new ArrayList<>();
    long offset = 0;
    while (true) {
      Page<CellLine> page = lines.page(new PageRequest(offset, PageRequest.MAX_LIMIT));
      for (CellLine line : page.items()) {
        CatalogueDocument.ifVisible(line).ifPresent(docs::add);
      }
      if (!page.hasNext() || page.items().isEmpty()) {
        return docs.iterator();
      }
      offset += page.items().size();
    }
  }
}

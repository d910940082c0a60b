package org.cellbank.ims.core.search;

import java.util.Iterator;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The catalogue search index: the port that the public search reads and the outbox writes.
 *
 * <p>Documents are keyed by BioSamples id. Implementations translate their failures into
 * {@link org.cellbank.ims.core.SearchException} and say whether a retry may help. Writes become visible
 * to searches shortly after they return (implementations may refresh asynchronously); a rebuild is
 * visible as a whole when it returns, and searches during a rebuild see the previous complete index.
 */
public interface CatalogueIndex {

  /**
   * Replaces the whole index with these documents.
   *
   * <p>The documents are loaded into a new index that replaces the current one atomically at the end,
   * so searches never see a partial index. Documents changed by {@link #apply} while a rebuild runs
   * may be lost by the swap; drain the outbox after a rebuild (the outbox keeps its rows until then).
   *
   * @param documents the documents; consumed once; no id twice
   * @param progress called with the number of documents loaded so far, from the calling thread
   * @return the new index's name and size
   * @throws org.cellbank.ims.core.SearchException when the rebuild fails; the old index stays in place
   */
  RebuildResult rebuild(Iterator<CatalogueDocument> documents, LongConsumer progress);

  /**
   * Adds or replaces documents and removes ids in one batch.
   *
   * @return which changes failed (for example a rejected document); the others were applied
   * @throws org.cellbank.ims.core.SearchException when the whole batch failed (index unreachable)
   */
  IndexUpdate apply(IndexChanges changes);

  /**
   * Adds or replaces one document.
   *
   * @throws org.cellbank.ims.core.SearchException when the index rejects it or cannot be reached
   */
  void upsert(CatalogueDocument document);

  /**
   * Removes the document with this BioSamples id; an absent id is not an error.
   *
   * @throws org.cellbank.ims.core.SearchException when the index cannot be reached
   */
  void delete(String biosamplesId);

  /**
   * Runs a search and returns one page of hits, the total and the facet counts.
   *
   * @throws org.cellbank.ims.core.SearchException when the index cannot be reached
   */
  SearchResult search(SearchQuery query);

  /**
   * The BioSamples id and {@linkplain CatalogueDocument#hash() hash} of every stored document, for
   * reconciliation; unmodifiable.
   *
   * @throws org.cellbank.ims.core.SearchException when the index cannot be reached
   */
  Map<String, String> storedHashes();

  /**
   * Makes every completed write visible to searches now (tests and the end of a drain use it).
   *
   * @throws org.cellbank.ims.core.SearchException when the index cannot be reached
   */
  void refresh();
}

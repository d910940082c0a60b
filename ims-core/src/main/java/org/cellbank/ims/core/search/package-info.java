/**
 * Catalogue search: the {@link org.cellbank.ims.core.search.CatalogueIndex} port, the search document
 * derived from a cell line ({@link org.cellbank.ims.core.search.CatalogueDocument}), queries and
 * results, and the transactional outbox that keeps an index in step with the database
 * ({@link org.cellbank.ims.core.db.SearchOutbox}, {@link org.cellbank.ims.core.db.OutboxDrainer},
 * {@link org.cellbank.ims.core.db.Reconciler}).
 *
 * <p>Nothing here depends on a search engine; {@code ims-search} implements the port on OpenSearch and
 * {@link org.cellbank.ims.core.search.InMemoryCatalogueIndex} implements it in memory.
 */
package org.cellbank.ims.core.search;

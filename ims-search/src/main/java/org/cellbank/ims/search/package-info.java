/**
 * The catalogue search on OpenSearch and Amazon OpenSearch Service:
 * {@link org.cellbank.ims.search.OpenSearchCatalogueIndex} implements the
 * {@link org.cellbank.ims.core.search.CatalogueIndex} port with opensearch-java (index settings and
 * mapping, blue/green rebuilds behind an alias, bulk updates, faceted queries), and
 * {@link org.cellbank.ims.search.OpenSearchClients} builds clients, SigV4-signed for AWS.
 */
package org.cellbank.ims.search;

/**
 * Catalogue search on Amazon OpenSearch Service: the OpenSearch implementation of the core search port.
 */
package org.cellbank.ims.search;

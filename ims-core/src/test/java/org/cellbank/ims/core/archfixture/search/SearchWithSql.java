package org.cellbank.ims.core.archfixture.search;

import org.jooq.DSLContext;

/** A search-port class that reaches for jOOQ, as the old outbox did: the package rule must refuse it. */
public final class SearchWithSql {
  DSLContext dsl;
}

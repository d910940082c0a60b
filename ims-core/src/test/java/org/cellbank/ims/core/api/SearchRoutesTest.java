package org.cellbank.ims.core.api;

import org.cellbank.ims.core.search.CatalogueIndex;
import org.cellbank.ims.core.search.InMemoryCatalogueIndex;

class SearchRoutesTest extends SearchRoutesContract {

  @Override
  protected CatalogueIndex newIndex() {
    return InMemoryCatalogueIndex.create();
  }
}

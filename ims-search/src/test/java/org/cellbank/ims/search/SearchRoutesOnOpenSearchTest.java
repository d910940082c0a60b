package org.cellbank.ims.search;

import org.cellbank.ims.core.api.SearchRoutesContract;
import org.cellbank.ims.core.search.CatalogueIndex;

class SearchRoutesOnOpenSearchTest extends SearchRoutesContract {

  @Override
  protected CatalogueIndex newIndex() {
    return SearchNode.newIndex();
  }
}

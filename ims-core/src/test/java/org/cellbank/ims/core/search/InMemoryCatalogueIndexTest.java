package org.cellbank.ims.core.search;

class InMemoryCatalogueIndexTest extends CatalogueIndexContract {

  @Override
  protected CatalogueIndex newIndex() {
    return InMemoryCatalogueIndex.create();
  }
}

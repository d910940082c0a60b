package org.cellbank.ims.core.site;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileSystemSiteStoreTest extends SiteStoreContract {
  @TempDir Path root;
  private int n;

  @Override
  protected SiteStore store() {
    return FileSystemSiteStore.create(root.resolve("site" + n++));
  }
}

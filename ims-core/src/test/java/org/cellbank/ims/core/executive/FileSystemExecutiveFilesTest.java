package org.cellbank.ims.core.executive;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.cellbank.ims.core.media.FileSystemMediaStore;
import org.cellbank.ims.core.media.MediaStore;
import org.junit.jupiter.api.io.TempDir;

/** {@link ExecutiveFilesContract} over a {@link FileSystemMediaStore}. */
class FileSystemExecutiveFilesTest extends ExecutiveFilesContract {

  @TempDir static Path media;

  @Override
  protected MediaStore createStore() {
    return FileSystemMediaStore.builder().root(media).baseUri(URI.create("http://127.0.0.1:1/media/"))
        .signingKey(new byte[32]).build();
  }

  // The store serves no HTTP itself: a server hands it the signed PUT's URL and body.
  @Override
  protected void upload(MediaStore store, URI url, Map<String, String> headers, byte[] content) {
    ((FileSystemMediaStore) store).acceptSignedUpload(url, new ByteArrayInputStream(content));
  }
}

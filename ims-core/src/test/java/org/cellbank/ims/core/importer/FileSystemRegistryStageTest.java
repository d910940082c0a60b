package org.cellbank.ims.core.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemRegistryStageTest extends RegistryStageContract {

  @TempDir
  Path directory;

  private int count;

  @Override
  protected RegistryStage stage() {
    return FileSystemRegistryStage.of(directory.resolve("stage-" + ++count));
  }

  @Test
  void aSymbolicLinkOutOfTheStage_readsAsMissing() throws IOException {
    FileSystemRegistryStage stage = FileSystemRegistryStage.of(directory.resolve("linked"));
    Path outside = Files.writeString(directory.resolve("secret.txt"), "outside");
    Files.createDirectories(stage.root().resolve("registry"));
    Files.createSymbolicLink(stage.root().resolve("registry/latest.json"), outside);
    assertThat(stage.read("registry/latest.json")).isEmpty();
  }

  @Test
  void aWrite_leavesNoTemporaryFile() throws IOException {
    FileSystemRegistryStage stage = FileSystemRegistryStage.of(directory.resolve("clean"));
    stage.write("registry/latest.json", new byte[] {1, 2, 3});
    try (var files = Files.list(stage.root().resolve("registry"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("latest.json");
    }
  }
}

package org.cellbank.ims.core.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link RegistryStage} must have; subclasses make a fresh, empty stage. */
public abstract class RegistryStageContract {

  /** A fresh, empty stage. */
  protected abstract RegistryStage stage();

  @Test
  void write_thenRead_returnsTheBytes_andAWriteReplacesThem() {
    RegistryStage stage = stage();
    stage.write("registry/runs/20261202T013000Z/lines/UKBi008-A.json", bytes("{\"one\":1}"));
    assertThat(stage.read("registry/runs/20261202T013000Z/lines/UKBi008-A.json")).hasValueSatisfying(
        b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("{\"one\":1}"));
    stage.write("registry/runs/20261202T013000Z/lines/UKBi008-A.json", bytes("{\"two\":2}"));
    assertThat(stage.read("registry/runs/20261202T013000Z/lines/UKBi008-A.json")).hasValueSatisfying(
        b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("{\"two\":2}"));
  }

  @Test
  void read_ofAMissingKey_orOfAPrefix_isEmpty() {
    RegistryStage stage = stage();
    assertThat(stage.read("registry/latest.json")).isEmpty();
    stage.write("registry/runs/r1/list.json", bytes("[]"));
    assertThat(stage.read("registry/runs/r1")).isEmpty();
    assertThat(stage.read("registry/runs/r2/list.json")).isEmpty();
  }

  @Test
  void emptyAndBinaryContent_roundTrip() {
    RegistryStage stage = stage();
    byte[] binary = new byte[70_000];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i * 31);
    }
    stage.write("a/empty.json", new byte[0]);
    stage.write("a/binary.bin", binary);
    assertThat(stage.read("a/empty.json")).hasValueSatisfying(b -> assertThat(b).isEmpty());
    assertThat(stage.read("a/binary.bin")).hasValueSatisfying(b -> assertThat(b).isEqualTo(binary));
  }

  @Test
  void encodedNames_areKeysOfTheirOwn() {
    RegistryStage stage = stage();
    stage.write("lines/A%2FB.json", bytes("slash"));
    stage.write("lines/A~B.json", bytes("tilde"));
    assertThat(stage.read("lines/A%2FB.json")).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("slash")));
    assertThat(stage.read("lines/A~B.json")).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("tilde")));
    assertThat(stage.read("lines/A/B.json")).isEmpty();
  }

  @Test
  void keysOutsideTheStage_areRefused() {
    RegistryStage stage = stage();
    for (String bad : new String[] {"/latest.json", "../x.json", "a/../../x", "a//b", "a/", "", ".", "a/./b", "a\\b",
        "a\nb", "a b", "a?b", "a#b"}) {
      assertThatThrownBy(() -> stage.write(bad, bytes("x"))).as(bad).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> stage.read(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aReader_seesTheOldBytesOrTheNew_neverAPart() throws Exception {
    RegistryStage stage = stage();
    byte[] a = filled((byte) 'a', 300_000);
    byte[] b = filled((byte) 'b', 300_000);
    stage.write("registry/latest.json", a);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> writer = pool.submit(() -> {
        for (int i = 0; i < 10; i++) {
          stage.write("registry/latest.json", i % 2 == 0 ? b : a);
        }
      });
      List<byte[]> seen = new ArrayList<>();
      while (!writer.isDone()) {
        stage.read("registry/latest.json").ifPresent(seen::add);
      }
      writer.get(60, TimeUnit.SECONDS);
      assertThat(seen).isNotEmpty().allSatisfy(bytes -> assertThat(bytes).satisfiesAnyOf(
          x -> assertThat(x).isEqualTo(a), x -> assertThat(x).isEqualTo(b)));
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] filled(byte value, int length) {
    byte[] bytes = new byte[length];
    java.util.Arrays.fill(bytes, value);
    return bytes;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

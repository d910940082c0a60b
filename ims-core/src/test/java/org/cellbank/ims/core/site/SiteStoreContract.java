package org.cellbank.ims.core.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link SiteStore} must have; subclasses make a fresh, empty store. */
public abstract class SiteStoreContract {

  /** A fresh, empty store. */
  protected abstract SiteStore store();

  @Test
  void put_thenFind_returnsTheBytes_andAPutReplacesThem() {
    SiteStore store = store();
    store.put("UKBi008-A/index.html", bytes("<p>one</p>"), "text/html; charset=utf-8");
    assertThat(store.find("UKBi008-A/index.html")).hasValue(bytes("<p>one</p>"));
    store.put("UKBi008-A/index.html", bytes("<p>two</p>"), "text/html; charset=utf-8");
    assertThat(store.find("UKBi008-A/index.html")).hasValue(bytes("<p>two</p>"));
  }

  @Test
  void find_whenMissing_isEmpty_andDeleteRemoves() {
    SiteStore store = store();
    assertThat(store.find("nothing/index.html")).isEmpty();
    assertThat(store.exists("nothing/index.html")).isFalse();
    store.put("robots.txt", bytes("User-agent: *\n"), "text/plain; charset=utf-8");
    assertThat(store.exists("robots.txt")).isTrue();
    store.delete("robots.txt");
    store.delete("robots.txt");
    assertThat(store.find("robots.txt")).isEmpty();
    assertThat(store.exists("robots.txt")).isFalse();
  }

  @Test
  void paths_outsideTheSite_areRefused() {
    SiteStore store = store();
    for (String bad : new String[] {"/index.html", "../x.html", "a/../../x", "a//b", "a/", "", "a\\b", "a\nb"}) {
      assertThatThrownBy(() -> store.put(bad, bytes("x"), "text/plain")).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.find(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

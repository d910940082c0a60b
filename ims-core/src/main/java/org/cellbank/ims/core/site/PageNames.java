package org.cellbank.ims.core.site;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The name each line's page was last written under, by BioSamples id, kept in the site store at
 * {@value #PATH}: one {@code id<TAB>name} line each, sorted by id. It is how a generation finds the
 * page of a line renamed since (by an administrator's correction or by the registry), and of a line
 * that is gone. Not thread-safe: one generation uses one.
 */
final class PageNames {
  /** Where the names are kept, beside the change-feed cursor of the site function. */
  static final String PATH = ".ims/page-names.tsv";

  private final byte[] stored;
  private final TreeMap<String, String> names = new TreeMap<>();

  private PageNames(byte[] stored) {
    this.stored = stored;
    String text = new String(stored, StandardCharsets.UTF_8);
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      int tab = text.indexOf('\t', start);
      if (tab > start && tab < end) {
        names.put(text.substring(start, tab), text.substring(tab + 1, end));
      }
      start = end + 1;
    }
  }

  /** The names stored in {@code store}; none before the first generation that keeps them. */
  static PageNames read(SiteStore store) {
    Optional<byte[]> bytes = store.find(PATH);
    return new PageNames(bytes.orElse(new byte[0]));
  }

  /** The name the line's page was last written under, or null. */
  String name(String biosamplesId) {
    return names.get(biosamplesId);
  }

  /** Every id with a stored name, as a copy. */
  Map<String, String> all() {
    return new TreeMap<>(names);
  }

  /** Records the name a line's page is now written under; an id or name with a tab or newline is not kept. */
  void put(String biosamplesId, String name) {
    if (keepable(biosamplesId) && keepable(name)) {
      names.put(biosamplesId, name);
    }
  }

  /** Forgets a line. */
  void remove(String biosamplesId) {
    names.remove(biosamplesId);
  }

  /** Writes the names back when they changed since they were read. */
  void save(SiteStore store) {
    StringBuilder text = new StringBuilder(names.size() * 32);
    for (Map.Entry<String, String> entry : names.entrySet()) {
      text.append(entry.getKey()).append('\t').append(entry.getValue()).append('\n');
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    if (!Arrays.equals(bytes, stored)) {
      store.put(PATH, bytes, "text/tab-separated-values; charset=utf-8");
    }
  }

  private static boolean keepable(String value) {
    return !value.isEmpty() && value.indexOf('\t') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0;
  }
}

package org.cellbank.ims.core.auth;

import java.util.Objects;

/**
 * A newly issued key with its plaintext, which exists only here: show it to its owner once.
 *
 * <p>{@link #toString()} shows the key's prefix only, so an issued key that ends up in a log line
 * does not leak.
 *
 * @param id the key's id, for {@link ApiKeys#revoke(long)}
 * @param username the user the key belongs to
 * @param key the plaintext key
 */
public record IssuedKey(long id, String username, String key) {

  /** Checks that the key and username are present. */
  public IssuedKey {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(key, "key");
  }

  /** The key's first characters, as {@link ApiKeyInfo#prefix()} shows them. */
  public String prefix() {
    return key.substring(0, Math.min(ApiKeys.PREFIX_LENGTH, key.length()));
  }

  /** The id, username and prefix; never the key. */
  @Override
  public String toString() {
    return "IssuedKey[id=" + id + ", username=" + username + ", prefix=" + prefix() + "]";
  }
}

package org.cellbank.ims.core.internal;

import java.util.Objects;

/**
 * A value created on first use, once, whatever the number of threads asking for it. The
 * repositories keep their jOOQ side in one, so that reads (plain JDBC) never load jOOQ. Internal;
 * thread-safe.
 *
 * <p>Subclassed where it is used ({@code new Lazy<>() { protected T create() {...} }}) rather than
 * given a lambda: the holders are built at a Lambda init, where each lambda costs a bootstrap
 * (docs/lambda.md, "Cold-start rules").
 *
 * @param <T> the type of the value
 */
public abstract class Lazy<T> {
  private volatile T value;

  /** Creates the value; called once, by the first {@link #get()}; must not return null. */
  protected abstract T create();

  /** The value, created by the first call. */
  public final T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        v = value;
        if (v == null) {
          v = Objects.requireNonNull(create(), "the factory returned null");
          value = v;
        }
      }
    }
    return v;
  }
}

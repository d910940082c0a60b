package org.cellbank.ims.core.internal;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value created on first use, once, whatever the number of threads asking for it. The
 * repositories keep their jOOQ context in one, so that reads (plain JDBC) never load jOOQ. Internal;
 * thread-safe.
 *
 * @param <T> the type of the value
 */
public final class Lazy<T> implements Supplier<T> {

  private final Supplier<? extends T> factory;
  private volatile T value;

  /** A value that {@code factory} creates on the first {@link #get()}; it must not return null. */
  public Lazy(Supplier<? extends T> factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /** The value, created by the first call. */
  @Override
  public T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        v = value;
        if (v == null) {
          v = Objects.requireNonNull(factory.get(), "the factory returned null");
          value = v;
        }
      }
    }
    return v;
  }
}

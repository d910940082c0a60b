package org.cellbank.ims.core;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One page of an ordered result, with the total number of items across all pages.
 *
 * @param items the items of this page (unmodifiable, possibly empty)
 * @param totalCount how many items there are across all pages
 * @param request the offset and limit this page was read with
 * @param <T> the item type
 */
public record Page<T>(List<T> items, long totalCount, PageRequest request) {

  /** Validates the components and copies the items. */
  public Page {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
    Objects.requireNonNull(request, "request");
    if (totalCount < 0) {
      throw new IllegalArgumentException("totalCount must not be negative: " + totalCount);
    }
  }

  /** Whether items follow this page. */
  public boolean hasNext() {
    return request.offset() + items.size() < totalCount;
  }

  /** Whether items precede this page. */
  public boolean hasPrevious() {
    return request.offset() > 0;
  }

  /** Returns this page with each item mapped. */
  public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
    return new Page<>(items.stream().<R>map(mapper).toList(), totalCount, request);
  }
}

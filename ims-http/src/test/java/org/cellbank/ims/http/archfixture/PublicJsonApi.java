package org.cellbank.ims.http.archfixture;

import org.cellbank.ims.http.internal.json.JsonValue;

/** Breaks the internal-types rule on purpose: a public method of a public API class returns an internal type. */
public final class PublicJsonApi {
  private PublicJsonApi() {}

  /** Shows the internal JSON tree in a public signature. */
  public static JsonValue tree() {
    return org.cellbank.ims.http.internal.json.JsonNull.INSTANCE;
  }
}

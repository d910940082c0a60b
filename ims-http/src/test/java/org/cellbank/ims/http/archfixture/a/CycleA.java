package org.cellbank.ims.http.archfixture.a;

import org.cellbank.ims.http.archfixture.b.CycleB;

/** Half of a package cycle made on purpose, for the cycle rule's own test. */
public final class CycleA {
  CycleB other;
}

package org.cellbank.ims.http.archfixture.b;

import org.cellbank.ims.http.archfixture.a.CycleA;

/** The other half of the package cycle. */
public final class CycleB {
  CycleA other;
}

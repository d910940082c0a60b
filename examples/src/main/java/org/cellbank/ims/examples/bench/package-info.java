/**
 * Benchmark programs: each {@code main} starts the servers it needs, measures, and prints numbers.
 */
package org.cellbank.ims.examples.bench;

/**
 * Benchmark programs: each starts the servers it needs, measures, and prints numbers. They are not
 * tests and assert nothing.
 */
package org.cellbank.ims.examples.bench;

/**
 * Runnable programs assembled from the IMS modules: benchmarks, the local server and the Lambda application.
 */
package org.cellbank.ims.examples;

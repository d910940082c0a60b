/**
 * The partner API {@code /api/v0}: routes and the v0 JSON representations of cell lines and batches.
 */
package org.cellbank.ims.core.api;

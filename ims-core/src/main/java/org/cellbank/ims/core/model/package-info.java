/**
 * The IMS domain: a {@link org.cellbank.ims.core.model.CellLine} aggregate with its donor,
 * depositor data, status log, information packs and batches, as immutable records.
 *
 * <p>Records validate in their constructors and copy their lists; an optional component is null
 * when absent, and says so in its documentation.
 */
package org.cellbank.ims.core.model;

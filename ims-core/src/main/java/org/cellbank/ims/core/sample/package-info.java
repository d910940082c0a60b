/**
 * Sample data: realistic cell lines built from public catalogue facts ({@link
 * org.cellbank.ims.core.sample.SampleData}) and a deterministic generator of many synthetic ones
 * ({@link org.cellbank.ims.core.sample.SyntheticCellLines}).
 *
 * <p>Both return complete {@link org.cellbank.ims.core.model.CellLine} aggregates whose natural keys
 * are unique, ready to insert into an empty database for tests, demos and load tests.
 */
package org.cellbank.ims.core.sample;

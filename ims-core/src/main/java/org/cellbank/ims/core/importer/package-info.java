/**
 * The nightly import of depositor data from the hPSCreg registry.
 *
 * <p>{@link org.cellbank.ims.core.importer.HpscregClient} fetches the registry's list and detail
 * documents, {@link org.cellbank.ims.core.importer.HpscregParser} turns one detail document into a
 * {@link org.cellbank.ims.core.model.CellLine}, and {@link org.cellbank.ims.core.importer.HpscregImporter}
 * synchronises the catalogue with the registry, one transaction per line, and returns an
 * {@link org.cellbank.ims.core.importer.ImportReport}.
 */
package org.cellbank.ims.core.importer;

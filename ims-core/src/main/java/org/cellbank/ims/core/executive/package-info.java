/**
 * The executive operations, the IMS's write side: {@link org.cellbank.ims.core.executive.ExecutiveService}
 * (the dashboard, status changes, batch creation, the audit trail, CSV exports and the change feed,
 * each operation checking the acting principal's role itself, each write one transaction with its
 * audit row) and {@link org.cellbank.ims.core.executive.ExecutiveApi} (its HTTP routes under
 * {@code /api/v0/executive/}, loaded on their first request).
 */
package org.cellbank.ims.core.executive;

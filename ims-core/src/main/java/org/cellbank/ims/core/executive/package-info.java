/**
 * The executive operations, the IMS's write side: {@link org.cellbank.ims.core.executive.ExecutiveService}
 * (the dashboard, status changes, batch creation and update, the administrator's corrections, users
 * and keys, the audit trail, CSV exports and the change feed, each operation checking the acting
 * principal's role itself, each write one transaction with its audit row),
 * {@link org.cellbank.ims.core.executive.ExecutiveFiles} (a line's CLIPs, a batch's certificate of
 * analysis and images, through a {@link org.cellbank.ims.core.media.MediaStore}),
 * {@link org.cellbank.ims.core.executive.ExecutiveApi} (their HTTP routes under
 * {@code /api/v0/executive/}, loaded on their first request) and
 * {@link org.cellbank.ims.core.executive.Purge} (housekeeping of idempotency answers and the change log).
 */
package org.cellbank.ims.core.executive;

/**
 * {@code ims-ops}, the command line an operator runs against a deployed IMS stack: the admin jobs
 * run inside the deployed functions, the HTTP alias rollback and the functions' recent logs. See
 * {@link org.cellbank.ims.examples.ops.ImsOps} and {@code docs/operations.md}.
 */
package org.cellbank.ims.examples.ops;

/**
 * Real servers for tests and local runs, started from the build with no Docker engine: an embedded
 * PostgreSQL ({@link org.cellbank.ims.testkit.ImsPostgres}) and an embedded OpenSearch node
 * ({@link org.cellbank.ims.testkit.ImsOpenSearch}), and Testcontainers when Docker exists.
 */
package org.cellbank.ims.testkit;

/**
 * Real servers for tests and local runs, started from the build with no Docker engine: an embedded
 * PostgreSQL ({@link org.cellbank.ims.testkit.ImsPostgres}), an S3-protocol server ({@link
 * org.cellbank.ims.testkit.ImsS3}, S3Proxy in a child process) and an embedded OpenSearch node
 * ({@link org.cellbank.ims.testkit.ImsOpenSearch}); Testcontainers (PostgreSQL, LocalStack,
 * OpenSearch) when Docker exists.
 */
package org.cellbank.ims.testkit;

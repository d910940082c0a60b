/**
 * Real servers for tests and local runs, started from the build with no Docker engine: an embedded
 * PostgreSQL ({@link org.cellbank.ims.testkit.ImsPostgres}) and an S3-protocol server ({@link
 * org.cellbank.ims.testkit.ImsS3}, S3Proxy in a child process); Testcontainers (PostgreSQL,
 * LocalStack) when Docker exists.
 */
package org.cellbank.ims.testkit;

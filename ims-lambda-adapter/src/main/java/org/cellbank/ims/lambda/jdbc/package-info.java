/**
 * The database connections of a Lambda container: {@link org.cellbank.ims.lambda.jdbc.LambdaDataSource}
 * (one or two physical connections kept across invocations, checked after a thaw or a SnapStart
 * restore) and {@link org.cellbank.ims.lambda.jdbc.SecretsExtension} (database credentials from
 * Secrets Manager through the AWS Parameters and Secrets Lambda Extension).
 *
 * <p>Independent of the HTTP adapter in {@code org.cellbank.ims.lambda}: a function that serves no
 * HTTP can use it alone. The JDBC driver is the application's: this package finds it through
 * {@link java.util.ServiceLoader} and depends on none.
 */
package org.cellbank.ims.lambda.jdbc;

/**
 * The IMS Lambda function, assembled from environment variables.
 */
package org.cellbank.ims.examples.lambda;

/**
 * The AWS Lambda handler that serves the IMS HTTP API from API Gateway, ALB and Function URL events.
 */
package org.cellbank.ims.lambda;

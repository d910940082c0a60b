/**
 * The AWS Lambda handler that serves the IMS HTTP API from API Gateway, ALB and Function URL events.
 *
 * <p>{@link org.cellbank.ims.lambda.ImsLambdaHandler} converts API Gateway REST (payload 1.0),
 * HTTP API (payload 1.0 and 2.0), Application Load Balancer and Lambda Function URL events into
 * {@link org.cellbank.ims.http.HttpRequest}s and answers in the format of the event; it also
 * runs a {@link org.cellbank.ims.lambda.ScheduledJob} for EventBridge scheduled events. A deployment
 * subclasses {@link org.cellbank.ims.lambda.LambdaEntryPoint} with a no-argument constructor that
 * builds the application once per container.
 */
package org.cellbank.ims.lambda;

/**
 * The IMS on AWS as a CDK v2 app: {@link org.cellbank.ims.examples.cdk.ImsCdkApp} synthesises
 * {@code ImsStack} for the {@code dev} or {@code prod} stage from the
 * Lambda packages of {@code examples/lambda-functions}. See {@code docs/deploy.md}.
 */
package org.cellbank.ims.examples.cdk;

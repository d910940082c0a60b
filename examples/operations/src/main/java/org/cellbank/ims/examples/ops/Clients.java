package org.cellbank.ims.examples.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The three SDK clients a command may need, each built on first use and closed with this object.
 * Not thread-safe; one per run of the tool.
 */
final class Clients implements AutoCloseable {
  /** A job runs up to Lambda's 15 minutes while Invoke waits for its answer. */
  static final Duration INVOKE_READ_TIMEOUT = Duration.ofMinutes(16);

  private final Supplier<LambdaClient> lambdaFactory;
  private final Supplier<CloudFormationClient> cloudFormationFactory;
  private final Supplier<CloudWatchLogsClient> logsFactory;
  private final List<AutoCloseable> created = new ArrayList<>();
  private LambdaClient lambda;
  private CloudFormationClient cloudFormation;
  private CloudWatchLogsClient logs;

  Clients(Supplier<LambdaClient> lambda, Supplier<CloudFormationClient> cloudFormation,
      Supplier<CloudWatchLogsClient> logs) {
    this.lambdaFactory = lambda;
    this.cloudFormationFactory = cloudFormation;
    this.logsFactory = logs;
  }

  /**
   * Clients of the operator's account: credentials and region from {@code profile} when given, else
   * the SDK's default chains (environment, shared files, SSO-less profiles, instance roles);
   * {@code region} wins over the profile's.
   *
   * @param region the region, or null for the default chain's
   * @param profile the profile of the shared configuration files, or null for the default chain
   */
  static Clients forAccount(String region, String profile) {
    AwsCredentialsProvider credentials = profile != null
        ? ProfileCredentialsProvider.builder().profileName(profile).build()
        : DefaultCredentialsProvider.builder().build();
    // The region is resolved when a client is first needed, so a wrong command line is reported first.
    return new Clients(
        () -> LambdaClient.builder().region(region(region, profile)).credentialsProvider(credentials)
            .httpClient(http(INVOKE_READ_TIMEOUT))
            // Never run a job twice: an Invoke that failed on its way is left to the operator.
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build(),
        () -> CloudFormationClient.builder().region(region(region, profile)).credentialsProvider(credentials)
            .httpClient(http(Duration.ofSeconds(30))).build(),
        () -> CloudWatchLogsClient.builder().region(region(region, profile)).credentialsProvider(credentials)
            .httpClient(http(Duration.ofSeconds(30))).build());
  }

  private static Region region(String region, String profile) {
    if (region != null) {
      return Region.of(region);
    }
    try {
      return (profile != null ? DefaultAwsRegionProviderChain.builder().profileName(profile).build()
          : new DefaultAwsRegionProviderChain()).getRegion();
    } catch (SdkClientException e) {
      throw new UsageException("no region: pass --region or set one in the profile or AWS_REGION");
    }
  }

  private static SdkHttpClient http(Duration readTimeout) {
    return UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10)).socketTimeout(readTimeout)
        .build();
  }

  LambdaClient lambda() {
    if (lambda == null) {
      lambda = lambdaFactory.get();
      created.add(lambda);
    }
    return lambda;
  }

  CloudFormationClient cloudFormation() {
    if (cloudFormation == null) {
      cloudFormation = cloudFormationFactory.get();
      created.add(cloudFormation);
    }
    return cloudFormation;
  }

  CloudWatchLogsClient logs() {
    if (logs == null) {
      logs = logsFactory.get();
      created.add(logs);
    }
    return logs;
  }

  /** Closes the clients that were built. */
  @Override
  public void close() {
    for (AutoCloseable client : created) {
      try {
        client.close();
      } catch (Exception e) {
        // Closing at exit: nothing left to do with the failure.
      }
    }
    created.clear();
  }
}

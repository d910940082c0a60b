package org.cellbank.ims.examples.lambda;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.cellbank.ims.aws.storage.S3RegistryStage;
import org.cellbank.ims.core.importer.EcaccAvailability;
import org.cellbank.ims.core.importer.HpscregClient;
import org.cellbank.ims.core.importer.RegistryStage;
import org.cellbank.ims.lambda.jdbc.LambdaDataSource;
import org.cellbank.ims.lambda.jdbc.SecretsExtension;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Where the registry and its staged copy are, from the environment, for {@link FetchFunction} (which
 * reads the registry and ECACC and writes the copy) and {@link NightlyScheduledJob} (which imports the
 * copy, or the registry itself):
 *
 * <ul>
 *   <li>{@code IMS_HPSCREG_URL}: the hPSCreg export; its HTTP Basic credentials from the secret
 *       {@code IMS_HPSCREG_SECRET_ID} (a JSON object with {@code username} and {@code password},
 *       read through the Parameters and Secrets extension), or else {@code IMS_HPSCREG_USER} and
 *       {@code IMS_HPSCREG_PASSWORD};
 *   <li>{@code IMS_ECACC_URL}: ECACC's product page;
 *   <li>{@code IMS_REGISTRY_STAGE_BUCKET} (in {@code AWS_REGION}) and {@code IMS_REGISTRY_STAGE_PREFIX}
 *       (default none): the staged copy; {@code IMS_S3_ENDPOINT} for an S3-compatible server;
 *   <li>{@code IMS_REGISTRY_MAX_AGE_HOURS}: how old a copy the import takes (default 36, 1 to 168).
 * </ul>
 */
final class RegistrySettings {

  private RegistrySettings() {}

  /** Whether the environment names a staged copy ({@code IMS_REGISTRY_STAGE_BUCKET}). */
  static boolean staged(Map<String, String> env) {
    return FunctionSettings.present(env, "IMS_REGISTRY_STAGE_BUCKET");
  }

  /**
   * The stage of {@code IMS_REGISTRY_STAGE_BUCKET}, signed with the function's credentials; its HTTP
   * client lives as long as the container.
   *
   * @throws IllegalStateException when the bucket or the region is missing, or the endpoint is malformed
   */
  static RegistryStage stage(Map<String, String> env) {
    S3RegistryStage.Builder stage = S3RegistryStage.builder()
        .bucket(FunctionSettings.required(env, "IMS_REGISTRY_STAGE_BUCKET").strip())
        .region(Region.of(FunctionSettings.required(env, "AWS_REGION").strip()))
        .credentials(DefaultCredentialsProvider.builder().build())
        .httpClient(Apache5HttpClient.create());
    if (FunctionSettings.present(env, "IMS_REGISTRY_STAGE_PREFIX")) {
      stage.keyPrefix(env.get("IMS_REGISTRY_STAGE_PREFIX").strip());
    }
    URI endpoint = FunctionSettings.s3Endpoint(env);
    if (endpoint != null) {
      stage.endpoint(endpoint);
    }
    return stage.build();
  }

  /**
   * How old a staged copy the import takes ({@code IMS_REGISTRY_MAX_AGE_HOURS}).
   *
   * @throws IllegalStateException when it is not a number from 1 to 168
   */
  static Duration maxAge(Map<String, String> env) {
    long hours = FunctionSettings.number(env, "IMS_REGISTRY_MAX_AGE_HOURS", "36");
    if (hours < 1 || hours > 168) {
      throw new IllegalStateException("IMS_REGISTRY_MAX_AGE_HOURS must be between 1 and 168: " + hours);
    }
    return Duration.ofHours(hours);
  }

  /**
   * The client of the registry itself ({@code IMS_HPSCREG_URL}), or null without that variable.
   *
   * @throws IllegalStateException when the URL is malformed
   * @throws org.cellbank.ims.lambda.jdbc.SecretsException when the credentials' secret cannot be read
   */
  static HpscregClient registry(Map<String, String> env) {
    if (!FunctionSettings.present(env, "IMS_HPSCREG_URL")) {
      return null;
    }
    URI uri = URI.create(env.get("IMS_HPSCREG_URL").strip());
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalStateException("IMS_HPSCREG_URL must name a scheme and a host: " + uri);
    }
    return credentials(env, HpscregClient.builder().baseUri(uri)).build();
  }

  /**
   * The registry's HTTP Basic credentials: from the secret {@code IMS_HPSCREG_SECRET_ID} (none when
   * its user name is empty), or else {@code IMS_HPSCREG_USER} and {@code IMS_HPSCREG_PASSWORD}; none
   * without either.
   */
  static HpscregClient.Builder credentials(Map<String, String> env, HpscregClient.Builder client) {
    if (FunctionSettings.present(env, "IMS_HPSCREG_SECRET_ID")) {
      String secretId = env.get("IMS_HPSCREG_SECRET_ID").strip();
      LambdaDataSource.Credentials credentials = SecretsExtension.fromEnvironment(env).databaseCredentials(secretId);
      // An empty user name (a stack deployed without them) sends no credentials.
      if (!credentials.user().isBlank()) {
        client.credentials(credentials.user(), credentials.password());
      }
    } else if (FunctionSettings.present(env, "IMS_HPSCREG_USER")) {
      client.credentials(env.get("IMS_HPSCREG_USER"), env.getOrDefault("IMS_HPSCREG_PASSWORD", ""));
    }
    return client;
  }

  /** ECACC's product page of {@code IMS_ECACC_URL}, asked directly; null without that variable. */
  static EcaccAvailability ecacc(Map<String, String> env) {
    if (!FunctionSettings.present(env, "IMS_ECACC_URL")) {
      return null;
    }
    return EcaccAvailability.builder().page(URI.create(env.get("IMS_ECACC_URL").strip())).build();
  }
}

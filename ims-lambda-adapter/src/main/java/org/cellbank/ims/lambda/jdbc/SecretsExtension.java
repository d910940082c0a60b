package org.cellbank.ims.lambda.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.cellbank.ims.http.internal.json.JsonException;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.http.internal.json.JsonValue;

/**
 * Reads AWS Secrets Manager secrets through the AWS Parameters and Secrets Lambda Extension: an
 * HTTP call to {@code localhost}, no AWS SDK, and the extension caches the secret (five minutes by
 * default), so the function's cold start stays short and a rotated secret is picked up.
 *
 * <pre>{@code
 * // env: the environment map the application hands in (AWS_SESSION_TOKEN, the extension's port)
 * SecretsExtension secrets = SecretsExtension.fromEnvironment(env);
 * LambdaDataSource db = LambdaDataSource.builder()
 *     .url(jdbcUrl)
 *     .credentials(() -> secrets.databaseCredentials(secretId))
 *     .build();
 * }</pre>
 *
 * <p>The function needs the extension's layer and {@code secretsmanager:GetSecretValue} on the
 * secret (plus {@code kms:Decrypt} for a customer-managed key). Secret values never appear in
 * messages or logs. Thread-safe.
 */
public final class SecretsExtension {
  /** The extension's default port. */
  public static final int DEFAULT_PORT = 2773;
  private static final int MAX_ANSWER_BYTES = 256 * 1024;

  private final URI endpoint;
  private final String token;
  private final Duration timeout;

  private SecretsExtension(URI endpoint, String token, Duration timeout) {
    this.endpoint = endpoint;
    this.token = token;
    this.timeout = timeout;
  }

  /**
   * The extension of this Lambda container: port {@code PARAMETERS_SECRETS_EXTENSION_HTTP_PORT}
   * (default {@value #DEFAULT_PORT}) on localhost, authenticated with {@code AWS_SESSION_TOKEN}.
   *
   * @throws IllegalStateException when {@code AWS_SESSION_TOKEN} is not set (not in Lambda)
   */
  public static SecretsExtension fromEnvironment(Map<String, String> env) {
    String token = env.get("AWS_SESSION_TOKEN");
    if (token == null || token.isEmpty()) {
      throw new IllegalStateException("AWS_SESSION_TOKEN is not set: the secrets extension only runs in Lambda");
    }
    int port = Integer.parseInt(env.getOrDefault("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", String.valueOf(DEFAULT_PORT)));
    return create(URI.create("http://localhost:" + port), token);
  }

  /** An extension at this base URI (for example a local stand-in in tests), with this token. */
  public static SecretsExtension create(URI endpoint, String token) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(token, "token");
    return new SecretsExtension(endpoint, token, Duration.ofSeconds(5));
  }

  /**
   * The {@code SecretString} of a secret.
   *
   * @param secretId the secret's name or ARN
   * @throws SecretsException (retryable) when the extension cannot be reached or refuses the request;
   *     the message carries the HTTP status, never a secret value
   */
  public String secretString(String secretId) {
    Objects.requireNonNull(secretId, "secretId");
    URI uri = endpoint.resolve("/secretsmanager/get?secretId=" + URLEncoder.encode(secretId, StandardCharsets.UTF_8));
    HttpURLConnection http = null;
    try {
      http = (HttpURLConnection) uri.toURL().openConnection();
      http.setConnectTimeout((int) timeout.toMillis());
      http.setReadTimeout((int) timeout.toMillis());
      http.setRequestProperty("X-Aws-Parameters-Secrets-Token", token);
      int status = http.getResponseCode();
      if (status != 200) {
        throw new SecretsException("the secrets extension answered " + status + " for secret " + secretId
            + " (is the layer added, and may the function read the secret?)", true);
      }
      byte[] body;
      try (InputStream in = http.getInputStream()) {
        body = in.readNBytes(MAX_ANSWER_BYTES + 1);
      }
      if (body.length > MAX_ANSWER_BYTES) {
        throw new SecretsException("the secrets extension's answer for " + secretId + " is too large", false);
      }
      return readSecretString(body, secretId);
    } catch (IOException e) {
      throw new SecretsException("cannot reach the secrets extension at " + endpoint + ": " + e.getClass().getSimpleName(), e, true);
    } finally {
      if (http != null) {
        http.disconnect();
      }
    }
  }

  private static String readSecretString(byte[] body, String secretId) {
    try {
      JsonValue answer = JsonReader.create().read(body);
      if (answer instanceof JsonObject o) {
        var secret = o.findString("SecretString");
        if (secret.isPresent()) {
          return secret.get();
        }
      }
    } catch (JsonException e) {
      // Fall through: the message must not quote the answer, which may hold the secret.
    }
    throw new SecretsException("secret " + secretId + " has no SecretString (a binary secret?)", false);
  }

  /**
   * The database user and password in a secret holding a JSON object with {@code username} and
   * {@code password}, as RDS and Secrets Manager's database secrets do.
   *
   * @throws SecretsException when the secret cannot be read or lacks either member
   */
  public LambdaDataSource.Credentials databaseCredentials(String secretId) {
    String secret = secretString(secretId);
    String user = null;
    String password = null;
    try {
      if (JsonReader.create().read(secret) instanceof JsonObject o) {
        user = o.findString("username").orElse(null);
        password = o.findString("password").orElse(null);
      }
    } catch (JsonException e) {
      // Not JSON, or members of other types: reported below without quoting the secret.
    }
    if (user == null || password == null) {
      throw new SecretsException("secret " + secretId + " is not a JSON object with a username and a password", false);
    }
    return new LambdaDataSource.Credentials(user, password);
  }
}

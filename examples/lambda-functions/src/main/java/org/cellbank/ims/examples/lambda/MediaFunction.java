package org.cellbank.ims.examples.lambda;

import java.time.Duration;
import java.util.Map;
import org.cellbank.ims.core.api.MediaRoutes;
import org.cellbank.ims.core.media.MediaKey;
import org.cellbank.ims.http.Router;
import org.cellbank.ims.lambda.ImsLambdaHandler;
import org.cellbank.ims.lambda.LambdaEntryPoint;

/**
 * The IMS Lambda function for the media, {@code GET /media/{key}}, answered with a redirect to a
 * short-lived presigned S3 GET, behind the same API-key authentication as {@link ImsFunction}.
 * Handler: {@code org.cellbank.ims.examples.lambda.MediaFunction::handleRequest}, packaged with the
 * S3 client as {@code examples/lambda-functions/target/ims-media-lambda.zip}; the API routes
 * {@code /media/*} here. Other paths answer 404.
 *
 * <p>Environment: the database as for {@link ImsFunction} (the API keys live there),
 * {@code IMS_MEDIA_BUCKET} (in {@code AWS_REGION}; {@code IMS_S3_ENDPOINT} for an S3-compatible
 * server, addressed path-style), {@code IMS_MEDIA_URL_MINUTES} (the presigned URL's life, 1 to 60,
 * default 15), {@code IMS_BASE_PATH}, {@code IMS_COMPRESSION}. The S3 client is built when the first
 * media request arrives (under SnapStart or provisioned concurrency, at init, which presigns one URL); the role needs {@code s3:GetObject} on the bucket's objects and
 * {@code s3:ListBucket} on the bucket (a missing key then answers 404, not 403).
 */
public final class MediaFunction extends LambdaEntryPoint {

  static {
    FunctionSettings.quietJooq();
  }

  /** Called by the Lambda runtime once per container. */
  public MediaFunction() {
    super(new FromEnvironment());
  }

  /**
   * Builds the handler from the given environment, as the constructor does with the process's.
   *
   * @throws IllegalStateException when a variable is missing or invalid, or the database cannot be reached
   */
  public static ImsLambdaHandler assemble(Map<String, String> env) {
    MediaSettings media = MediaSettings.of(env);
    long minutes = FunctionSettings.number(env, "IMS_MEDIA_URL_MINUTES", "15");
    if (minutes < 1 || minutes > 60) {
      throw new IllegalStateException("IMS_MEDIA_URL_MINUTES must be between 1 and 60: " + minutes);
    }
    ImsLambdaHandler handler = FunctionSettings.keyedRoutes(env, MediaRoutes.builder().store(media.onFirstUse())
        .redirect(true).expiry(Duration.ofMinutes(minutes)).build().addTo(Router.builder()));
    if (FunctionSettings.warmsUp(env)) {
      // Priming (SnapStart, provisioned concurrency): the S3 client and presigner are built and sign
      // one URL (computed locally, no request); a media request without credentials runs the 401 path.
      media.store().presignGet(MediaKey.of("celllines/warm-up/warm-up.pdf"), Duration.ofMinutes(minutes));
      handler.warmUp(ImsLambdaHandler.warmUpEvent("/media/celllines/warm-up/warm-up.pdf"));
    }
    return handler;
  }

  /** The function as the environment describes it. */
  private static final class FromEnvironment implements java.util.function.Supplier<ImsLambdaHandler> {
    @Override
    public ImsLambdaHandler get() {
      return assemble(System.getenv());
    }
  }
}

package org.cellbank.ims.examples.lambda;

import java.util.Map;
import java.util.function.Supplier;
import org.cellbank.ims.core.media.MediaStore;
import org.cellbank.ims.lambda.ImsLambdaHandler;
import org.cellbank.ims.lambda.LambdaEntryPoint;

/**
 * The IMS Lambda function for the executive file routes (CLIPs, certificates of analysis, batch
 * images and their direct uploads; docs/executive.md) over the S3 media bucket: {@link ImsFunction}
 * with those routes, packaged with the S3 client as
 * {@code examples/lambda-functions/target/ims-files-lambda.zip}. The API routes the file paths here,
 * so {@code ims-lambda.zip}, which serves the detail route, holds no S3 client. Handler:
 * {@code org.cellbank.ims.examples.lambda.FilesFunction::handleRequest}.
 *
 * <p>Environment: that of {@link ImsFunction}, and {@code IMS_MEDIA_BUCKET} (required; in
 * {@code AWS_REGION}; {@code IMS_S3_ENDPOINT} for an S3-compatible server). The S3 client is built on
 * the first file request. The role needs {@code s3:PutObject}, {@code s3:GetObject} and
 * {@code s3:DeleteObject} on the bucket's objects and {@code s3:ListBucket} on it.
 */
public final class FilesFunction extends LambdaEntryPoint {

  static {
    FunctionSettings.quietJooq();
  }

  /** Called by the Lambda runtime once per container. */
  public FilesFunction() {
    super(new FromEnvironment());
  }

  /**
   * Builds the handler from the given environment, as the constructor does with the process's.
   *
   * @throws IllegalStateException when a variable is missing or invalid, or the database cannot be reached
   */
  public static ImsLambdaHandler assemble(Map<String, String> env) {
    FunctionSettings.required(env, "IMS_MEDIA_BUCKET");
    return ImsFunction.assemble(env, new MediaStoreOnFirstUse(env));
  }

  /**
   * The S3 media store of {@code IMS_MEDIA_BUCKET}, made when the first executive file request asks
   * for it: neither the settings' class nor the S3 client loads before.
   */
  private static final class MediaStoreOnFirstUse implements Supplier<MediaStore> {
    private final Map<String, String> env;

    MediaStoreOnFirstUse(Map<String, String> env) {
      this.env = Map.copyOf(env);
    }

    @Override
    public MediaStore get() {
      return MediaSettings.of(env).store();
    }
  }

  /** The function as the environment describes it. */
  private static final class FromEnvironment implements Supplier<ImsLambdaHandler> {
    @Override
    public ImsLambdaHandler get() {
      return assemble(System.getenv());
    }
  }
}

package org.cellbank.ims.examples.lambda;

import java.util.Map;
import org.cellbank.ims.core.api.SearchRoutes;
import org.cellbank.ims.core.search.CatalogueIndex;
import org.cellbank.ims.http.Router;
import org.cellbank.ims.lambda.ImsLambdaHandler;
import org.cellbank.ims.lambda.LambdaEntryPoint;

/**
 * The IMS Lambda function for the catalogue search: {@code GET /api/v0/search}, behind the same
 * API-key authentication as {@link ImsFunction}, and the public website's
 * {@code GET /api/public/search}, without a key (catalogue lines only). Handler:
 * {@code org.cellbank.ims.examples.lambda.SearchFunction::handleRequest}, packaged with the
 * OpenSearch client as {@code examples/lambda-functions/target/ims-search-lambda.zip}; the API
 * routes both paths here and every other path to {@link ImsFunction}, whose package stays without the
 * search client. Other paths answer 404.
 *
 * <p>Environment: the database as for {@link ImsFunction} (the API keys live there),
 * {@code IMS_OPENSEARCH_HOST} (an Amazon OpenSearch Service endpoint, requests signed with SigV4
 * with the function's role in {@code AWS_REGION}) or {@code IMS_OPENSEARCH_URL} (plain HTTP),
 * {@code IMS_OPENSEARCH_INDEX} (default {@code ims-catalogue}), {@code IMS_BASE_PATH},
 * {@code IMS_COMPRESSION}. The search client is built when the first search arrives; under SnapStart
 * or provisioned concurrency init primes it with one public search, so that the snapshot holds it.
 */
public final class SearchFunction extends LambdaEntryPoint {

  static {
    FunctionSettings.quietJooq();
  }

  /** Called by the Lambda runtime once per container. */
  public SearchFunction() {
    super(new FromEnvironment());
  }

  /**
   * Builds the handler from the given environment, as the constructor does with the process's.
   *
   * @throws IllegalStateException when a variable is missing or invalid, or the database cannot be reached
   */
  public static ImsLambdaHandler assemble(Map<String, String> env) {
    SearchSettings search = SearchSettings.of(env);
    if (search == null) {
      throw new IllegalStateException("set IMS_OPENSEARCH_HOST (Amazon OpenSearch Service) or IMS_OPENSEARCH_URL");
    }
    CatalogueIndex index = search.onFirstUse();
    ImsLambdaHandler handler = FunctionSettings.keyedRoutes(env, SearchRoutes.create(index).addTo(Router.builder()), index);
    if (FunctionSettings.warmsUp(env)) {
      // Priming (SnapStart, provisioned concurrency): a public search builds the client, signs and
      // sends one query and reads its answer; a keyed one without credentials runs the 401 path.
      handler.warmUp(ImsLambdaHandler.warmUpEvent("/api/public/search"));
      handler.warmUp(ImsLambdaHandler.warmUpEvent("/api/v0/search"));
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

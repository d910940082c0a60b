package org.cellbank.ims.examples;

import java.util.Objects;
import javax.sql.DataSource;
import org.cellbank.ims.core.api.PartnerApi;
import org.cellbank.ims.core.db.BatchRepository;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.http.HttpFilter;
import org.cellbank.ims.core.http.Router;
import org.cellbank.ims.lambda.ImsLambdaHandler;

/**
 * Assembles the IMS HTTP application from its parts; the local server and the Lambda function
 * both use it, so what runs on a laptop is what runs on AWS.
 */
public final class ImsApplication {

  private ImsApplication() {}

  /**
   * The Lambda handler serving the partner API over {@code dataSource}, behind {@code auth}.
   *
   * @param dataSource the database (migrated)
   * @param auth the authentication filter run before every route
   */
  public static ImsLambdaHandler handler(DataSource dataSource, HttpFilter auth) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(auth, "auth");
    Router router = PartnerApi.create(CellLineRepository.create(dataSource), BatchRepository.create(dataSource))
        .addTo(Router.builder())
        .filter(auth)
        .build();
    return ImsLambdaHandler.builder(router).build();
  }
}

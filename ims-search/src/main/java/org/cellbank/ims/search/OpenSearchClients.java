package org.cellbank.ims.search;

import java.net.URI;
import java.util.Objects;
import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.aws.AwsSdk2Transport;
import org.opensearch.client.transport.aws.AwsSdk2TransportOptions;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Builds {@link OpenSearchClient}s: plain HTTP(S) for a local node, SigV4-signed for Amazon OpenSearch
 * Service.
 *
 * <pre>{@code
 * // Amazon OpenSearch Service (needs software.amazon.awssdk:apache5-client, auth and regions):
 * try (ManagedOpenSearchClient os = OpenSearchClients.awsSigV4(
 *     "search-ims-abc123.eu-west-1.es.amazonaws.com", Region.EU_WEST_1, DefaultCredentialsProvider.builder().build())) {
 *   OpenSearchCatalogueIndex index = OpenSearchCatalogueIndex.builder().client(os.client()).build();
 * }
 * }</pre>
 *
 * <p>The AWS SDK dependencies of {@code ims-search} are optional: add {@code apache5-client},
 * {@code auth} and {@code regions} (versions from the AWS SDK BOM) to use {@link #awsSigV4}.
 */
public final class OpenSearchClients {

  private OpenSearchClients() {}

  /**
   * A client for a node reachable at {@code url} (for example {@code http://127.0.0.1:9200}), without
   * authentication. The returned value owns the transport; close it when done.
   */
  public static ManagedOpenSearchClient http(String url) {
    Objects.requireNonNull(url, "url");
    URI uri = URI.create(url);
    HttpHost host = new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort());
    OpenSearchTransport transport = ApacheHttpClient5TransportBuilder.builder(host).build();
    return new ManagedOpenSearchClient(new OpenSearchClient(transport), transport, null);
  }

  /**
   * A SigV4-signing client for an Amazon OpenSearch Service domain.
   *
   * @param host the domain endpoint's host name, without scheme, e.g.
   *     {@code search-ims-abc123.eu-west-1.es.amazonaws.com}
   * @param region the domain's region
   * @param credentials where the signing credentials come from (e.g. the Lambda role)
   * @return the client with the transport and HTTP client it created; close it when done
   */
  public static ManagedOpenSearchClient awsSigV4(String host, Region region, AwsCredentialsProvider credentials) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(credentials, "credentials");
    SdkHttpClient httpClient = Apache5HttpClient.builder().build();
    AwsSdk2Transport transport = new AwsSdk2Transport(httpClient, host, "es", region,
        AwsSdk2TransportOptions.builder().setCredentials(credentials).build());
    return new ManagedOpenSearchClient(new OpenSearchClient(transport), transport, httpClient);
  }
}

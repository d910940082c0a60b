package org.cellbank.ims.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;

/**
 * An {@link OpenSearchClient} together with the transport (and HTTP client) that
 * {@link OpenSearchClients} created for it; closing it closes them.
 *
 * <p>Thread-safe; share one per process or Lambda container.
 */
public final class ManagedOpenSearchClient implements AutoCloseable {

  private final OpenSearchClient client;
  private final OpenSearchTransport transport;
  private final AutoCloseable httpClient;

  ManagedOpenSearchClient(OpenSearchClient client, OpenSearchTransport transport, AutoCloseable httpClient) {
    this.client = client;
    this.transport = transport;
    this.httpClient = httpClient;
  }

  /** The client; valid until {@link #close()}. */
  public OpenSearchClient client() {
    return client;
  }

  /** Closes the transport and the HTTP client. */
  @Override
  public void close() {
    try {
      transport.close();
      if (httpClient != null) {
        httpClient.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not close the OpenSearch transport", e);
    } catch (Exception e) {
      throw new IllegalStateException("could not close the OpenSearch HTTP client", e);
    }
  }
}

package org.cellbank.ims.examples.local;

import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The local server's running HTTP server (Jetty), as {@link LocalServer#serve} started it on
 * {@code 127.0.0.1}. Closing it stops it at once. Thread-safe.
 */
public final class LocalHttpServer implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;

  LocalHttpServer(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  /** The port it listens on (the one picked when {@code 0} was asked for). */
  public int port() {
    return connector.getLocalPort();
  }

  /** Its base address, {@code http://127.0.0.1:<port>/}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port() + "/");
  }

  /**
   * Stops the server at once: its connections close, and a request still running is cut off.
   *
   * @throws IllegalStateException when the server could not be stopped
   */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("the local HTTP server did not stop", e);
    }
  }
}

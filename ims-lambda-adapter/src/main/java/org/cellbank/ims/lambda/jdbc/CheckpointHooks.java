package org.cellbank.ims.lambda.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CRaC hooks of a {@link LambdaDataSource} under Lambda SnapStart: before the snapshot, close
 * the idle connections (a snapshot must not hold a socket that every restored copy would share);
 * after each restore, start opening a fresh connection in the background, so that the first
 * request finds it open or nearly so.
 *
 * <pre>{@code
 * LambdaDataSource dataSource = LambdaDataSource.builder()...build();
 * if (snapStart) {   // the function's AWS_LAMBDA_INITIALIZATION_TYPE is "snap-start"
 *   CheckpointHooks.register(dataSource);
 * }
 * }</pre>
 *
 * <p>The priming AWS documents for SnapStart (run representative work before the snapshot so its
 * classes and code paths are in it) is the function's warm-up at init, which runs before the
 * runtime takes the snapshot; these hooks only take care of the connection. Register only under
 * SnapStart: an on-demand cold start then loads none of the CRaC classes.
 */
public final class CheckpointHooks implements Resource {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointHooks.class);
  // CRaC keeps its resources through weak references: these keep them alive for the container.
  private static final List<CheckpointHooks> REGISTERED = new ArrayList<>();

  private final LambdaDataSource dataSource;

  private CheckpointHooks(LambdaDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Registers the hooks of {@code dataSource} with the global CRaC context and returns them.
   *
   * @param dataSource the function's data source
   */
  public static CheckpointHooks register(LambdaDataSource dataSource) {
    CheckpointHooks hooks = new CheckpointHooks(Objects.requireNonNull(dataSource, "dataSource"));
    synchronized (REGISTERED) {
      REGISTERED.add(hooks);
    }
    Core.getGlobalContext().register(hooks);
    return hooks;
  }

  /** Closes the idle connections before the snapshot. */
  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    int closed = dataSource.closeIdle();
    LOG.info("snapshot: closed {} database connection(s)", closed);
  }

  /** Starts opening a fresh connection after a restore. */
  @Override
  public void afterRestore(Context<? extends Resource> context) {
    dataSource.openInBackground();
    LOG.info("restore: opening a database connection");
  }
}

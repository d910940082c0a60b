package org.cellbank.ims.core.executive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.cellbank.ims.core.AccessDeniedException;
import org.cellbank.ims.core.ConflictException;
import org.cellbank.ims.core.NotFoundException;
import org.cellbank.ims.core.Page;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.auth.ApiPrincipal;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.db.SearchOutbox;
import org.cellbank.ims.core.model.Batch;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.CellLineStatus;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The executive operations on a real PostgreSQL with the sample lines: roles, rules, audit, idempotency. */
class ExecutiveServiceTest {

  static final ApiPrincipal PARTNER = new ApiPrincipal("ecacc", Role.PARTNER);
  static final ApiPrincipal VIEWER = new ApiPrincipal("viewer", Role.EXECUTIVE_VIEWER);
  static final ApiPrincipal MANAGER = new ApiPrincipal("manager", Role.EXECUTIVE_MANAGER);
  static final ApiPrincipal ADMIN = new ApiPrincipal("admin", Role.ADMINISTRATOR);

  private DataSource dataSource;
  private ExecutiveService executive;
  private CellLineRepository lines;
  private final AtomicInteger afterWrites = new AtomicInteger();

  @BeforeEach
  void setUp() {
    dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    lines = CellLineRepository.create(dataSource);
    SampleDataLoader.create(lines).loadMissing(SampleData.all());
    executive = ExecutiveService.builder().dataSource(dataSource).searchOutbox(SearchOutbox.create(dataSource))
        .afterWrite(afterWrites::incrementAndGet).build();
  }

  @Test
  void changeStatus_recordsEntryUserAndSideEffect_bumpsVersion_andAuditsInTheSameTransaction() throws Exception {
    ExecutiveLine before = executive.line(VIEWER, "UKBi008-A");
    long outboxBefore = count("SELECT count(*) FROM ims.search_outbox WHERE biosamples_id = 'SAMEA2590882'");

    ExecutiveLine after = executive.changeStatus(MANAGER,
        new StatusChange("UKBi008-A", "withdrawn", "donor withdrew consent", before.line().version()));

    CellLine line = after.line();
    assertThat(line.currentStatus()).contains(CellLineStatus.WITHDRAWN);
    assertThat(line.statusLog().get(0).author()).isEqualTo("manager");
    assertThat(line.statusLog().get(0).comment()).isEqualTo("donor withdrew consent");
    assertThat(line.availableForSale()).isFalse();
    assertThat(line.version()).isEqualTo(before.line().version() + 1);
    assertThat(after.etag()).isEqualTo("\"" + (before.line().version() + 1) + "\"");
    assertThat(after.checklist().clipPresent()).isTrue();
    assertThat(after.checklist().batches()).extracting(Checklist.BatchCheck::batchId).contains("P001");
    assertThat(count("SELECT count(*) FROM ims.search_outbox WHERE biosamples_id = 'SAMEA2590882'"))
        .isEqualTo(outboxBefore + 1);
    assertThat(afterWrites.get()).isEqualTo(1);

    Page<AuditEntry> audit = executive.audit(VIEWER, new AuditQuery("cell_line", "UKBi008-A", PageRequest.first(10)));
    assertThat(audit.items()).hasSize(1);
    AuditEntry entry = audit.items().get(0);
    assertThat(entry.actor()).isEqualTo("manager");
    assertThat(entry.actorRole()).isEqualTo("executive_manager");
    assertThat(entry.action()).isEqualTo("status_change");
    assertThat(entry.entityId()).isEqualTo("SAMEA2590882");
    assertThat(entry.changes()).contains("\"status\":{\"before\":\"" + before.line().currentStatus().get().code()
        + "\",\"after\":\"withdrawn\"}").contains("\"available_for_sale\":{\"before\":true,\"after\":false}");

    // Any status may follow any other; a status that is live sets available_for_sale again.
    ExecutiveLine again = executive.changeStatus(ADMIN, new StatusChange("UKBi008-A", "at_ecacc", null, line.version()));
    assertThat(again.line().availableForSale()).isTrue();
    assertThat(again.line().currentStatus()).contains(CellLineStatus.AT_ECACC);
  }

  @Test
  void changeStatus_namesEveryFaultyField_andWritesNothing() throws Exception {
    long version = executive.line(VIEWER, "UKBi008-A").line().version();
    assertThatThrownBy(() -> executive.changeStatus(MANAGER, new StatusChange("UKBi008-A", "recalled", " ", version)))
        .isInstanceOfSatisfying(InvalidFieldsException.class, e -> assertThat(e.fields())
            .containsExactly(new FieldError("/comment", "is required for status recalled")));
    assertThatThrownBy(() -> executive.changeStatus(MANAGER, new StatusChange("UKBi008-A", "sold", null, version)))
        .isInstanceOfSatisfying(InvalidFieldsException.class, e -> assertThat(e.fields())
            .extracting(FieldError::pointer).containsExactly("/status"));
    assertThat(count("SELECT count(*) FROM ims.audit_event")).isZero();
    assertThat(executive.line(VIEWER, "UKBi008-A").line().version()).isEqualTo(version);
  }

  @Test
  void changeStatus_withAStaleVersion_isRefused_andWritesNothing() throws Exception {
    long version = executive.line(VIEWER, "UKBi008-A").line().version();
    executive.changeStatus(MANAGER, new StatusChange("UKBi008-A", "expand_to_order", null, version));
    long statuses = count("SELECT count(*) FROM ims.cell_line_status");

    assertThatThrownBy(() -> executive.changeStatus(MANAGER, new StatusChange("UKBi008-A", "at_ecacc", null, version)))
        .isInstanceOf(StaleVersionException.class).hasMessageContaining("version " + (version + 1));
    assertThat(count("SELECT count(*) FROM ims.cell_line_status")).isEqualTo(statuses);
    assertThat(count("SELECT count(*) FROM ims.audit_event")).isEqualTo(1);
  }

  @Test
  void everyOperation_checksTheRoleItself() {
    assertThatThrownBy(() -> executive.line(PARTNER, "UKBi008-A")).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> executive.dashboard(PARTNER, DashboardQuery.builder().build()))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> executive.audit(PARTNER, AuditQuery.all(PageRequest.first(5))))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> executive.changeStatus(VIEWER, new StatusChange("UKBi008-A", "at_ecacc", null, 0)))
        .isInstanceOf(AccessDeniedException.class).hasMessageContaining("executive_manager");
    assertThatThrownBy(() -> executive.createBatch(VIEWER, new NewBatchRequest("UKBi008-A", "M002", null, 2, null)))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(executive.line(VIEWER, "UKBi008-A").line().name()).isEqualTo("UKBi008-A");
    assertThatThrownBy(() -> executive.line(VIEWER, "NOPE-1")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void createBatch_createsNumberedVials_defaultsToDepositor_andRefusesADuplicateId() throws Exception {
    long version = executive.line(VIEWER, "UKBi008-A").line().version();
    CreatedBatch created = executive.createBatch(MANAGER, new NewBatchRequest("UKBi008-A", "M002", null, 3, "P001"));

    assertThat(created.batchKey()).isEqualTo("UKBi008-A_M002");
    assertThat(created.replayed()).isFalse();
    assertThat(created.representation()).contains("\"UKBi008-A_M002_0003\"").contains("\"UKBi008-A M002 vial 0001\"");
    CellLine line = executive.line(VIEWER, "UKBi008-A").line();
    assertThat(line.version()).isEqualTo(version + 1);
    Batch batch = line.batches().stream().filter(b -> b.batchId().equals("M002")).findFirst().orElseThrow();
    assertThat(batch.type().code()).isEqualTo("depositor");
    assertThat(batch.vials()).extracting(v -> v.biosamplesId())
        .containsExactly("UKBi008-A_M002_0001", "UKBi008-A_M002_0002", "UKBi008-A_M002_0003");
    assertThat(batch.vials()).allSatisfy(v -> assertThat(v.derivedFrom()).isEqualTo("P001"));
    assertThat(executive.audit(VIEWER, new AuditQuery("batch", "UKBi008-A_M002", PageRequest.first(5))).items())
        .extracting(AuditEntry::action).containsExactly("batch_create");

    assertThatThrownBy(() -> executive.createBatch(MANAGER, new NewBatchRequest("UKBi008-A", "M002", "ecacc", 1, null)))
        .isInstanceOf(ConflictException.class).hasMessageContaining("M002");
    assertThatThrownBy(() -> executive.createBatch(MANAGER, new NewBatchRequest("UKBi008-A", "M02", "nope", 0, null)))
        .isInstanceOfSatisfying(InvalidFieldsException.class, e -> assertThat(e.fields()).extracting(FieldError::pointer)
            .containsExactly("/batch_id", "/batch_type", "/vials"));
  }

  @Test
  void createBatch_withTheSameIdempotencyKey_writesOnce_andReturnsTheFirstAnswer() throws Exception {
    NewBatchRequest request = new NewBatchRequest("UKBi008-A", "M003", "ecacc", 2, null);
    Idempotency key = new Idempotency("retry-1", sha256("create M003"));
    CreatedBatch first = executive.createBatch(MANAGER, request, key);
    CreatedBatch second = executive.createBatch(MANAGER, request, key);

    assertThat(second.replayed()).isTrue();
    assertThat(second.representation()).isEqualTo(first.representation());
    assertThat(second.batchKey()).isEqualTo("UKBi008-A_M003");
    assertThat(count("SELECT count(*) FROM ims.batch WHERE biosamples_id = 'UKBi008-A_M003'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM ims.audit_event WHERE action = 'batch_create'")).isEqualTo(1);
    assertThat(afterWrites.get()).isEqualTo(1);

    assertThatThrownBy(() -> executive.createBatch(MANAGER, new NewBatchRequest("UKBi008-A", "M004", null, 1, null),
        new Idempotency("retry-1", sha256("create M004")))).isInstanceOf(IdempotencyKeyReusedException.class);
    // Keys belong to their user: another user's same key is another request.
    CreatedBatch other = executive.createBatch(ADMIN, new NewBatchRequest("UKBi008-A", "M005", null, 1, null),
        new Idempotency("retry-1", sha256("create M005")));
    assertThat(other.replayed()).isFalse();
  }

  @Test
  void createBatch_concurrentRetriesWithOneKey_createOneBatch() throws Exception {
    NewBatchRequest request = new NewBatchRequest("BIONi010-C", "M010", null, 50, null);
    Idempotency key = new Idempotency("concurrent-1", sha256("create M010"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<CreatedBatch>> futures = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        futures.add(pool.submit((Callable<CreatedBatch>) () -> executive.createBatch(MANAGER, request, key)));
      }
      int fresh = 0;
      for (Future<CreatedBatch> f : futures) {
        fresh += f.get().replayed() ? 0 : 1;
      }
      assertThat(fresh).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(count("SELECT count(*) FROM ims.vial v JOIN ims.batch b ON b.id = v.batch_id"
        + " WHERE b.biosamples_id = 'BIONi010-C_M010'")).isEqualTo(50);
  }

  @Test
  void auditRows_cannotBeUpdatedOrDeleted_byTheApplicationsRole() throws Exception {
    long version = executive.line(VIEWER, "UKBi008-A").line().version();
    executive.changeStatus(MANAGER, new StatusChange("UKBi008-A", "recalled", "contamination", version));
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("UPDATE ims.audit_event SET actor = 'someone else'"))
          .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM ims.audit_event"))
          .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
      assertThatThrownBy(() -> s.executeUpdate("TRUNCATE ims.audit_event"))
          .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
    }
    Page<AuditEntry> all = executive.audit(VIEWER, AuditQuery.all(PageRequest.first(10)));
    assertThat(all.items()).extracting(AuditEntry::actor).containsExactly("manager");
  }

  @Test
  void audit_readsPerLineWithItsBatches_perBatch_andGlobally_newestFirst() {
    long version = executive.line(VIEWER, "UKBi008-A").line().version();
    executive.changeStatus(MANAGER, new StatusChange("UKBi008-A", "expand_to_order", null, version));
    executive.createBatch(MANAGER, new NewBatchRequest("UKBi008-A", "M020", null, 1, null));
    executive.createBatch(MANAGER, new NewBatchRequest("BIONi010-C", "M020", null, 1, null));

    assertThat(executive.audit(VIEWER, new AuditQuery("cell_line", "SAMEA2590882", PageRequest.first(10))).items())
        .extracting(AuditEntry::action).containsExactly("batch_add", "batch_create", "status_change");
    assertThat(executive.audit(VIEWER, new AuditQuery("batch", "BIONi010-C_M020", PageRequest.first(10))).items())
        .extracting(AuditEntry::entityId).containsExactly("BIONi010-C_M020");
    Page<AuditEntry> global = executive.audit(VIEWER, AuditQuery.all(new PageRequest(1, 2)));
    assertThat(global.totalCount()).isEqualTo(5);
    assertThat(global.items()).hasSize(2);
    assertThat(global.items().get(0).id()).isGreaterThan(global.items().get(1).id());
    Page<AuditEntry> beyond = executive.audit(VIEWER, AuditQuery.all(new PageRequest(50, 2)));
    assertThat(beyond.items()).isEmpty();
    assertThat(beyond.totalCount()).isEqualTo(5);
  }

  private long count(String sql) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  static byte[] sha256(String text) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
  }
}

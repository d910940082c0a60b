package org.cellbank.ims.core.executive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.cellbank.ims.core.AccessDeniedException;
import org.cellbank.ims.core.ConflictException;
import org.cellbank.ims.core.NotFoundException;
import org.cellbank.ims.core.StorageException;
import org.cellbank.ims.core.ValidationException;
import org.cellbank.ims.core.auth.ApiPrincipal;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.SearchOutbox;
import org.cellbank.ims.core.internal.Jdbc;
import org.cellbank.ims.core.media.MediaFormat;
import org.cellbank.ims.core.media.MediaKey;
import org.cellbank.ims.core.media.MediaKind;
import org.cellbank.ims.core.media.MediaObject;
import org.cellbank.ims.core.media.MediaStore;
import org.cellbank.ims.core.media.StoredMedia;
import org.cellbank.ims.core.media.UploadConfirmation;
import org.cellbank.ims.core.media.UploadRequest;
import org.cellbank.ims.core.media.UploadTicket;
import org.cellbank.ims.http.internal.json.JsonNull;
import org.cellbank.ims.http.internal.json.JsonNumber;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.http.internal.json.JsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executive write side's files: a line's CLIP versions, a batch's certificate of analysis (CoA)
 * and a batch's images (at most {@value ImageUpload#MAX_IMAGES}), uploaded with the request or
 * straight to the {@link MediaStore} with a ticket and then attached.
 *
 * <p>Every operation takes the acting {@link ApiPrincipal} and needs {@link Role#EXECUTIVE_MANAGER}
 * (a lower role gets an {@link AccessDeniedException}). A file's format is decided by its first
 * bytes, never by its name or declared type ({@link UnsupportedFileTypeException}, 415); a file above
 * {@link Builder#maxFileSize(long)} is refused before it is stored ({@link FileTooLargeException},
 * 413). The store computes the MD5 and SHA-256 in the pass that stores the bytes.
 *
 * <p>Each write is one transaction holding the change, its {@link AuditEntry} (before and after, the
 * checksums included) and, with a {@link Builder#searchOutbox(SearchOutbox) search outbox}, the
 * outbox row; the record's version moves on by one, and for a batch's file the line's too (the line's
 * representations list its batches' files). The file is stored first and the transaction follows: when
 * the transaction fails (a version uploaded twice at once, the database down) the stored object is
 * removed, so no object is left that nothing refers to. A replaced or deleted file's object is removed
 * after the commit (a failure to remove it is logged at WARN and leaves an unreferenced object).
 *
 * <pre>{@code
 * ExecutiveFiles files = ExecutiveFiles.builder().dataSource(dataSource).mediaStore(store).build();
 * FileAnswer clip = files.uploadClip(manager,
 *     new ClipUpload("UKBi008-A", "v2", FileSource.ofBytes("clip.pdf", pdf.length, new ByteArrayInputStream(pdf))));
 * }</pre>
 *
 * <p>Plain JDBC. Thread-safe; create one per application. The caller owns the {@link DataSource} and
 * the {@link MediaStore}.
 */
public final class ExecutiveFiles {

  private static final Logger LOG = LoggerFactory.getLogger(ExecutiveFiles.class);

  /** The default of {@link Builder#maxFileSize(long)}: 50 MiB. */
  public static final long DEFAULT_MAX_FILE_SIZE = 50L * 1024 * 1024;

  private static final Set<MediaFormat> PDF = Set.of(MediaFormat.PDF);
  private static final Set<MediaFormat> IMAGES = Set.of(MediaFormat.JPEG, MediaFormat.PNG);

  private static final String FIND_LINE = "SELECT id, version FROM ims.cell_line WHERE name = ?";
  private static final String LOCK_LINE = "SELECT id, biosamples_id, version FROM ims.cell_line WHERE name = ?"
      + " FOR UPDATE";
  private static final String FIND_CLIP = "SELECT id, file_key, md5 FROM ims.cell_line_information_pack"
      + " WHERE cell_line_id = ? AND version = ?";
  private static final String INSERT_CLIP = "INSERT INTO ims.cell_line_information_pack (cell_line_id, version,"
      + " file_key, md5, uploaded_at) VALUES (?, ?, ?, ?, ?)";
  private static final String DELETE_CLIP = "DELETE FROM ims.cell_line_information_pack WHERE id = ?";
  private static final String BUMP_LINE = "UPDATE ims.cell_line SET version = version + 1 WHERE id = ?";
  private static final String FIND_BATCH = "SELECT b.id, b.version, (SELECT count(*) FROM ims.batch_image i"
      + " WHERE i.batch_id = b.id) FROM ims.batch b WHERE b.biosamples_id = ?";
  private static final String LOCK_BATCH = "SELECT b.id, b.version, b.coa_file_key, b.coa_md5, l.id,"
      + " l.biosamples_id, l.version FROM ims.batch b JOIN ims.cell_line l ON l.id = b.cell_line_id"
      + " WHERE b.biosamples_id = ? FOR UPDATE OF b, l";
  private static final String SET_COA = "UPDATE ims.batch SET coa_file_key = ?, coa_md5 = ?, version = version + 1"
      + " WHERE id = ?";
  private static final String IMAGES_OF = "SELECT id, file_key, md5 FROM ims.batch_image WHERE batch_id = ?"
      + " ORDER BY id";
  private static final String INSERT_IMAGE = "INSERT INTO ims.batch_image (batch_id, file_key, md5, magnification,"
      + " time_point) VALUES (?, ?, ?, ?, ?)";
  private static final String DELETE_IMAGE = "DELETE FROM ims.batch_image WHERE id = ?";
  private static final String BUMP_BATCH = "UPDATE ims.batch SET version = version + 1 WHERE id = ?";
  private static final String INSERT_OUTBOX = "INSERT INTO ims.search_outbox (biosamples_id) VALUES (?)";
  private static final String INSERT_AUDIT = "INSERT INTO ims.audit_event (actor, actor_role, entity, entity_id,"
      + " cell_line, action, changes) VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String CLAIM_KEY = "INSERT INTO ims.idempotency_key (username, idempotency_key, operation,"
      + " request_hash, response_status, response_body) VALUES (?, ?, ?, ?, 0, '')"
      + " ON CONFLICT (username, idempotency_key) DO NOTHING";
  private static final String READ_KEY = "SELECT operation, request_hash, response_status, response_body"
      + " FROM ims.idempotency_key WHERE username = ? AND idempotency_key = ?";
  private static final String STORE_ANSWER = "UPDATE ims.idempotency_key SET response_status = ?, response_body = ?"
      + " WHERE username = ? AND idempotency_key = ?";

  private final Jdbc jdbc;
  private final Transactions tx;
  private final MediaStore store;
  private final boolean outbox;
  private final Runnable afterWrite;
  private final Clock clock;
  private final long maxFileSize;
  private final Duration ticketExpiry;

  private ExecutiveFiles(Builder b) {
    DataSource dataSource = Objects.requireNonNull(b.dataSource, "dataSource");
    this.store = Objects.requireNonNull(b.store, "mediaStore");
    this.jdbc = new Jdbc(dataSource, b.onStatement);
    this.tx = new Transactions(dataSource, jdbc);
    this.outbox = b.outbox != null;
    this.afterWrite = b.afterWrite;
    this.clock = b.clock;
    this.maxFileSize = b.maxFileSize;
    this.ticketExpiry = b.ticketExpiry;
  }

  /** A builder; the data source and the media store are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The largest file accepted, in bytes. */
  public long maxFileSize() {
    return maxFileSize;
  }

  // --- CLIPs

  /**
   * Adds a CLIP version to a line; see {@link #uploadClip(ApiPrincipal, ClipUpload, Idempotency)}.
   * This form has no idempotency key.
   */
  public FileAnswer uploadClip(ApiPrincipal who, ClipUpload upload) {
    return clip(who, upload, null);
  }

  /**
   * Adds a CLIP version (a PDF) to a line, once per idempotency key; answers 201's representation
   * with the line's new version.
   *
   * <p>A request with the same key, from the same user, for the same line and the same fields and
   * file as one answered before gets that first answer with {@link FileAnswer#replayed()} set, and
   * nothing is stored or written.
   *
   * @throws AccessDeniedException when the principal's role is lower than executive_manager
   * @throws InvalidFieldsException when the version is missing or malformed
   * @throws NotFoundException when no line has this name, or no direct upload has this id
   * @throws ConflictException when the line has this CLIP version already
   * @throws UnsupportedFileTypeException when the file is not a PDF
   * @throws FileTooLargeException when the file is above the limit
   * @throws IdempotencyKeyReusedException when the key was used for another request
   */
  public FileAnswer uploadClip(ApiPrincipal who, ClipUpload upload, Idempotency idempotency) {
    return clip(who, upload, Objects.requireNonNull(idempotency, "idempotency"));
  }

  private FileAnswer clip(ApiPrincipal who, ClipUpload upload, Idempotency idempotency) {
    ExecutiveService.require(who, Role.EXECUTIVE_MANAGER, "upload a CLIP");
    Objects.requireNonNull(upload, "upload");
    List<FieldError> problems = upload.problems();
    if (!problems.isEmpty()) {
      throw new InvalidFieldsException(problems);
    }
    String operation = "upload clip of " + upload.lineName();
    Optional<FileAnswer> earlier = answered(who, idempotency, operation);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    // Cheap checks first, so a request that must fail stores nothing; the transaction checks again.
    read("reading cell line " + upload.lineName(), new Jdbc.ConnectionWork<Void>() {
      @Override
      public Void run(Connection c) throws SQLException {
        long lineId = lineId(c, upload.lineName());
        if (clipOf(c, lineId, upload.version()) != null) {
          throw duplicateClip(upload);
        }
        return null;
      }
    });
    StoredMedia stored = store(MediaKind.INFORMATION_PACK, PDF, upload.file(),
        upload.lineName() + ".CLIP." + upload.version() + ".pdf");
    return attach(stored, new Transactions.Work<FileAnswer>() {
      @Override
      public FileAnswer run(Connection c) throws SQLException {
        if (idempotency != null) {
          Optional<FileAnswer> replay = claim(c, who, idempotency, operation);
          if (replay.isPresent()) {
            return replay.get();
          }
        }
        LockedLine locked = lockLine(c, upload.lineName());
        long[] line = {locked.id, locked.version};
        String biosamplesId = locked.biosamplesId;
        if (clipOf(c, line[0], upload.version()) != null) {
          throw duplicateClip(upload);
        }
        try (PreparedStatement s = tx.prepare(c, INSERT_CLIP)) {
          s.setLong(1, line[0]);
          s.setString(2, upload.version());
          s.setString(3, stored.key().value());
          s.setString(4, stored.md5Hex());
          s.setObject(5, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
          s.executeUpdate();
        }
        update(c, BUMP_LINE, line[0]);
        long version = line[1] + 1;
        enqueue(c, biosamplesId);
        audit(c, who, "cell_line", biosamplesId, biosamplesId, "clip_upload", JsonObject.builder()
            .put("information_pack", ExecutiveJson.difference(JsonNull.INSTANCE, ExecutiveJson.text(upload.version())))
            .put("md5", ExecutiveJson.difference(JsonNull.INSTANCE, ExecutiveJson.text(stored.md5Hex())))
            .put("sha256", ExecutiveJson.difference(JsonNull.INSTANCE, ExecutiveJson.text(stored.sha256Hex())))
            .put("version", ExecutiveJson.difference(JsonNumber.of(line[1]), JsonNumber.of(version)))
            .build());
        String body = ExecutiveJson.pretty(JsonObject.builder()
            .put("cell_line", upload.lineName())
            .put("information_pack", JsonObject.builder()
                .put("version", upload.version())
                .put("clip_file", ExecutiveJson.mediaUrl(stored.key().value()))
                .put("md5", stored.md5Hex())
                .put("sha256", stored.sha256Hex())
                .put("size", stored.size())
                .build())
            .put("version", version)
            .put("resource_uri", ExecutiveJson.lineUri(upload.lineName()))
            .build());
        storeAnswer(c, who, idempotency, body);
        return new FileAnswer(body, version, false);
      }
    });
  }

  /**
   * Removes a CLIP version from a line (meant for a wrong upload); returns the line's new version.
   *
   * @param deletion the line's name, the CLIP version, the line's version the client read
   * @throws AccessDeniedException when the principal's role is lower than executive_manager
   * @throws NotFoundException when there is no such line or CLIP version
   * @throws StaleVersionException when the line's version is no longer the expected one
   */
  public long deleteClip(ApiPrincipal who, FileDeletion deletion) {
    ExecutiveService.require(who, Role.EXECUTIVE_MANAGER, "delete a CLIP");
    Objects.requireNonNull(deletion, "deletion");
    String[] removed = new String[1];
    long version = tx.write("deleting CLIP " + deletion.item() + " of cell line " + deletion.recordKey(),
        new Transactions.Work<Long>() {
          @Override
          public Long run(Connection c) throws SQLException {
            LockedLine locked = lockLine(c, deletion.recordKey());
            long[] line = {locked.id, locked.version};
            String biosamplesId = locked.biosamplesId;
            requireVersion("cell line " + deletion.recordKey(), line[1], deletion.expectedVersion());
            String[] clip = clipOf(c, line[0], deletion.item());
            if (clip == null) {
              throw new NotFoundException("cell line " + deletion.recordKey() + " has no CLIP " + deletion.item());
            }
            update(c, DELETE_CLIP, Long.parseLong(clip[0]));
            update(c, BUMP_LINE, line[0]);
            enqueue(c, biosamplesId);
            audit(c, who, "cell_line", biosamplesId, biosamplesId, "clip_delete", JsonObject.builder()
                .put("information_pack", ExecutiveJson.difference(ExecutiveJson.text(deletion.item()), JsonNull.INSTANCE))
                .put("md5", ExecutiveJson.difference(ExecutiveJson.text(clip[2]), JsonNull.INSTANCE))
                .put("version", ExecutiveJson.difference(JsonNumber.of(line[1]), JsonNumber.of(line[1] + 1)))
                .build());
            removed[0] = clip[1];
            return line[1] + 1;
          }
        });
    removeQuietly(removed[0]);
    written();
    return version;
  }

  // --- certificates of analysis

  /**
   * Uploads a batch's certificate of analysis (a PDF), or replaces the one it has (whose object is
   * removed after the commit); returns the representation with the batch's new version.
   *
   * @throws AccessDeniedException when the principal's role is lower than executive_manager
   * @throws NotFoundException when no batch has this key, or no direct upload has this id
   * @throws StaleVersionException when the batch's version is no longer the expected one
   * @throws UnsupportedFileTypeException when the file is not a PDF
   * @throws FileTooLargeException when the file is above the limit
   */
  public FileAnswer putCertificate(ApiPrincipal who, CertificateUpload upload) {
    ExecutiveService.require(who, Role.EXECUTIVE_MANAGER, "upload a certificate of analysis");
    Objects.requireNonNull(upload, "upload");
    preCheckBatch(upload.batchKey(), upload.expectedVersion(), false);
    StoredMedia stored = store(MediaKind.CERTIFICATE_OF_ANALYSIS, PDF, upload.file(), upload.batchKey() + ".CoA.pdf");
    String[] replaced = new String[1];
    FileAnswer answer = attach(stored, new Transactions.Work<FileAnswer>() {
      @Override
      public FileAnswer run(Connection c) throws SQLException {
        LockedBatch b = lockBatch(c, upload.batchKey());
        requireVersion("batch " + upload.batchKey(), b.version, upload.expectedVersion());
        try (PreparedStatement s = tx.prepare(c, SET_COA)) {
          s.setString(1, stored.key().value());
          s.setString(2, stored.md5Hex());
          s.setLong(3, b.id);
          s.executeUpdate();
        }
        update(c, BUMP_LINE, b.lineId);
        enqueue(c, b.lineBiosamplesId);
        long version = b.version + 1;
        audit(c, who, "batch", upload.batchKey(), b.lineBiosamplesId, b.coaKey == null ? "coa_upload" : "coa_replace",
            JsonObject.builder()
                .put("certificate_of_analysis_md5", ExecutiveJson.difference(ExecutiveJson.text(b.coaMd5),
                    ExecutiveJson.text(stored.md5Hex())))
                .put("certificate_of_analysis_sha256", ExecutiveJson.difference(JsonNull.INSTANCE,
                    ExecutiveJson.text(stored.sha256Hex())))
                .put("version", ExecutiveJson.difference(JsonNumber.of(b.version), JsonNumber.of(version)))
                .put("cell_line_version", ExecutiveJson.difference(JsonNumber.of(b.lineVersion),
                    JsonNumber.of(b.lineVersion + 1)))
                .build());
        replaced[0] = b.coaKey;
        String body = ExecutiveJson.pretty(JsonObject.builder()
            .put("batch", upload.batchKey())
            .put("certificate_of_analysis", JsonObject.builder()
                .put("file", ExecutiveJson.mediaUrl(stored.key().value()))
                .put("md5", stored.md5Hex())
                .put("sha256", stored.sha256Hex())
                .put("size", stored.size())
                .build())
            .put("version", version)
            .put("resource_uri", ExecutiveJson.v0BatchUri(upload.batchKey()))
            .build());
        return new FileAnswer(body, version, false);
      }
    });
    removeQuietly(replaced[0]);
    return answer;
  }

  /**
   * Removes a batch's certificate of analysis (its MD5 is cleared too); returns the batch's new version.
   *
   * @param deletion the batch's key, an empty item, the batch's version the client read
   * @throws AccessDeniedException when the principal's role is lower than executive_manager
   * @throws NotFoundException when no batch has this key, or it has no CoA
   * @throws StaleVersionException when the batch's version is no longer the expected one
   */
  public long deleteCertificate(ApiPrincipal who, FileDeletion deletion) {
    ExecutiveService.require(who, Role.EXECUTIVE_MANAGER, "delete a certificate of analysis");
    Objects.requireNonNull(deletion, "deletion");
    String[] removed = new String[1];
    long version = tx.write("deleting the CoA of batch " + deletion.recordKey(), new Transactions.Work<Long>() {
      @Override
      public Long run(Connection c) throws SQLException {
        LockedBatch b = lockBatch(c, deletion.recordKey());
        requireVersion("batch " + deletion.recordKey(), b.version, deletion.expectedVersion());
        if (b.coaKey == null) {
          throw new NotFoundException("batch " + deletion.recordKey() + " has no certificate of analysis");
        }
        try (PreparedStatement s = tx.prepare(c, SET_COA)) {
          s.setString(1, null);
          s.setString(2, null);
          s.setLong(3, b.id);
          s.executeUpdate();
        }
        update(c, BUMP_LINE, b.lineId);
        enqueue(c, b.lineBiosamplesId);
        audit(c, who, "batch", deletion.recordKey(), b.lineBiosamplesId, "coa_delete", JsonObject.builder()
            .put("certificate_of_analysis_md5", ExecutiveJson.difference(ExecutiveJson.text(b.coaMd5), JsonNull.INSTANCE))
            .put("version", ExecutiveJson.difference(JsonNumber.of(b.version), JsonNumber.of(b.version + 1)))
            .put("cell_line_version", ExecutiveJson.difference(JsonNumber.of(b.lineVersion),
                JsonNumber.of(b.lineVersion + 1)))
            .build());
        removed[0] = b.coaKey;
        return b.version + 1;
      }
    });
    removeQuietly(removed[0]);
    written();
    return version;
  }

  // --- images

  /** Adds an image to a batch; see {@link #addImage(ApiPrincipal, ImageUpload, Idempotency)}. No idempotency key. */
  public FileAnswer addImage(ApiPrincipal who, ImageUpload upload) {
    return image(who, upload, null);
  }

  /**
   * Adds an image (JPEG or PNG) to a batch, once per idempotency key; returns the representation with
   * the image's number (its place among the batch's images, oldest first) and the batch's new version.
   *
   * @throws AccessDeniedException when the principal's role is lower than executive_manager
   * @throws InvalidFieldsException when the magnification or the time point is too long
   * @throws NotFoundException when no batch has this key, or no direct upload has this id
   * @throws ConflictException when the batch has {@value ImageUpload#MAX_IMAGES} images already
   * @throws UnsupportedFileTypeException when the file is neither a JPEG nor a PNG
   * @throws FileTooLargeException when the file is above the limit
   * @throws IdempotencyKeyReusedException when the key was used for another request
   */
  public FileAnswer addImage(ApiPrincipal who, ImageUpload upload, Idempotency idempotency) {
    return image(who, upload, Objects.requireNonNull(idempotency, "idempotency"));
  }

  private FileAnswer image(ApiPrincipal who, ImageUpload upload, Idempotency idempotency) {
    ExecutiveService.require(who, Role.EXECUTIVE_MANAGER, "add a batch image");
    Objects.requireNonNull(upload, "upload");
    List<FieldError> problems = upload.problems();
    if (!problems.isEmpty()) {
      throw new InvalidFieldsException(problems);
    }
    String operation = "add image to batch " + upload.batchKey();
    Optional<FileAnswer> earlier = answered(who, idempotency, operation);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    preCheckBatch(upload.batchKey(), -1, true);
    StoredMedia stored = store(MediaKind.CELL_IMAGE, IMAGES, upload.file(), upload.batchKey() + ".image");
    return attach(stored, new Transactions.Work<FileAnswer>() {
      @Override
      public FileAnswer run(Connection c) throws SQLException {
        if (idempotency != null) {
          Optional<FileAnswer> replay = claim(c, who, idempotency, operation);
          if (replay.isPresent()) {
            return replay.get();
          }
        }
        LockedBatch b = lockBatch(c, upload.batchKey());
        List<String[]> images = images(c, b.id);
        if (images.size() >= ImageUpload.MAX_IMAGES) {
          throw fullBatch(upload.batchKey());
        }
        try (PreparedStatement s = tx.prepare(c, INSERT_IMAGE)) {
          s.setLong(1, b.id);
          s.setString(2, stored.key().value());
          s.setString(3, stored.md5Hex());
          s.setString(4, upload.magnification());
          s.setString(5, upload.timePoint());
          s.executeUpdate();
        }
        update(c, BUMP_BATCH, b.id);
        update(c, BUMP_LINE, b.lineId);
        enqueue(c, b.lineBiosamplesId);
        long version = b.version + 1;
        int number = images.size() + 1;
        audit(c, who, "batch", upload.batchKey(), b.lineBiosamplesId, "image_add", JsonObject.builder()
            .put("image", ExecutiveJson.difference(JsonNull.INSTANCE, JsonNumber.of(number)))
            .put("image_md5", ExecutiveJson.difference(JsonNull.INSTANCE, ExecutiveJson.text(stored.md5Hex())))
            .put("image_sha256", ExecutiveJson.difference(JsonNull.INSTANCE, ExecutiveJson.text(stored.sha256Hex())))
            .put("magnification", ExecutiveJson.difference(JsonNull.INSTANCE, ExecutiveJson.text(upload.magnification())))
            .put("time_point", ExecutiveJson.difference(JsonNull.INSTANCE, ExecutiveJson.text(upload.timePoint())))
            .put("version", ExecutiveJson.difference(JsonNumber.of(b.version), JsonNumber.of(version)))
            .put("cell_line_version", ExecutiveJson.difference(JsonNumber.of(b.lineVersion),
                JsonNumber.of(b.lineVersion + 1)))
            .build());
        String body = ExecutiveJson.pretty(JsonObject.builder()
            .put("batch", upload.batchKey())
            .put("image", JsonObject.builder()
                .put("number", number)
                .put("image_file", ExecutiveJson.mediaUrl(stored.key().value()))
                .put("image_md5", stored.md5Hex())
                .put("sha256", stored.sha256Hex())
                .put("size", stored.size())
                .put("content_type", stored.contentType())
                .put("magnification", ExecutiveJson.text(upload.magnification()))
                .put("time_point", ExecutiveJson.text(upload.timePoint()))
                .build())
            .put("version", version)
            .put("resource_uri", ExecutiveJson.v0BatchUri(upload.batchKey()))
            .build());
        storeAnswer(c, who, idempotency, body);
        return new FileAnswer(body, version, false);
      }
    });
  }

  /**
   * Removes a batch's image by its number (1 for the oldest); the later images' numbers move down by
   * one. Returns the batch's new version.
   *
   * @param deletion the batch's key, the image's number, the batch's version the client read
   * @throws AccessDeniedException when the principal's role is lower than executive_manager
   * @throws NotFoundException when no batch has this key, or it has no image of this number
   * @throws StaleVersionException when the batch's version is no longer the expected one
   */
  public long deleteImage(ApiPrincipal who, FileDeletion deletion) {
    ExecutiveService.require(who, Role.EXECUTIVE_MANAGER, "delete a batch image");
    Objects.requireNonNull(deletion, "deletion");
    int number = imageNumber(deletion.item());
    String[] removed = new String[1];
    long version = tx.write("deleting image " + deletion.item() + " of batch " + deletion.recordKey(),
        new Transactions.Work<Long>() {
          @Override
          public Long run(Connection c) throws SQLException {
            LockedBatch b = lockBatch(c, deletion.recordKey());
            requireVersion("batch " + deletion.recordKey(), b.version, deletion.expectedVersion());
            List<String[]> images = images(c, b.id);
            if (number < 1 || number > images.size()) {
              throw new NotFoundException("batch " + deletion.recordKey() + " has no image " + deletion.item()
                  + " (it has " + images.size() + ")");
            }
            String[] image = images.get(number - 1);
            update(c, DELETE_IMAGE, Long.parseLong(image[0]));
            update(c, BUMP_BATCH, b.id);
            update(c, BUMP_LINE, b.lineId);
            enqueue(c, b.lineBiosamplesId);
            audit(c, who, "batch", deletion.recordKey(), b.lineBiosamplesId, "image_delete", JsonObject.builder()
                .put("image", ExecutiveJson.difference(JsonNumber.of(number), JsonNull.INSTANCE))
                .put("image_md5", ExecutiveJson.difference(ExecutiveJson.text(image[2]), JsonNull.INSTANCE))
                .put("version", ExecutiveJson.difference(JsonNumber.of(b.version), JsonNumber.of(b.version + 1)))
                .put("cell_line_version", ExecutiveJson.difference(JsonNumber.of(b.lineVersion),
                    JsonNumber.of(b.lineVersion + 1)))
                .build());
            removed[0] = image[1];
            return b.version + 1;
          }
        });
    removeQuietly(removed[0]);
    written();
    return version;
  }

  // --- direct uploads

  /**
   * A ticket for uploading a line's CLIP straight to the media store (for a file above the API's
   * payload limit); attach it with {@link FileSource#ofUpload}.
   *
   * @throws AccessDeniedException when the principal's role is lower than executive_manager
   * @throws NotFoundException when no line has this name
   */
  public UploadTicket issueClipUpload(ApiPrincipal who, String lineName, String fileName) {
    ExecutiveService.require(who, Role.EXECUTIVE_MANAGER, "upload a CLIP");
    Objects.requireNonNull(lineName, "lineName");
    read("reading cell line " + lineName, new Jdbc.ConnectionWork<Long>() {
      @Override
      public Long run(Connection c) throws SQLException {
        return lineId(c, lineName);
      }
    });
    return ticket(MediaKind.INFORMATION_PACK, fileName, lineName + ".CLIP.pdf");
  }

  /**
   * A ticket for uploading a batch's certificate of analysis straight to the media store.
   *
   * @throws AccessDeniedException when the principal's role is lower than executive_manager
   * @throws NotFoundException when no batch has this key
   */
  public UploadTicket issueCertificateUpload(ApiPrincipal who, String batchKey, String fileName) {
    ExecutiveService.require(who, Role.EXECUTIVE_MANAGER, "upload a certificate of analysis");
    preCheckBatch(Objects.requireNonNull(batchKey, "batchKey"), -1, false);
    return ticket(MediaKind.CERTIFICATE_OF_ANALYSIS, fileName, batchKey + ".CoA.pdf");
  }

  /**
   * A ticket for uploading a batch's image straight to the media store.
   *
   * @throws AccessDeniedException when the principal's role is lower than executive_manager
   * @throws NotFoundException when no batch has this key
   * @throws ConflictException when the batch has {@value ImageUpload#MAX_IMAGES} images already
   */
  public UploadTicket issueImageUpload(ApiPrincipal who, String batchKey, String fileName) {
    ExecutiveService.require(who, Role.EXECUTIVE_MANAGER, "add a batch image");
    preCheckBatch(Objects.requireNonNull(batchKey, "batchKey"), -1, true);
    return ticket(MediaKind.CELL_IMAGE, fileName, batchKey + ".image");
  }

  private UploadTicket ticket(MediaKind kind, String fileName, String fallback) {
    Objects.requireNonNull(fileName, "fileName");
    return store.issueUpload(new UploadRequest(kind, fileName.isBlank() ? fallback : fileName, ticketExpiry));
  }

  // --- storing and attaching

  // Stores the file (or confirms the direct upload) after checking its size and its first bytes.
  private StoredMedia store(MediaKind kind, Set<MediaFormat> accepted, FileSource file, String fallbackName) {
    if (file.size() > maxFileSize) {
      if (file.isUpload()) {
        removeQuietly(file.upload().value());
      }
      throw tooLarge(file.size());
    }
    if (file.isUpload()) {
      return confirm(kind, accepted, file);
    }
    byte[] head;
    try {
      head = file.content().readNBytes(MediaFormat.MAGIC_LENGTH);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the uploaded file", e);
    }
    requireFormat(kind, accepted, head, head.length);
    String name = file.fileName().isBlank() ? fallbackName + extension(head) : file.fileName();
    InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head), file.content());
    StoredMedia stored = store.put(kind, name, whole);
    if (stored.size() != file.size()) {
      removeQuietly(stored.key().value());
      throw new ValidationException("the file has " + stored.size() + " bytes, not the " + file.size() + " declared");
    }
    return stored;
  }

  private StoredMedia confirm(MediaKind kind, Set<MediaFormat> accepted, FileSource file) {
    MediaKey pending = file.upload();
    Optional<MediaObject> object = store.find(pending);
    if (object.isEmpty()) {
      throw new NotFoundException("nothing was uploaded under upload id " + pending
          + " (or it was attached or cleaned up): ask for a new ticket and upload again");
    }
    if (object.get().size() > maxFileSize) {
      removeQuietly(pending.value());
      throw tooLarge(object.get().size());
    }
    byte[] head;
    try (InputStream in = store.openRange(pending, 0, Math.min(MediaFormat.MAGIC_LENGTH, object.get().size()))) {
      head = in.readNBytes(MediaFormat.MAGIC_LENGTH);
    } catch (IOException e) {
      throw new StorageException("could not read the upload " + pending, e, true);
    }
    try {
      requireFormat(kind, accepted, head, head.length);
    } catch (UnsupportedFileTypeException e) {
      removeQuietly(pending.value());
      throw e;
    }
    return store.confirm(new UploadConfirmation(pending, kind, file.size(), file.md5Hex()));
  }

  private static void requireFormat(MediaKind kind, Set<MediaFormat> accepted, byte[] head, int length) {
    Optional<MediaFormat> format = MediaFormat.detect(head, length);
    if (format.isEmpty() || !accepted.contains(format.get()) || !kind.formats().contains(format.get())) {
      throw new UnsupportedFileTypeException("the file must be " + (accepted == PDF ? "a PDF" : "a JPEG or a PNG")
          + ", but its first bytes are " + format.map(Enum::name).orElse("of no known format"));
    }
  }

  private static String extension(byte[] head) {
    Optional<MediaFormat> format = MediaFormat.detect(head, head.length);
    if (format.isEmpty()) {
      return "";
    }
    return switch (format.get()) {
      case JPEG -> ".jpg";
      case PNG -> ".png";
      default -> "";
    };
  }

  private FileTooLargeException tooLarge(long size) {
    return new FileTooLargeException("the file has " + size + " bytes, above the limit of " + maxFileSize + " bytes");
  }

  // Runs the transaction that refers to the stored object; removes the object unless the transaction
  // committed a reference to it.
  private FileAnswer attach(StoredMedia stored, Transactions.Work<FileAnswer> work) {
    FileAnswer answer = null;
    try {
      answer = tx.write("attaching " + stored.key(), work);
      return answer;
    } finally {
      if (answer == null || answer.replayed()) {
        removeQuietly(stored.key().value());
      }
      if (answer != null && !answer.replayed()) {
        written();
      }
    }
  }

  private void removeQuietly(String key) {
    if (key == null) {
      return;
    }
    try {
      store.delete(MediaKey.of(key));
    } catch (RuntimeException e) {
      LOG.warn("Could not remove media object {}, to which nothing refers: {}", key, e.toString());
    }
  }

  // --- reads and locks

  private <T> T read(String action, Jdbc.ConnectionWork<T> work) {
    return jdbc.read(action, work);
  }

  private long lineId(Connection c, String name) throws SQLException {
    try (PreparedStatement s = tx.prepare(c, FIND_LINE)) {
      s.setString(1, name);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new NotFoundException("no cell line named " + name);
        }
        return r.getLong(1);
      }
    }
  }

  private record LockedLine(long id, String biosamplesId, long version) {}

  private LockedLine lockLine(Connection c, String name) throws SQLException {
    try (PreparedStatement s = tx.prepare(c, LOCK_LINE)) {
      s.setString(1, name);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new NotFoundException("no cell line named " + name);
        }
        return new LockedLine(r.getLong(1), r.getString(2), r.getLong(3));
      }
    }
  }

  // {id, file key, md5} of a line's CLIP version, or null.
  private String[] clipOf(Connection c, long lineId, String version) throws SQLException {
    try (PreparedStatement s = tx.prepare(c, FIND_CLIP)) {
      s.setLong(1, lineId);
      s.setString(2, version);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? new String[] {Long.toString(r.getLong(1)), r.getString(2), r.getString(3)} : null;
      }
    }
  }

  private void preCheckBatch(String batchKey, long expectedVersion, boolean image) {
    read("reading batch " + batchKey, new Jdbc.ConnectionWork<Void>() {
      @Override
      public Void run(Connection c) throws SQLException {
        try (PreparedStatement s = tx.prepare(c, FIND_BATCH)) {
          s.setString(1, batchKey);
          try (ResultSet r = s.executeQuery()) {
            if (!r.next()) {
              throw new NotFoundException("no batch with the key " + batchKey);
            }
            if (expectedVersion >= 0) {
              requireVersion("batch " + batchKey, r.getLong(2), expectedVersion);
            }
            if (image && r.getLong(3) >= ImageUpload.MAX_IMAGES) {
              throw fullBatch(batchKey);
            }
          }
        }
        return null;
      }
    });
  }

  private static final class LockedBatch {
    long id;
    long version;
    String coaKey;
    String coaMd5;
    long lineId;
    String lineBiosamplesId;
    long lineVersion;
  }

  private LockedBatch lockBatch(Connection c, String batchKey) throws SQLException {
    try (PreparedStatement s = tx.prepare(c, LOCK_BATCH)) {
      s.setString(1, batchKey);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new NotFoundException("no batch with the key " + batchKey);
        }
        LockedBatch b = new LockedBatch();
        b.id = r.getLong(1);
        b.version = r.getLong(2);
        b.coaKey = r.getString(3);
        b.coaMd5 = r.getString(4);
        b.lineId = r.getLong(5);
        b.lineBiosamplesId = r.getString(6);
        b.lineVersion = r.getLong(7);
        return b;
      }
    }
  }

  // {id, file key, md5} of each image of a batch, oldest first.
  private List<String[]> images(Connection c, long batchId) throws SQLException {
    List<String[]> images = new ArrayList<>(ImageUpload.MAX_IMAGES);
    try (PreparedStatement s = tx.prepare(c, IMAGES_OF)) {
      s.setLong(1, batchId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          images.add(new String[] {Long.toString(r.getLong(1)), r.getString(2), r.getString(3)});
        }
      }
    }
    return images;
  }

  private static int imageNumber(String item) {
    if (item.isEmpty() || item.length() > 2) {
      throw new NotFoundException("a batch has no image " + item + ": images are numbered 1 to " + ImageUpload.MAX_IMAGES);
    }
    for (int i = 0; i < item.length(); i++) {
      if (item.charAt(i) < '0' || item.charAt(i) > '9') {
        throw new NotFoundException("a batch has no image " + item + ": images are numbered 1 to "
            + ImageUpload.MAX_IMAGES);
      }
    }
    return Integer.parseInt(item);
  }

  private void update(Connection c, String sql, long id) throws SQLException {
    try (PreparedStatement s = tx.prepare(c, sql)) {
      s.setLong(1, id);
      s.executeUpdate();
    }
  }

  private static ConflictException duplicateClip(ClipUpload upload) {
    return new ConflictException("cell line " + upload.lineName() + " has a CLIP " + upload.version()
        + " already: choose another version, or delete that one first");
  }

  private static ConflictException fullBatch(String batchKey) {
    return new ConflictException("batch " + batchKey + " has " + ImageUpload.MAX_IMAGES
        + " images already, the most it may have: delete one first");
  }

  private static void requireVersion(String what, long stored, long expected) {
    if (stored != expected) {
      throw new StaleVersionException(what + " was changed since it was read (version " + stored + ", not "
          + expected + "): read it again and reapply the change");
    }
  }

  // --- idempotency, audit, outbox

  // The stored answer to an earlier request with this key, read before anything is stored.
  private Optional<FileAnswer> answered(ApiPrincipal who, Idempotency idempotency, String operation) {
    if (idempotency == null) {
      return Optional.empty();
    }
    return read("reading an idempotency key", new Jdbc.ConnectionWork<Optional<FileAnswer>>() {
      @Override
      public Optional<FileAnswer> run(Connection c) throws SQLException {
        try (PreparedStatement s = tx.prepare(c, READ_KEY)) {
          s.setString(1, who.username());
          s.setString(2, idempotency.key());
          try (ResultSet r = s.executeQuery()) {
            if (!r.next()) {
              return Optional.empty();
            }
            requireSameRequest(r, idempotency, operation);
            // 0: the first request is still running; the transaction's claim waits for it.
            return r.getInt(3) == 0 ? Optional.empty() : Optional.of(replayed(r.getString(4)));
          }
        }
      }
    });
  }

  // Claims the key for this transaction, or returns the answer stored under it (a concurrent request
  // with the same key waits on the unique index until the first one's transaction ends).
  private Optional<FileAnswer> claim(Connection c, ApiPrincipal who, Idempotency idempotency, String operation)
      throws SQLException {
    try (PreparedStatement s = tx.prepare(c, CLAIM_KEY)) {
      s.setString(1, who.username());
      s.setString(2, idempotency.key());
      s.setString(3, operation);
      s.setBytes(4, idempotency.requestHash());
      if (s.executeUpdate() == 1) {
        return Optional.empty();
      }
    }
    try (PreparedStatement s = tx.prepare(c, READ_KEY)) {
      s.setString(1, who.username());
      s.setString(2, idempotency.key());
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new ConflictException("the Idempotency-Key " + idempotency.key() + " is in use: retry the request");
        }
        requireSameRequest(r, idempotency, operation);
        return Optional.of(replayed(r.getString(4)));
      }
    }
  }

  private static void requireSameRequest(ResultSet r, Idempotency idempotency, String operation) throws SQLException {
    boolean same = r.getString(1).equals(operation) && Arrays.equals(r.getBytes(2), idempotency.requestHash());
    if (!same) {
      throw new IdempotencyKeyReusedException("the Idempotency-Key " + idempotency.key()
          + " was used for another request: use a new key for a new request");
    }
  }

  private static FileAnswer replayed(String body) {
    JsonValue v = JsonReader.create().read(body);
    long version = ((JsonObject) v).findNumber("version").orElseThrow().longValue();
    return new FileAnswer(body, version, true);
  }

  private void storeAnswer(Connection c, ApiPrincipal who, Idempotency idempotency, String body) throws SQLException {
    if (idempotency == null) {
      return;
    }
    try (PreparedStatement s = tx.prepare(c, STORE_ANSWER)) {
      s.setInt(1, 201);
      s.setString(2, body);
      s.setString(3, who.username());
      s.setString(4, idempotency.key());
      s.executeUpdate();
    }
  }

  private void enqueue(Connection c, String biosamplesId) throws SQLException {
    if (!outbox) {
      return;
    }
    try (PreparedStatement s = tx.prepare(c, INSERT_OUTBOX)) {
      s.setString(1, biosamplesId);
      s.executeUpdate();
    }
  }

  private void audit(Connection c, ApiPrincipal who, String entity, String entityId, String cellLine, String action,
      JsonObject changes) throws SQLException {
    try (PreparedStatement s = tx.prepare(c, INSERT_AUDIT)) {
      s.setString(1, who.username());
      s.setString(2, who.role().code());
      s.setString(3, entity);
      s.setString(4, entityId);
      s.setString(5, cellLine);
      s.setString(6, action);
      s.setString(7, ExecutiveJson.compact(changes));
      s.executeUpdate();
    }
  }

  private void written() {
    if (afterWrite == null) {
      return;
    }
    try {
      afterWrite.run();
    } catch (RuntimeException e) {
      LOG.warn("The after-write hook failed: {}", e.toString());
    }
  }

  /** Builds an {@link ExecutiveFiles}. Not thread-safe. */
  public static final class Builder {
    private DataSource dataSource;
    private MediaStore store;
    private Consumer<String> onStatement;
    private SearchOutbox outbox;
    private Runnable afterWrite;
    private Clock clock = Clock.systemUTC();
    private long maxFileSize = DEFAULT_MAX_FILE_SIZE;
    private Duration ticketExpiry = Duration.ofMinutes(15);

    private Builder() {}

    /** The database (required); the caller owns it. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /** Where the files go (required); the caller owns it. */
    public Builder mediaStore(MediaStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Called with the SQL text of every statement run (no bind values); fast and thread-safe. */
    public Builder onStatement(Consumer<String> onStatement) {
      this.onStatement = Objects.requireNonNull(onStatement, "onStatement");
      return this;
    }

    /** See {@link ExecutiveService.Builder#searchOutbox(SearchOutbox)}. */
    public Builder searchOutbox(SearchOutbox outbox) {
      this.outbox = Objects.requireNonNull(outbox, "outbox");
      return this;
    }

    /** See {@link ExecutiveService.Builder#afterWrite(Runnable)}. */
    public Builder afterWrite(Runnable hook) {
      this.afterWrite = Objects.requireNonNull(hook, "hook");
      return this;
    }

    /** The clock for upload times (default: the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The largest file accepted, in bytes (default {@value ExecutiveFiles#DEFAULT_MAX_FILE_SIZE}). */
    public Builder maxFileSize(long maxFileSize) {
      if (maxFileSize < 1) {
        throw new IllegalArgumentException("maxFileSize must be positive: " + maxFileSize);
      }
      this.maxFileSize = maxFileSize;
      return this;
    }

    /** How long a direct-upload ticket's presigned PUT stays valid (default 15 minutes; 1 second to 7 days). */
    public Builder ticketExpiry(Duration expiry) {
      Objects.requireNonNull(expiry, "expiry");
      if (expiry.compareTo(Duration.ofSeconds(1)) < 0 || expiry.compareTo(UploadRequest.MAX_EXPIRY) > 0) {
        throw new IllegalArgumentException("the ticket expiry must be 1 second to 7 days: " + expiry);
      }
      this.ticketExpiry = expiry;
      return this;
    }

    /** Builds the service. */
    public ExecutiveFiles build() {
      return new ExecutiveFiles(this);
    }
  }
}

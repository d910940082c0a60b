package org.cellbank.ims.examples.bench;

import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.cellbank.ims.aws.storage.S3MediaStore;
import org.cellbank.ims.core.media.MediaKind;
import org.cellbank.ims.core.media.StoredMedia;
import org.cellbank.ims.testkit.ImsS3;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Uploads a generated stream (1 GiB by default) through {@link S3MediaStore} and, in the same run,
 * through a plain AWS SDK multipart upload of the same bytes, against the S3-protocol server of
 * {@code ims-testkit}; prints throughput, peak heap and the ratio of the store's throughput to the
 * plain upload's. The store runs twice: on the calling thread alone (the default) and with an
 * upload executor (hashing overlaps sending).
 *
 * <p>Run it in a small heap to show that memory stays bounded by the part size:
 *
 * <pre>{@code
 * ./mvnw -B -q -pl examples/benchmarks -am -DskipTests -Pmedia-benchmark verify
 * }</pre>
 *
 * <p>Arguments (all optional): the size in MiB (default 1024) and the number of rounds (default 2;
 * each round uploads with every method, rotating which goes first). Throughput is the best round;
 * peak heap is the largest.
 */
public final class MediaUploadBenchmark {

  private static final int PART = S3MediaStore.DEFAULT_PART_SIZE;
  private static final double MIB = 1024.0 * 1024.0;

  private MediaUploadBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args optional: size in MiB, rounds
   */
  public static void main(String[] args) throws Exception {
    long sizeMiB = args.length > 0 ? Long.parseLong(args[0]) : 1024;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    long size = sizeMiB * 1024 * 1024;
    System.out.printf("media upload benchmark: %d MiB x %d rounds, part size %d MiB, max heap %.0f MiB, %d CPUs%n",
        sizeMiB, rounds, PART / (1024 * 1024), Runtime.getRuntime().maxMemory() / MIB, Runtime.getRuntime().availableProcessors());

    try (ImsS3 server = ImsS3.start();
        S3Client s3 = S3Client.builder()
            .endpointOverride(server.endpoint())
            .region(Region.of(server.region()))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
            .forcePathStyle(true)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .build();
        S3Presigner presigner = S3Presigner.builder()
            .endpointOverride(server.endpoint())
            .region(Region.of(server.region()))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
            .build()) {
      S3MediaStore store = S3MediaStore.builder().s3(s3).presigner(presigner).bucket(server.bucket()).maxSize(size).build();
      ExecutorService executor = Executors.newSingleThreadExecutor();
      try {
        S3MediaStore overlapped = S3MediaStore.builder().s3(s3).presigner(presigner).bucket(server.bucket())
            .maxSize(size).uploadExecutor(executor).build();
        // Warm up every path (JIT, connection pool) on 64 MiB, not measured.
        storeUpload(store, 64L * 1024 * 1024);
        storeUpload(overlapped, 64L * 1024 * 1024);
        plainUpload(s3, server.bucket(), 64L * 1024 * 1024);

        List<Runnable> runs = List.of(
            () -> record(STORE, measure(STORE, size, () -> storeUpload(store, size))),
            () -> record(OVERLAPPED, measure(OVERLAPPED, size, () -> storeUpload(overlapped, size))),
            () -> record(PLAIN, measure(PLAIN, size, () -> plainUpload(s3, server.bucket(), size))));
        for (int round = 0; round < rounds; round++) {
          // Rotate the order, so no method always runs first (cold page cache) or last.
          for (int i = 0; i < runs.size(); i++) {
            runs.get((i + round) % runs.size()).run();
          }
        }
      } finally {
        executor.shutdownNow();
      }
      Result plain = best(PLAIN);
      System.out.println();
      for (String name : List.of(STORE, OVERLAPPED, PLAIN)) {
        Result r = best(name);
        System.out.printf("best %-34s %7.1f MiB/s, peak heap %5.1f MiB, ratio to plain SDK %.2f%n",
            name, r.mibPerSecond(), r.peakHeap() / MIB, r.mibPerSecond() / plain.mibPerSecond());
      }
      System.out.println("(target: ratio >= 0.80; the store also computes MD5 + SHA-256 and a Content-MD5 per part, the plain upload no checksum)");
    }
  }

  private static final String STORE = "S3MediaStore.put";
  private static final String OVERLAPPED = "S3MediaStore.put + uploadExecutor";
  private static final String PLAIN = "plain SDK multipart";
  private static final Map<String, List<Result>> RESULTS = new LinkedHashMap<>();

  private static void record(String name, Result result) {
    RESULTS.computeIfAbsent(name, n -> new ArrayList<>()).add(result);
  }

  private static Result best(String name) {
    List<Result> results = RESULTS.get(name);
    double speed = results.stream().mapToDouble(Result::mibPerSecond).max().orElseThrow();
    long peak = results.stream().mapToLong(Result::peakHeap).max().orElseThrow();
    return new Result(speed, peak);
  }

  private static void storeUpload(S3MediaStore store, long size) {
    StoredMedia stored = store.put(MediaKind.CELL_IMAGE, "benchmark.png", new GeneratedStream(size));
    if (stored.size() != size) {
      throw new IllegalStateException("stored " + stored.size() + " bytes, expected " + size);
    }
    store.delete(stored.key());
  }

  private static void plainUpload(S3Client s3, String bucket, long size) {
    String key = "plain/benchmark.bin";
    String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
    List<CompletedPart> parts = new ArrayList<>();
    byte[] buffer = new byte[PART];
    try (InputStream in = new GeneratedStream(size)) {
      for (int n = in.readNBytes(buffer, 0, PART); n > 0; n = in.readNBytes(buffer, 0, PART)) {
        int partNumber = parts.size() + 1;
        String eTag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
            RequestBody.fromBytes(n == PART ? buffer : java.util.Arrays.copyOf(buffer, n))).eTag();
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
    s3.deleteObject(b -> b.bucket(bucket).key(key));
  }

  private static Result measure(String name, long size, Runnable upload) {
    System.gc();
    List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).toList();
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    long gcCountBefore = gcCount();
    long gcTimeBefore = gcTime();
    long start = System.nanoTime();
    upload.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    long peak = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    // What the last collection left alive: the upload's live set, without garbage awaiting collection.
    long afterGc = heapPools.stream().filter(p -> p.getCollectionUsage() != null)
        .mapToLong(p -> p.getCollectionUsage().getUsed()).sum();
    Result result = new Result(size / MIB / seconds, peak);
    System.out.printf("%-34s %6.0f MiB in %6.2f s = %7.1f MiB/s, peak heap (sum of pool peaks) %5.1f MiB,"
            + " heap after last GC %5.1f MiB, %d GCs, %d ms GC%n",
        name, size / MIB, seconds, result.mibPerSecond(), peak / MIB, afterGc / MIB,
        gcCount() - gcCountBefore, gcTime() - gcTimeBefore);
    return result;
  }

  private static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
  }

  private static long gcTime() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
  }

  private record Result(double mibPerSecond, long peakHeap) {}

  /** A stream of {@code size} pseudo-random bytes that starts with the PNG signature; no memory beyond one block. */
  private static final class GeneratedStream extends InputStream {
    private static final byte[] BLOCK = block();
    private final long size;
    private long position;

    GeneratedStream(long size) {
      this.size = size;
    }

    private static byte[] block() {
      byte[] block = new byte[1024 * 1024 + 7];
      new Random(42).nextBytes(block);
      byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
      System.arraycopy(png, 0, block, 0, png.length);
      return block;
    }

    @Override
    public int read() {
      if (position >= size) {
        return -1;
      }
      return BLOCK[(int) (position++ % BLOCK.length)] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= size) {
        return -1;
      }
      int total = (int) Math.min(len, size - position);
      int done = 0;
      while (done < total) {
        int at = (int) (position % BLOCK.length);
        int n = Math.min(total - done, BLOCK.length - at);
        System.arraycopy(BLOCK, at, b, off + done, n);
        done += n;
        position += n;
      }
      return total;
    }
  }
}

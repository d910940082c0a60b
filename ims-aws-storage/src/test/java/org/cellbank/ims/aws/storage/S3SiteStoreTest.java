package org.cellbank.ims.aws.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.cellbank.ims.core.site.SiteStore;
import org.cellbank.ims.core.site.SiteStoreContract;
import org.cellbank.ims.testkit.ImsS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** The site-store contract on a real S3-protocol server, plus what S3 stores with each object. */
class S3SiteStoreTest extends SiteStoreContract {
  private static S3Client s3;

  @BeforeAll
  static void client() {
    s3 = S3Fixture.client(ImsS3.shared());
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  @Override
  protected SiteStore store() {
    return S3SiteStore.builder().s3(s3).bucket(S3Fixture.newBucket(ImsS3.shared())).keyPrefix("site/").build();
  }

  @Test
  void objects_carryTheirContentType_andCacheControl_underThePrefix() {
    S3SiteStore store = (S3SiteStore) store();
    store.put("UKBi008-A/index.html", new byte[] {'<'}, "text/html; charset=utf-8");
    store.put("assets/site.0123456789.css", new byte[] {'a'}, "text/css; charset=utf-8");
    HeadObjectResponse page = s3.headObject(b -> b.bucket(store.bucket()).key("site/UKBi008-A/index.html"));
    // S3Proxy writes the parameter without the space; the type and charset are what was sent.
    assertThat(page.contentType().replace(" ", "")).isEqualTo("text/html;charset=utf-8");
    assertThat(page.cacheControl()).isEqualTo("no-cache");
    HeadObjectResponse css = s3.headObject(b -> b.bucket(store.bucket()).key("site/assets/site.0123456789.css"));
    assertThat(css.cacheControl()).isEqualTo("public, max-age=31536000, immutable");
    assertThat(store.exists("assets/site.0123456789.css")).isTrue();
    assertThat(store.exists("assets/other.css")).isFalse();
  }

  @Test
  void aFileWhoseBytesAreStoredAlready_isNotSentAgain_evenByANewStore() {
    java.util.concurrent.atomic.AtomicInteger puts = new java.util.concurrent.atomic.AtomicInteger();
    software.amazon.awssdk.core.interceptor.ExecutionInterceptor counter =
        new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
          @Override
          public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
              software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
            if (context.request() instanceof software.amazon.awssdk.services.s3.model.PutObjectRequest) {
              puts.incrementAndGet();
            }
          }
        };
    String bucket = S3Fixture.newBucket(ImsS3.shared());
    try (S3Client counted = S3Fixture.client(ImsS3.shared(), counter)) {
      S3SiteStore first = S3SiteStore.builder().s3(counted).bucket(bucket).build();
      first.put("a/index.html", "one".getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/html");
      first.put("a/index.html", "one".getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/html");
      assertThat(puts).as("the same bytes twice").hasValue(1);
      first.put("a/index.html", "two".getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/html");
      assertThat(puts).as("changed bytes").hasValue(2);

      S3SiteStore later = S3SiteStore.builder().s3(counted).bucket(bucket).build();
      later.put("a/index.html", "two".getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/html");
      assertThat(puts).as("a new store learns what is stored from the listing").hasValue(2);
      later.delete("a/index.html");
      later.put("a/index.html", "two".getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/html");
      assertThat(puts).as("after a delete the file is written again").hasValue(3);
      assertThat(later.find("a/index.html")).hasValueSatisfying(bytes ->
          assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("two"));
    }
  }
}

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
}

package org.cellbank.ims.examples.cdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CacheCookieBehavior;
import software.amazon.awscdk.services.cloudfront.CacheHeaderBehavior;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.CacheQueryStringBehavior;
import software.amazon.awscdk.services.cloudfront.CachedMethods;
import software.amazon.awscdk.services.cloudfront.FunctionCode;
import software.amazon.awscdk.services.cloudfront.FunctionAssociation;
import software.amazon.awscdk.services.cloudfront.FunctionEventType;
import software.amazon.awscdk.services.cloudfront.FunctionRuntime;
import software.amazon.awscdk.services.cloudfront.OriginProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.OriginSslPolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.ErrorResponse;
import software.amazon.awscdk.services.cloudfront.HeadersFrameOption;
import software.amazon.awscdk.services.cloudfront.HeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentSecurityPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersFrameOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersStrictTransportSecurity;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.HttpOrigin;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The buckets (media, the public site, the registry stage, and their access logs)
 * and the CloudFront distribution in front of the site: the site bucket (with a viewer-request
 * function that serves {@code /<name>/} from {@code <name>/index.html}) and, under
 * {@link #PUBLIC_API_PATH}, the HTTP API, whose public search the search page calls on the site's
 * own origin, and under {@link #EXECUTIVE_API_PATH} the same API uncached, for the staff console.
 *
 * <p>Every bucket is encrypted (SSE-S3), blocks all public access, refuses plain HTTP and writes
 * server access logs to the log bucket.
 */
final class Storage extends Construct {

  /** The media key prefix of presigned uploads not yet confirmed. */
  static final String PENDING_PREFIX = "pending/";
  /** The site's paths that CloudFront forwards to the API, cached as the answers say. */
  static final String PUBLIC_API_PATH = "/api/public/*";
  /** The executive API's paths, which the staff console ({@code /staff/}) calls: forwarded, never cached. */
  static final String EXECUTIVE_API_PATH = "/api/v0/executive/*";
  /** The longest CloudFront keeps a public API answer; the answer's own max-age (60 s) applies below it. */
  static final Duration PUBLIC_API_MAX_TTL = Duration.minutes(5);

  /**
   * The viewer-request function of the site's default behaviour (cloudfront-js-2.0): a path ending
   * in {@code /} is served from its {@code index.html}; a path whose last segment has no dot (a line
   * name typed without the slash) is redirected (301) to the folder, without its query string; the
   * generator's own records under {@code .ims/} (the change-feed cursor, the page names) answer 404.
   */
  static final String INDEX_FUNCTION = String.join("\n",
      "function handler(event) {",
      "  var request = event.request;",
      "  var uri = request.uri;",
      "  if (uri.startsWith('/.ims/')) {",
      "    return {statusCode: 404, statusDescription: 'Not Found'};",
      "  }",
      "  if (uri.endsWith('/')) {",
      "    request.uri = uri + 'index.html';",
      "    return request;",
      "  }",
      "  if (uri.lastIndexOf('.') < uri.lastIndexOf('/')) {",
      "    return {statusCode: 301, statusDescription: 'Moved Permanently',",
      "      headers: {location: {value: uri + '/'}}};",
      "  }",
      "  return request;",
      "}");

  /** How long a staged copy of the registry is kept: the import takes one up to 36 hours old. */
  static final int STAGE_RUN_DAYS = 7;

  final Bucket logs;
  final Bucket media;
  final Bucket site;
  /** The registry's copies, written by the fetch function outside the VPC, read by the import inside. */
  final Bucket stage;
  final Distribution distribution;

  /**
   * @param apiOrigin the API's origin the site's pages call (the Content-Security-Policy's connect-src)
   * @param executeApiDomain the API's {@code execute-api} host name, the origin of {@link #PUBLIC_API_PATH} and
   *     {@link #EXECUTIVE_API_PATH}
   */
  Storage(Construct scope, String id, StageSettings settings, String apiOrigin, String executeApiDomain) {
    super(scope, id);
    logs = Bucket.Builder.create(this, "AccessLogs")
        .encryption(BucketEncryption.S3_MANAGED)
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
        .enforceSsl(true)
        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
        .lifecycleRules(List.of(LifecycleRule.builder()
            .id("expire-access-logs")
            .expiration(Duration.days(settings.logRetentionDays()))
            .build()))
        .removalPolicy(settings.removalPolicy())
        .build();

    site = Bucket.Builder.create(this, "Site")
        .encryption(BucketEncryption.S3_MANAGED)
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
        .enforceSsl(true)
        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
        .serverAccessLogsBucket(logs)
        .serverAccessLogsPrefix("site/")
        .removalPolicy(settings.removalPolicy())
        .build();

    stage = Bucket.Builder.create(this, "RegistryStage")
        .encryption(BucketEncryption.S3_MANAGED)
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
        .enforceSsl(true)
        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
        .serverAccessLogsBucket(logs)
        .serverAccessLogsPrefix("stage/")
        .lifecycleRules(List.of(LifecycleRule.builder()
            .id("expire-registry-copies")
            .prefix("registry/runs/")
            .expiration(Duration.days(STAGE_RUN_DAYS))
            .build()))
        .removalPolicy(settings.removalPolicy())
        .build();

    ResponseHeadersPolicy headers = ResponseHeadersPolicy.Builder.create(this, "SecurityHeaders")
        .comment("IMS site: security headers")
        .securityHeadersBehavior(ResponseSecurityHeadersBehavior.builder()
            .contentSecurityPolicy(ResponseHeadersContentSecurityPolicy.builder()
                .contentSecurityPolicy(contentSecurityPolicy(apiOrigin))
                .override(true)
                .build())
            .strictTransportSecurity(ResponseHeadersStrictTransportSecurity.builder()
                .accessControlMaxAge(Duration.days(365))
                .includeSubdomains(true)
                .override(true)
                .build())
            .contentTypeOptions(ResponseHeadersContentTypeOptions.builder().override(true).build())
            .frameOptions(ResponseHeadersFrameOptions.builder().frameOption(HeadersFrameOption.DENY).override(true).build())
            .referrerPolicy(ResponseHeadersReferrerPolicy.builder()
                .referrerPolicy(HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)
                .override(true)
                .build())
            .build())
        .build();

    software.amazon.awscdk.services.cloudfront.Function index =
        software.amazon.awscdk.services.cloudfront.Function.Builder.create(this, "IndexFunction")
            .comment("IMS site: /<name>/ is <name>/index.html; /<name> redirects to /<name>/")
            .runtime(FunctionRuntime.JS_2_0)
            .code(FunctionCode.fromInline(INDEX_FUNCTION))
            .build();
    // The public search's answers: cached as the answer's Cache-Control says, per query string.
    CachePolicy publicApiCache = CachePolicy.Builder.create(this, "PublicApiCache")
        .comment("IMS public API: the origin's Cache-Control, the query string in the key")
        .minTtl(Duration.seconds(0))
        .defaultTtl(Duration.seconds(0))
        .maxTtl(PUBLIC_API_MAX_TTL)
        .queryStringBehavior(CacheQueryStringBehavior.all())
        .headerBehavior(CacheHeaderBehavior.none())
        .cookieBehavior(CacheCookieBehavior.none())
        .enableAcceptEncodingGzip(true)
        .enableAcceptEncodingBrotli(true)
        .build();
    HttpOrigin apiHttpOrigin = HttpOrigin.Builder.create(executeApiDomain)
        .protocolPolicy(OriginProtocolPolicy.HTTPS_ONLY)
        .originSslProtocols(List.of(OriginSslPolicy.TLS_V1_2))
        .build();
    BehaviorOptions publicApi = BehaviorOptions.builder()
        .origin(apiHttpOrigin)
        .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
        .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
        .cachedMethods(CachedMethods.CACHE_GET_HEAD)
        .cachePolicy(publicApiCache)
        // The query string and the viewer's headers, but the Host header is the API's own.
        .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
        .responseHeadersPolicy(headers)
        .compress(true)
        .build();
    // The staff console's calls carry a key: never cached, every method, the viewer's headers
    // (Authorization, If-Match, Idempotency-Key, Content-Type) and query string, the Host header the
    // API's own. CloudFront refuses an origin request policy that names Authorization; an all-viewer
    // policy forwards it when the behaviour's caching is disabled.
    BehaviorOptions executiveApi = BehaviorOptions.builder()
        .origin(apiHttpOrigin)
        .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
        .allowedMethods(AllowedMethods.ALLOW_ALL)
        .cachedMethods(CachedMethods.CACHE_GET_HEAD)
        .cachePolicy(CachePolicy.CACHING_DISABLED)
        .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
        .responseHeadersPolicy(headers)
        .compress(true)
        .build();
    Map<String, BehaviorOptions> apiBehaviours = new LinkedHashMap<>();
    apiBehaviours.put(PUBLIC_API_PATH, publicApi);
    apiBehaviours.put(EXECUTIVE_API_PATH, executiveApi);

    distribution = Distribution.Builder.create(this, "SiteDistribution")
        .comment("IMS public site")
        .defaultBehavior(BehaviorOptions.builder()
            .origin(S3BucketOrigin.withOriginAccessControl(site))
            .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
            .responseHeadersPolicy(headers)
            .compress(true)
            .functionAssociations(List.of(FunctionAssociation.builder()
                .eventType(FunctionEventType.VIEWER_REQUEST)
                .function(index)
                .build()))
            .build())
        .additionalBehaviors(apiBehaviours)
        .defaultRootObject("index.html")
        // Without s3:ListBucket a missing key answers 403 from S3: both are the site's 404 page.
        .errorResponses(List.of(
            ErrorResponse.builder().httpStatus(404).responseHttpStatus(404).responsePagePath("/404.html")
                .ttl(Duration.minutes(1)).build(),
            ErrorResponse.builder().httpStatus(403).responseHttpStatus(404).responsePagePath("/404.html")
                .ttl(Duration.minutes(1)).build()))
        .httpVersion(HttpVersion.HTTP2_AND_3)
        .priceClass(PriceClass.PRICE_CLASS_100)
        .enableIpv6(true)
        .build();

    String corsOrigin = settings.siteOrigin() != null ? settings.siteOrigin() : siteUrl();
    media = Bucket.Builder.create(this, "Media")
        .encryption(BucketEncryption.S3_MANAGED)
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
        .enforceSsl(true)
        .versioned(true)
        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
        .serverAccessLogsBucket(logs)
        .serverAccessLogsPrefix("media/")
        .lifecycleRules(List.of(
            LifecycleRule.builder()
                .id("expire-pending-uploads")
                .prefix(PENDING_PREFIX)
                .expiration(Duration.days(1))
                .build(),
            LifecycleRule.builder()
                .id("abort-incomplete-multipart-uploads")
                .abortIncompleteMultipartUploadAfter(Duration.days(1))
                .build(),
            LifecycleRule.builder()
                .id("expire-noncurrent-versions")
                .noncurrentVersionExpiration(Duration.days(settings.mediaNoncurrentVersionDays()))
                .build()))
        .cors(List.of(CorsRule.builder()
            .allowedOrigins(List.of(corsOrigin))
            .allowedMethods(List.of(HttpMethods.GET, HttpMethods.HEAD, HttpMethods.PUT))
            .allowedHeaders(List.of("*"))
            .exposedHeaders(List.of("ETag"))
            .maxAge(3000)
            .build()))
        .removalPolicy(settings.removalPolicy())
        .build();

  }

  /** The site's URL through CloudFront. */
  String siteUrl() {
    return "https://" + distribution.getDistributionDomainName();
  }

  /**
   * The site's Content-Security-Policy: its own scripts, styles and images only (no inline script or
   * style), API calls to the API's origin, images from the API (whose media route redirects to a
   * presigned S3 URL in the stack's region), no framing.
   */
  static String contentSecurityPolicy(String apiOrigin) {
    return "default-src 'none'; script-src 'self'; style-src 'self'; "
        + "img-src 'self' data: " + apiOrigin + " https://*.s3." + Aws.REGION + ".amazonaws.com; font-src 'self'; "
        + "connect-src 'self' " + apiOrigin + "; manifest-src 'self'; base-uri 'none'; form-action 'self'; "
        + "frame-ancestors 'none'; object-src 'none'; upgrade-insecure-requests";
  }
}

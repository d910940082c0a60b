package org.cellbank.ims.examples.cdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegrationProps;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.ApiMapping;
import software.amazon.awscdk.services.apigatewayv2.DomainName;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.apigatewayv2.HttpRouteKey;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.IpAddressType;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.PayloadFormatVersion;
import software.amazon.awscdk.services.apigatewayv2.SecurityPolicy;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.certificatemanager.CertificateValidation;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.route53.AaaaRecord;
import software.amazon.awscdk.services.route53.ARecord;
import software.amazon.awscdk.services.route53.HostedZone;
import software.amazon.awscdk.services.route53.HostedZoneAttributes;
import software.amazon.awscdk.services.route53.IHostedZone;
import software.amazon.awscdk.services.route53.RecordTarget;
import software.amazon.awscdk.services.route53.targets.ApiGatewayv2DomainProperties;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * The HTTP API (payload 2.0) in front of the three API functions' {@code live} aliases ({@link #routeTo},
 * added once the functions exist, after the site whose security headers name the API): the search
 * route, the public search route (which the site's CloudFront distribution forwards), the media
 * route and the default route, stage throttling, JSON access logs; with a custom domain, its DNS-validated certificate (which ACM
 * renews by itself), the API Gateway domain name, the API mapping and the alias records.
 */
final class Api extends Construct {

  final HttpApi api;
  final HttpStage stage;
  final LogGroup accessLogs;
  final String url;
  final String origin;
  /** The API's own {@code execute-api} host name, which CloudFront forwards the site's API calls to. */
  final String executeApiDomain;

  Api(Construct scope, String id, StageSettings settings) {
    super(scope, id);
    api = HttpApi.Builder.create(this, "HttpApi")
        .apiName(settings.stackName())
        .description("IMS HTTP API")
        .ipAddressType(IpAddressType.DUAL_STACK)
        .createDefaultStage(false)
        .build();
    executeApiDomain = api.getApiId() + ".execute-api." + software.amazon.awscdk.Aws.REGION + "."
        + software.amazon.awscdk.Aws.URL_SUFFIX;
    accessLogs = LogGroup.Builder.create(this, "AccessLogs")
        .retention(settings.logRetention())
        .removalPolicy(settings.removalPolicy())
        .build();
    LogGroupLogDestination destination = new LogGroupLogDestination(accessLogs);
    AccessLogFormat format = AccessLogFormat.custom(accessLogFormat());
    stage = HttpStage.Builder.create(this, "DefaultStage")
        .httpApi(api)
        .stageName("$default")
        .autoDeploy(true)
        .throttle(ThrottleSettings.builder()
            .rateLimit(settings.throttleRateLimit())
            .burstLimit(settings.throttleBurstLimit())
            .build())
        .accessLogSettings(new IAccessLogSettings() {
          @Override
          public IAccessLogDestination getDestination() {
            return destination;
          }

          @Override
          public AccessLogFormat getFormat() {
            return format;
          }
        })
        .build();

    if (settings.hasCustomDomain()) {
      IHostedZone zone = HostedZone.fromHostedZoneAttributes(this, "Zone", HostedZoneAttributes.builder()
          .hostedZoneId(settings.hostedZoneId())
          .zoneName(settings.hostedZoneName())
          .build());
      Certificate certificate = Certificate.Builder.create(this, "Certificate")
          .domainName(settings.domainName())
          .validation(CertificateValidation.fromDns(zone))
          .build();
      DomainName domain = DomainName.Builder.create(this, "DomainName")
          .domainName(settings.domainName())
          .certificate(certificate)
          .securityPolicy(SecurityPolicy.TLS_1_2)
          .ipAddressType(IpAddressType.DUAL_STACK)
          .build();
      ApiMapping.Builder mapping = ApiMapping.Builder.create(this, "Mapping").api(api).domainName(domain).stage(stage);
      if (settings.basePath() != null) {
        mapping.apiMappingKey(settings.basePath());
      }
      mapping.build();
      RecordTarget alias = RecordTarget.fromAlias(
          new ApiGatewayv2DomainProperties(domain.getRegionalDomainName(), domain.getRegionalHostedZoneId()));
      ARecord.Builder.create(this, "AliasA").zone(zone).recordName(settings.domainName()).target(alias).build();
      AaaaRecord.Builder.create(this, "AliasAaaa").zone(zone).recordName(settings.domainName()).target(alias).build();
      origin = "https://" + settings.domainName();
      url = origin + (settings.basePath() == null ? "/" : "/" + settings.basePath() + "/");
    } else {
      url = stage.getUrl();
      origin = "https://" + executeApiDomain;
    }
  }

  /** The search route's key: the search function serves this one path. */
  static final String SEARCH_ROUTE = "GET /api/v0/search";
  /** The public website's search, without a key: the search function serves it too. */
  static final String PUBLIC_SEARCH_ROUTE = "GET /api/public/search";
  /** The media route's key: the media function serves every key under {@code /media/}. */
  static final String MEDIA_ROUTE = "GET /media/{proxy+}";

  /**
   * Sends {@link #SEARCH_ROUTE} and {@link #PUBLIC_SEARCH_ROUTE} to {@code search}, {@link #MEDIA_ROUTE}
   * to {@code media} and every other request ({@code $default}) to {@code http}, each with the 2.0
   * payload and its own invoke permission on its target; returns the four routes.
   */
  /** The executive file routes' paths, sent to the files function with any method. */
  static final List<String> FILE_PATHS = List.of(
      "/api/v0/executive/cell-lines/{name}/clips", "/api/v0/executive/cell-lines/{name}/clips/{proxy+}",
      "/api/v0/executive/batches/{key}/certificate-of-analysis",
      "/api/v0/executive/batches/{key}/certificate-of-analysis/{proxy+}",
      "/api/v0/executive/batches/{key}/images", "/api/v0/executive/batches/{key}/images/{proxy+}");

  List<HttpRoute> routeTo(IFunction http, IFunction files, IFunction search, IFunction media) {
    List<HttpRoute> routes = new java.util.ArrayList<>(List.of(
        route("DefaultRoute", HttpRouteKey.DEFAULT, "Http", http),
        route("SearchRoute", HttpRouteKey.with("/api/v0/search", HttpMethod.GET), "Search", search),
        route("PublicSearchRoute", HttpRouteKey.with("/api/public/search", HttpMethod.GET), "PublicSearch", search),
        route("MediaRoute", HttpRouteKey.with("/media/{proxy+}", HttpMethod.GET), "Media", media)));
    for (int i = 0; i < FILE_PATHS.size(); i++) {
      routes.add(route("FilesRoute" + i, HttpRouteKey.with(FILE_PATHS.get(i), HttpMethod.ANY), "Files" + i, files));
    }
    return List.copyOf(routes);
  }

  private HttpRoute route(String id, HttpRouteKey key, String integrationId, IFunction target) {
    return HttpRoute.Builder.create(this, id)
        .httpApi(api)
        .routeKey(key)
        .integration(new HttpLambdaIntegration(integrationId, target, HttpLambdaIntegrationProps.builder()
            .payloadFormatVersion(PayloadFormatVersion.VERSION_2_0)
            .build()))
        .build();
  }

  // One JSON object per request; no header, query string or body (they may carry keys).
  private static String accessLogFormat() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("requestId", "$context.requestId");
    fields.put("time", "$context.requestTime");
    fields.put("ip", "$context.identity.sourceIp");
    fields.put("method", "$context.httpMethod");
    fields.put("path", "$context.path");
    fields.put("status", "$context.status");
    fields.put("bytes", "$context.responseLength");
    fields.put("latencyMs", "$context.responseLatency");
    fields.put("integrationLatencyMs", "$context.integrationLatency");
    fields.put("integrationError", "$context.integrationErrorMessage");
    StringBuilder json = new StringBuilder("{");
    for (Map.Entry<String, String> e : fields.entrySet()) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append('"').append(e.getKey()).append("\":\"").append(e.getValue()).append('"');
    }
    return json.append('}').toString();
  }
}

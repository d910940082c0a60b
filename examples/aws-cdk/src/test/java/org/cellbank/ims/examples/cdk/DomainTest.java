package org.cellbank.ims.examples.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With a custom domain: a DNS-validated certificate, the domain name, the mapping and the records; and
 * pointed at a restored database (the same synthesis).
 */
class DomainTest {

  private final Synthesised s = Synthesised.withDomain();

  @Test
  void certificate_isValidatedByDnsInTheGivenZone() {
    Map<String, Object> cert = Synthesised.props(StackTest.only(s, "AWS::CertificateManager::Certificate"));
    assertThat(cert).containsEntry("DomainName", "api.catalogue.example.org").containsEntry("ValidationMethod", "DNS");
    assertThat(cert.get("DomainValidationOptions").toString()).contains("HostedZoneId=Z0123456789EXAMPLE");
  }

  @Test
  void domain_mapsTheBasePath_andAliasRecordsPointAtIt() {
    Map<String, Object> domain = Synthesised.props(StackTest.only(s, "AWS::ApiGatewayV2::DomainName"));
    assertThat(domain).containsEntry("DomainName", "api.catalogue.example.org");
    assertThat(domain.get("DomainNameConfigurations").toString()).contains("SecurityPolicy=TLS_1_2");
    assertThat(Synthesised.props(StackTest.only(s, "AWS::ApiGatewayV2::ApiMapping"))).containsEntry("ApiMappingKey", "ims");
    assertThat(s.ofType("AWS::Route53::RecordSet").values()).extracting(r -> Synthesised.props(r).get("Type"))
        .containsExactlyInAnyOrder("A", "AAAA");
    assertThat(s.ofType("AWS::Route53::RecordSet").values()).allSatisfy(r -> assertThat(Synthesised.props(r))
        .containsEntry("HostedZoneId", "Z0123456789EXAMPLE").containsKey("AliasTarget"));
  }

  @Test
  void theFunctionAndTheOutputs_useTheBasePath() {
    for (String fn : new String[] {"Http", "Search", "Media"}) {
      assertThat(StackTest.env(StackTest.function(s, fn))).as(fn).containsEntry("IMS_BASE_PATH", "/ims");
    }
    Map<String, Object> outputs = StackTest.map(s.template.toJSON().get("Outputs"));
    assertThat(StackTest.map(outputs.get("ImsApiUrl"))).containsEntry("Value", "https://api.catalogue.example.org/ims/");
    String csp = Synthesised.props(StackTest.only(s, "AWS::CloudFront::ResponseHeadersPolicy")).toString();
    assertThat(csp).contains("connect-src 'self' https://api.catalogue.example.org;");
  }

  @Test
  void siteFunction_writesTheSiteOrigin_andCloudFrontStillReachesTheApiOnItsExecuteApiName() {
    assertThat(StackTest.env(StackTest.function(s, "Site"))).containsEntry("IMS_SITE_URL", "https://catalogue.example.org/");
    Map<String, Object> config = StackTest.map(Synthesised.props(StackTest.only(s, "AWS::CloudFront::Distribution"))
        .get("DistributionConfig"));
    // The custom domain's mapping puts the API under /ims: the execute-api name serves it at /api/public/.
    assertThat(StackTest.list(config.get("Origins")).get(1).toString()).contains(".execute-api.")
        .doesNotContain("api.catalogue.example.org");
  }

  @Test
  void restoredDatabase_isWhatTheFunctionsConnectTo_andReadTheSecretOf() {
    for (String fn : StackTest.FUNCTIONS) {
      Map<String, Object> env = StackTest.env(StackTest.function(s, fn));
      assertThat(env).containsEntry("IMS_DB_SECRET_ID", Synthesised.RESTORED_SECRET).containsEntry("IMS_JDBC_URL",
          "jdbc:postgresql://ims-prod-restored.abcdefghijkl.eu-west-1.rds.amazonaws.com:5432/ims?sslmode=require");
    }
    assertThat(s.ofType("AWS::IAM::Policy").values().toString()).contains(Synthesised.RESTORED_SECRET)
        .doesNotContain("MasterUserSecret.SecretArn");
    assertThat(s.ofType("AWS::RDS::DBInstance")).as("the stack's own instance stays until removed by hand").hasSize(1);
  }

  @Test
  void withoutADomain_noCertificateOrRecord() {
    assertThat(Synthesised.prod().ofType("AWS::CertificateManager::Certificate")).isEmpty();
    assertThat(Synthesised.prod().ofType("AWS::Route53::RecordSet")).isEmpty();
    assertThat(StackTest.env(StackTest.function(Synthesised.prod(), "Http"))).containsEntry("IMS_BASE_PATH", "");
  }

  @Test
  void nag_hasNoUnsuppressedFinding_withADomain() {
    assertThat(s.nagFindings).isEmpty();
  }
}

package org.cellbank.ims.examples.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/** Settings come from the context over the stage's defaults, and a bad one stops the synthesis. */
class StageSettingsTest {

  private static StageSettings settings(Map<String, Object> context) {
    return StageSettings.fromContext(new App(AppProps.builder().context(context).build()).getNode());
  }

  @Test
  void stageDefaults_differWhereTheStagesDo_andContextOverridesThem() {
    StageSettings dev = settings(Map.of());
    StageSettings prod = settings(Map.of("stage", "prod", "vpcZones", "1", "logRetentionDays", "30"));
    assertThat(dev.stage()).isEqualTo("dev");
    assertThat(dev.stackName()).isEqualTo("Ims-dev");
    assertThat(dev.vpcZones()).isEqualTo(1);
    assertThat(dev.deletionProtection()).isFalse();
    assertThat(prod.stackName()).isEqualTo("Ims-prod");
    assertThat(prod.deletionProtection()).isTrue();
    assertThat(prod.backupRetentionDays()).isEqualTo(7);
    assertThat(prod.vpcZones()).isEqualTo(1);
    assertThat(prod.logRetentionDays()).isEqualTo(30);
  }

  @Test
  void badValues_areRefusedWithTheKeyNamed() {
    assertThatThrownBy(() -> settings(Map.of("stage", "staging"))).hasMessageContaining("stage must be dev or prod");
    assertThatThrownBy(() -> settings(Map.of("vpcZones", "two"))).hasMessageContaining("vpcZones");
    assertThatThrownBy(() -> settings(Map.of("logRetentionDays", "10"))).hasMessageContaining("logRetentionDays");
    assertThatThrownBy(() -> settings(Map.of("domainName", "api.example.org")))
        .hasMessageContaining("hostedZoneId and hostedZoneName");
    assertThatThrownBy(() -> settings(Map.of("basePath", "ims"))).hasMessageContaining("set domainName");
    assertThatThrownBy(() -> settings(Map.of("dbEndpoint", "x.rds.amazonaws.com"))).hasMessageContaining("dbSecretArn");
  }

  @Test
  void aMissingLambdaPackage_stopsTheSynthesisWithTheCommandThatBuildsIt(@TempDir Path empty) {
    Map<String, Object> context = new HashMap<>();
    context.put("lambdaZips", empty.toString());
    assertThatThrownBy(() -> ImsCdkApp.app(context, empty.resolve("out").toString()))
        .hasMessageContaining("ims-lambda.zip is missing")
        .hasMessageContaining("./mvnw -B package -pl examples/lambda-functions -am -DskipTests");
  }
}

package org.cellbank.ims.examples.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

/** The clients the tool builds for the operator's account: region and credentials from options or a profile. */
class ClientsTest {
  @TempDir Path home;
  private String config;
  private String credentials;

  @BeforeEach
  void profiles() throws IOException {
    config = System.getProperty("aws.configFile");
    credentials = System.getProperty("aws.sharedCredentialsFile");
    Path configFile = Files.writeString(home.resolve("config"), "[profile ops]\nregion = eu-west-3\n");
    Path credentialsFile = Files.writeString(home.resolve("credentials"),
        "[ops]\naws_access_key_id = AKIAOPSPROFILE000001\naws_secret_access_key = opsSecretFromTheProfileFile\n");
    System.setProperty("aws.configFile", configFile.toString());
    System.setProperty("aws.sharedCredentialsFile", credentialsFile.toString());
  }

  @AfterEach
  void restore() {
    restore("aws.configFile", config);
    restore("aws.sharedCredentialsFile", credentials);
  }

  private static void restore(String name, String value) {
    if (value == null) {
      System.clearProperty(name);
    } else {
      System.setProperty(name, value);
    }
  }

  @Test
  void profile_givesTheRegionAndTheCredentials() {
    try (Clients clients = Clients.forAccount(null, "ops")) {
      assertThat(clients.lambda().serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_3);
      assertThat(clients.logs().serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_3);
      AwsCredentialsIdentity identity = clients.cloudFormation().serviceClientConfiguration().credentialsProvider()
          .resolveIdentity().join();
      assertThat(identity.accessKeyId()).isEqualTo("AKIAOPSPROFILE000001");
    }
  }

  @Test
  void regionOption_winsOverTheProfiles() {
    try (Clients clients = Clients.forAccount("eu-central-1", "ops")) {
      assertThat(clients.lambda().serviceClientConfiguration().region()).isEqualTo(Region.EU_CENTRAL_1);
      assertThat(clients.cloudFormation().serviceClientConfiguration().region()).isEqualTo(Region.EU_CENTRAL_1);
    }
  }

  @Test
  void clients_areBuiltOnFirstUse_once() {
    try (Clients clients = Clients.forAccount("eu-central-1", "ops")) {
      assertThat(clients.lambda()).isSameAs(clients.lambda());
    }
  }
}

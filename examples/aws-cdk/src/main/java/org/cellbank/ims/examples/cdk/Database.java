package org.cellbank.ims.examples.cdk;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.rds.CfnDBInstance;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.rds.StorageType;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * RDS PostgreSQL 17 in the private subnets: storage encrypted, automated backups (point-in-time
 * restore within the retention), and a master secret that RDS itself creates, stores in Secrets
 * Manager and rotates (no password in the template or in any function's environment).
 *
 * <p>PostgreSQL 17's default parameter group sets {@code rds.force_ssl=1}: every connection is TLS.
 */
final class Database extends Construct {

  /** The database the functions use (the JDBC URL's path). */
  static final String DATABASE_NAME = "ims";

  final DatabaseInstance instance;
  /** The secret the functions read: the stack's instance's, or the restored instance's. */
  final ISecret secret;
  private final String endpoint;

  Database(Construct scope, String id, StageSettings settings, Network network, Number backupRetentionDays) {
    super(scope, id);
    instance = DatabaseInstance.Builder.create(this, "Instance")
        .engine(DatabaseInstanceEngine.postgres(PostgresInstanceEngineProps.builder()
            .version(PostgresEngineVersion.VER_17)
            .build()))
        .instanceType(new InstanceType(settings.dbInstanceClass().replaceFirst("^db\\.", "")))
        .vpc(network.vpc)
        .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build())
        .securityGroups(List.of(network.database))
        .databaseName(DATABASE_NAME)
        .credentials(Credentials.fromUsername("ims_admin"))
        .manageMasterUserPassword(true)
        .storageEncrypted(true)
        .storageType(StorageType.GP3)
        .allocatedStorage(settings.dbAllocatedStorageGb())
        .maxAllocatedStorage(settings.dbMaxAllocatedStorageGb())
        .multiAz(settings.dbMultiAz())
        .publiclyAccessible(false)
        .autoMinorVersionUpgrade(true)
        .backupRetention(Duration.days(settings.backupRetentionDays()))
        .deleteAutomatedBackups(settings.removalPolicy() == RemovalPolicy.DESTROY)
        .deletionProtection(settings.deletionProtection())
        .copyTagsToSnapshot(true)
        .removalPolicy(settings.removalPolicy() == RemovalPolicy.DESTROY ? RemovalPolicy.DESTROY : RemovalPolicy.SNAPSHOT)
        .build();
    // The retention is a CloudFormation parameter (BackupRetentionDays) whose default is the stage's.
    ((CfnDBInstance) instance.getNode().getDefaultChild()).setBackupRetentionPeriod(backupRetentionDays);
    if (settings.usesRestoredDatabase()) {
      // A point-in-time restore is a new instance outside the stack: the functions follow it.
      secret = Secret.fromSecretCompleteArn(this, "RestoredSecret", settings.dbSecretArn());
      endpoint = settings.dbEndpoint() + ":5432";
    } else {
      secret = instance.getSecret();
      endpoint = instance.getDbInstanceEndpointAddress() + ":" + instance.getDbInstanceEndpointPort();
    }
  }


  /** The JDBC URL the functions connect with (TLS required). */
  String jdbcUrl() {
    return "jdbc:postgresql://" + endpoint + "/" + DATABASE_NAME + "?sslmode=require";
  }
}

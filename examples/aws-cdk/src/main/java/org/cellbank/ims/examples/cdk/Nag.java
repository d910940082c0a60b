package org.cellbank.ims.examples.cdk;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.IConstruct;

/**
 * The cdk-nag AWS Solutions findings this stack accepts, each with its reason. Everything else is an
 * error of the synthesis tests.
 */
final class Nag {
  private Nag() {}

  static void suppress(ImsStack stack, StageSettings settings, Parts p) {
    List<NagPackSuppression> db = new ArrayList<>(List.of(
        because("AwsSolutions-RDS11", "The default port 5432: the instance is in isolated subnets and its security "
            + "group admits the functions' security group only, so a non-default port hides nothing."),
        NagPackSuppression.builder().id("CdkNagValidationFailure").appliesTo(List.of("AwsSolutions-RDS13"))
            .reason("The backup retention is the BackupRetentionDays parameter, whose minimum is 1: automated "
                + "backups are always on (the synthesis tests check the parameter's bounds).").build()));
    if (!settings.dbMultiAz()) {
      db.add(because("AwsSolutions-RDS3", "Single-AZ by default (dbMultiAz=false) for cost at the catalogue's "
          + "scale: a standby doubles the instance price; point-in-time restore is the recovery path "
          + "(docs/deploy.md). Set dbMultiAz=true for a standby."));
    }
    if (!settings.deletionProtection()) {
      db.add(because("AwsSolutions-RDS10", "Deletion protection is off in the " + settings.stage()
          + " stage on purpose, so that the stage can be torn down; prod turns it on."));
    }
    resource(p.database().instance, db);

    List<NagPackSuppression> search = new ArrayList<>(List.of(
        because("AwsSolutions-OS3", "The domain is in the VPC: its security group admits the functions' security "
            + "group only and its access policy names the functions' roles only; there are no client IPs to "
            + "allowlist.")));
    if (settings.searchInstanceCount() < 3) {
      search.add(because("AwsSolutions-OS4", "No dedicated master nodes: a one- or two-node domain serving one "
          + "index of ~1,300 documents; three masters would triple the cost. The index is rebuilt from the "
          + "database (rebuild job) if the domain is lost."));
    }
    if (settings.searchInstanceCount() < 2) {
      search.add(because("AwsSolutions-OS7", "One node, hence no zone awareness: the index is derived data, "
          + "rebuilt from the database by the rebuild job; the database is the system of record."));
    }
    resource(p.search().domain, search);

    for (IConstruct f : List.of(p.functions().http, p.functions().files, p.functions().search, p.functions().media, p.functions().jobs,
        p.functions().migrate, p.functions().site, p.functions().fetch)) {
      resource(f, List.of(because("AwsSolutions-L1", "The deployment contract's runtime is java21 (the code is "
          + "compiled for Java 17); SnapStart and the package are tested on it.")));
    }

    String search_ = "Resource::<" + logicalId(stack, p.search().domain) + ".Arn>/*";
    String media = objects(stack, p.storage().media);
    NagPackSuppression eni = NagPackSuppression.builder().id("AwsSolutions-IAM5").appliesTo(List.of("Resource::*"))
        .reason("Only the EC2 network-interface actions Lambda needs to place a function in the VPC "
            + "(ec2:CreateNetworkInterface, Describe..., Delete..., Assign/UnassignPrivateIpAddresses): "
            + "EC2 offers no resource-level permission for the Describe actions, and Lambda checks them on *.")
        .build();
    NagPackSuppression indexPaths = NagPackSuppression.builder().id("AwsSolutions-IAM5").appliesTo(List.of(search_))
        .reason("The search domain's own index paths (domain ARN + /*); the actions are listed one by one.").build();
    policy(p.roles().http, List.of(eni));
    policy(p.roles().files, List.of(eni, NagPackSuppression.builder().id("AwsSolutions-IAM5").appliesTo(List.of(media))
        .reason("Objects of the stack's own media bucket (bucket ARN + /*): s3:PutObject, s3:GetObject and "
            + "s3:DeleteObject, the CLIPs, certificates of analysis and batch images the executive file routes "
            + "store under new keys, confirm from pending/ and remove; a new file's key is only known when it "
            + "is uploaded.")
        .build()));
    policy(p.roles().search, List.of(eni, indexPaths));
    policy(p.roles().media, List.of(eni, objectsOf(List.of(media))));
    NagPackSuppression stageCopies = NagPackSuppression.builder().id("AwsSolutions-IAM5")
        .appliesTo(List.of("Resource::<" + logicalId(stack, p.storage().stage.getNode().getDefaultChild())
            + ".Arn>/registry/*"))
        .reason("The registry copies in the stack's own stage bucket (bucket ARN + /registry/*): the fetch "
            + "function writes and reads them (s3:PutObject, s3:GetObject), the job function reads them "
            + "(s3:GetObject) and writes only registry/ecacc-wanted.json.")
        .build();
    policy(p.roles().jobs, List.of(eni, indexPaths, stageCopies));
    policy(p.roles().fetch, List.of(stageCopies));
    resource(p.hpscregSecret(), List.of(because("AwsSolutions-SMG4", "The hPSCreg export's credentials are "
        + "issued by the registry, not by this stack: nothing here could rotate them. The operator puts "
        + "them into the secret with put-secret-value (docs/deploy.md); the fetch function reads it at each cold "
        + "start.")));
    policy(p.roles().migrate, List.of(eni));
    policy(p.roles().site, List.of(eni, NagPackSuppression.builder().id("AwsSolutions-IAM5")
        .appliesTo(List.of(objects(stack, p.storage().site), media))
        .reason("Objects of the stack's own site bucket (bucket ARN + /*: s3:PutObject, s3:GetObject and "
            + "s3:DeleteObject, the pages the site function writes, reads back and removes) and of its media "
            + "bucket (s3:GetObject only, the images and CLIPs the pages show, copied into the site).")
        .build()));

    resource(p.deadLetters(), List.of(because("AwsSolutions-SQS3", "This queue is the dead-letter queue of the "
        + "Scheduler schedules (their DeadLetterConfig), not a source queue.")));
    for (IConstruct route : p.routes()) {
      resource(route, List.of(because("AwsSolutions-APIG4", "The IMS authenticates in the functions: partner "
          + "and lab routes, search and media included, need an API key checked against hashed keys in the "
          + "database, and every write is checked against the caller's role; the public routes are public on "
          + "purpose.")));
    }
    resource(p.storage().distribution, List.of(
        because("AwsSolutions-CFR1", "A public catalogue for researchers worldwide: no geographic restriction."),
        because("AwsSolutions-CFR2", "Static, public, pre-rendered pages with no form or login; AWS WAF costs a "
            + "fixed monthly fee larger than the rest of the site. The API has its own stage throttling."),
        because("AwsSolutions-CFR3", "The origin bucket's S3 server access log records every request "
            + "CloudFront forwards; CloudFront standard logs would need an ACL-enabled bucket."),
        because("AwsSolutions-CFR4", "The default *.cloudfront.net certificate allows no minimum viewer TLS "
            + "version; the origin is reached over TLS with origin access control.")));
  }

  private static NagPackSuppression objectsOf(List<String> appliesTo) {
    return NagPackSuppression.builder().id("AwsSolutions-IAM5").appliesTo(new ArrayList<Object>(appliesTo))
        .reason("Objects of the stack's own media bucket (bucket ARN + /*); the one action is s3:GetObject, "
            + "which a presigned GET is signed with.").build();
  }

  private static String objects(Stack stack, IBucket bucket) {
    return "Resource::<" + logicalId(stack, bucket.getNode().getDefaultChild()) + ".Arn>/*";
  }

  private static String logicalId(Stack stack, IConstruct element) {
    return stack.resolve(stack.getLogicalId((CfnElement) element)).toString();
  }

  private static void policy(Role role, List<NagPackSuppression> suppressions) {
    NagSuppressions.addResourceSuppressions(role, suppressions, true);
  }

  private static void resource(IConstruct construct, List<NagPackSuppression> suppressions) {
    NagSuppressions.addResourceSuppressions(construct, suppressions, true);
  }

  static NagPackSuppression because(String id, String reason) {
    return NagPackSuppression.builder().id(id).reason(reason).build();
  }

  /** The parts that carry suppressions. */
  record Parts(Database database, Search search, Functions functions, Functions.Roles roles, Storage storage,
      IConstruct deadLetters, List<IConstruct> routes, IConstruct hpscregSecret) {}
}

package org.cellbank.ims.examples.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Least privilege, checked on every policy document of the template (IAM policies, roles' inline and
 * trust policies, bucket, queue, topic and key policies, the search domain's access policy).
 */
class IamTest {

  static Stream<Synthesised> stages() {
    return Stream.of(Synthesised.prod(), Synthesised.dev(), Synthesised.withDomain());
  }

  @ParameterizedTest
  @MethodSource("stages")
  void noAllowStatement_grantsAWildcardAction(Synthesised s) {
    List<Map<String, Object>> statements = statements(s);
    assertThat(statements).hasSizeGreaterThan(20);
    for (Map<String, Object> st : statements) {
      assertThat(st).as("no NotAction: %s", st).doesNotContainKey("NotAction");
      for (String action : actions(st)) {
        if ("Allow".equals(st.get("Effect"))) {
          assertThat(action).as("action in %s", st).doesNotContain("*");
        } else {
          // A Deny may cover a whole service: only the TLS-only guards do, and they only deny.
          assertThat(action.contains("*") ? st.get("Condition") : Map.of("Bool", Map.of("aws:SecureTransport", "false")))
              .as("a wildcard Deny is a TLS guard: %s", st)
              .isEqualTo(Map.of("Bool", Map.of("aws:SecureTransport", "false")));
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("stages")
  void wildcardResources_onlyWhereTheServiceHasNoResourceLevelPermission(Synthesised s) {
    for (Map.Entry<String, Object> e : s.resources.entrySet()) {
      Map<String, Object> resource = StackTest.map(e.getValue());
      String type = String.valueOf(resource.get("Type"));
      for (Map<String, Object> st : statements(resource)) {
        if (!"Allow".equals(st.get("Effect")) || !resources(st).contains("*") || type.equals("AWS::KMS::Key")) {
          continue; // in a key policy, "*" is the key itself
        }
        assertThat(type).as(e.getKey()).isEqualTo("AWS::IAM::Policy");
        assertThat(actions(st)).as("%s: %s", e.getKey(), st).allMatch(Functions.VPC_ACTIONS::contains);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("stages")
  void theStacksOwnRoles_carryNoManagedPolicy_andEachFunctionHasItsOwn(Synthesised s) {
    List<Object> roles = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> e : s.ofType("AWS::IAM::Role").entrySet()) {
      if (e.getKey().startsWith("AWSCDK")) {
        continue; // the trigger's provider, CDK's own (docs/deploy.md)
      }
      assertThat(Synthesised.props(e.getValue())).as(e.getKey()).doesNotContainKey("ManagedPolicyArns");
    }
    for (String fn : StackTest.FUNCTIONS) {
      roles.add(StackTest.function(s, fn).get("Role"));
    }
    roles.add(StackTest.function(s, "Fetch").get("Role"));
    assertThat(roles).doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @MethodSource("stages")
  void eachRole_reachesOnlyWhatItsFunctionReads(Synthesised s) {
    Map<String, List<String>> grants = new java.util.HashMap<>();
    for (Map<String, Object> policy : s.ofType("AWS::IAM::Policy").values()) {
      Map<String, Object> p = Synthesised.props(policy);
      String role = StackTest.map(StackTest.list(p.get("Roles")).get(0)).get("Ref").toString();
      for (Map<String, Object> st : statements(policy)) {
        for (String action : actions(st)) {
          grants.computeIfAbsent(role, k -> new ArrayList<>()).add(action + " " + resources(st));
        }
      }
    }
    String media = StackTest.logicalId(s, "AWS::S3::Bucket", "StorageMedia");
    String site = StackTest.logicalId(s, "AWS::S3::Bucket", "StorageSite");
    String domain = StackTest.logicalId(s, "AWS::OpenSearchService::Domain", "SearchDomain");
    String stage = StackTest.logicalId(s, "AWS::S3::Bucket", "StorageRegistryStage");
    // The fetch function, outside the VPC: the registry's secret, the stage, its logs; no database, no VPC.
    String fetchRole = StackTest.map(StackTest.function(s, "Fetch").get("Role")).get("Fn::GetAtt").toString();
    List<String> fetch = grants.get(fetchRole.substring(1, fetchRole.indexOf(',')));
    String secret = StackTest.logicalId(s, "AWS::SecretsManager::Secret", "HpscregCredentials");
    assertThat(fetch).containsExactlyInAnyOrder(
        "secretsmanager:GetSecretValue [{Ref=" + secret + "}]",
        "s3:PutObject [{Fn::Join=[, [{Fn::GetAtt=[" + stage + ", Arn]}, /registry/*]]}]",
        "s3:GetObject [{Fn::Join=[, [{Fn::GetAtt=[" + stage + ", Arn]}, /registry/*]]}]",
        "s3:ListBucket [{Fn::GetAtt=[" + stage + ", Arn]}]",
        "logs:CreateLogStream [{Fn::GetAtt=[" + StackTest.logicalId(s, "AWS::Logs::LogGroup", "FunctionsFetchLogs")
            + ", Arn]}]",
        "logs:PutLogEvents [{Fn::GetAtt=[" + StackTest.logicalId(s, "AWS::Logs::LogGroup", "FunctionsFetchLogs")
            + ", Arn]}]");
    for (String fn : StackTest.FUNCTIONS) {
      String role = StackTest.map(StackTest.function(s, fn).get("Role")).get("Fn::GetAtt").toString();
      List<String> own = grants.get(role.substring(1, role.indexOf(',')));
      assertThat(own).as(fn).isNotNull().anyMatch(g -> g.startsWith("secretsmanager:GetSecretValue "));
      List<String> services = own.stream().map(g -> g.substring(0, g.indexOf(':'))).distinct().sorted().toList();
      switch (fn) {
        case "Migrate" -> assertThat(services).as(fn).containsExactly("ec2", "logs", "secretsmanager");
        case "Http" -> assertThat(services).as(fn).containsExactly("ec2", "logs", "secretsmanager");
        case "Files" -> {
          // The executive file routes: the media bucket's objects, nothing else in S3.
          assertThat(services).as(fn).containsExactly("ec2", "logs", "s3", "secretsmanager");
          String mediaObjects = "[{Fn::Join=[, [{Fn::GetAtt=[" + media + ", Arn]}, /*]]}]";
          assertThat(own).filteredOn(g -> g.startsWith("s3:")).containsExactlyInAnyOrder(
              "s3:PutObject " + mediaObjects, "s3:GetObject " + mediaObjects, "s3:DeleteObject " + mediaObjects,
              "s3:ListBucket [{Fn::GetAtt=[" + media + ", Arn]}]");
        }
        case "Search" -> {
          assertThat(services).as(fn).containsExactly("ec2", "es", "logs", "secretsmanager");
          assertThat(own).filteredOn(g -> g.startsWith("es:")).extracting(g -> g.substring(0, g.indexOf(' ')))
              .containsExactlyInAnyOrder("es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost");
          assertThat(own).filteredOn(g -> g.startsWith("es:")).allMatch(g -> g.contains(domain));
        }
        case "Media" -> {
          assertThat(services).as(fn).containsExactly("ec2", "logs", "s3", "secretsmanager");
          assertThat(own).filteredOn(g -> g.startsWith("s3:")).extracting(g -> g.substring(0, g.indexOf(' ')))
              .containsExactlyInAnyOrder("s3:GetObject", "s3:ListBucket");
          assertThat(own).filteredOn(g -> g.startsWith("s3:GetObject ")).singleElement().asString()
              .contains(media).contains("/*");
          assertThat(own).filteredOn(g -> g.startsWith("s3:ListBucket ")).singleElement().asString()
              .contains(media).doesNotContain("/*");
        }
        case "Jobs" -> {
          assertThat(services).as(fn).containsExactly("ec2", "es", "logs", "s3", "secretsmanager");
          assertThat(own).filteredOn(g -> g.startsWith("es:")).allMatch(g -> g.contains(domain));
          // The staged copies: read them, write only the list of lines to ask ECACC about.
          assertThat(own).filteredOn(g -> g.startsWith("s3:")).containsExactlyInAnyOrder(
              "s3:GetObject [{Fn::Join=[, [{Fn::GetAtt=[" + stage + ", Arn]}, /registry/*]]}]",
              "s3:PutObject [{Fn::Join=[, [{Fn::GetAtt=[" + stage + ", Arn]}, /registry/ecacc-wanted.json]]}]",
              "s3:ListBucket [{Fn::GetAtt=[" + stage + ", Arn]}]");
        }
        case "Site" -> {
          assertThat(services).as(fn).containsExactly("ec2", "logs", "s3", "secretsmanager");
          String siteObjects = "[{Fn::Join=[, [{Fn::GetAtt=[" + site + ", Arn]}, /*]]}]";
          String mediaObjects = "[{Fn::Join=[, [{Fn::GetAtt=[" + media + ", Arn]}, /*]]}]";
          String buckets = "[{Fn::GetAtt=[" + site + ", Arn]}, {Fn::GetAtt=[" + media + ", Arn]}]";
          assertThat(own).filteredOn(g -> g.startsWith("s3:")).containsExactlyInAnyOrder(
              "s3:PutObject " + siteObjects, "s3:GetObject " + siteObjects, "s3:DeleteObject " + siteObjects,
              "s3:GetObject " + mediaObjects, "s3:ListBucket " + buckets);
        }
        default -> throw new AssertionError(fn);
      }
    }
  }

  private static List<Map<String, Object>> statements(Synthesised s) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object r : s.resources.values()) {
      out.addAll(statements(StackTest.map(r)));
    }
    return out;
  }

  // Every "Statement" list anywhere under the resource's properties.
  private static List<Map<String, Object>> statements(Map<String, Object> resource) {
    List<Map<String, Object>> out = new ArrayList<>();
    collect(resource.get("Properties"), out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void collect(Object node, List<Map<String, Object>> out) {
    if (node instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (e.getKey().equals("Statement") && e.getValue() instanceof List<?> l) {
          for (Object st : l) {
            out.add((Map<String, Object>) st);
          }
        } else {
          collect(e.getValue(), out);
        }
      }
    } else if (node instanceof List<?> l) {
      for (Object o : l) {
        collect(o, out);
      }
    }
  }

  private static List<String> actions(Map<String, Object> st) {
    List<String> out = new ArrayList<>();
    Object a = st.get("Action");
    if (a instanceof List<?> l) {
      l.forEach(x -> out.add(String.valueOf(x)));
    } else if (a != null) {
      out.add(String.valueOf(a));
    }
    return out;
  }

  private static List<String> resources(Map<String, Object> st) {
    List<String> out = new ArrayList<>();
    Object r = st.get("Resource");
    if (r instanceof List<?> l) {
      l.forEach(x -> out.add(String.valueOf(x)));
    } else if (r != null) {
      out.add(String.valueOf(r));
    }
    return out;
  }
}

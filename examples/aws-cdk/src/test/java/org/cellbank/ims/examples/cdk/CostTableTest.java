package org.cellbank.ims.examples.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The cost table of docs/deploy.md prices what the prod template deploys (instance classes and
 * counts, interface endpoints and zones), and its arithmetic holds.
 */
class CostTableTest {

  private static final Path DOC = Path.of(System.getProperty("ims.cdk.deployDoc", "../../docs/deploy.md"));

  record Row(String service, String item, BigDecimal quantity, BigDecimal unitPrice, BigDecimal monthly) {}

  @Test
  void table_pricesTheTemplatesInstancesAndEndpoints() throws IOException {
    List<Row> rows = rows();
    Synthesised s = Synthesised.prod();

    Map<String, Object> db = Synthesised.props(StackTest.only(s, "AWS::RDS::DBInstance"));
    Row rds = row(rows, "Amazon RDS for PostgreSQL", "instance ");
    Matcher dbClass = Pattern.compile("(db\\.[a-z0-9]+\\.[a-z0-9]+)").matcher(rds.item());
    assertThat(dbClass.find()).as(rds.item()).isTrue();
    assertThat(db).containsEntry("DBInstanceClass", dbClass.group(1));
    assertThat(rds.item()).contains(Boolean.TRUE.equals(db.get("MultiAZ")) ? "Multi-AZ" : "Single-AZ");

    Map<String, Object> cluster = StackTest.map(Synthesised.props(
        StackTest.only(s, "AWS::OpenSearchService::Domain")).get("ClusterConfig"));
    Row search = row(rows, "Amazon OpenSearch Service", "instance ");
    Matcher node = Pattern.compile("([a-z0-9]+\\.[a-z0-9]+\\.search) × (\\d+)").matcher(search.item());
    assertThat(node.find()).as(search.item()).isTrue();
    assertThat(cluster).containsEntry("InstanceType", node.group(1))
        .containsEntry("InstanceCount", Integer.parseInt(node.group(2)));
    assertThat(search.quantity()).isEqualByComparingTo(BigDecimal.valueOf(730L * Integer.parseInt(node.group(2))));

    Row endpoint = row(rows, "VPC interface endpoint", "endpoint");
    Matcher counts = Pattern.compile("(\\d+) endpoints? .*× (\\d+) zones?").matcher(endpoint.item());
    assertThat(counts.find()).as(endpoint.item()).isTrue();
    int endpoints = Integer.parseInt(counts.group(1));
    int zones = Integer.parseInt(counts.group(2));
    List<Map<String, Object>> interfaces = new ArrayList<>();
    for (Map<String, Object> r : s.ofType("AWS::EC2::VPCEndpoint").values()) {
      if ("Interface".equals(Synthesised.props(r).get("VpcEndpointType"))) {
        interfaces.add(Synthesised.props(r));
      }
    }
    assertThat(interfaces).hasSize(endpoints);
    assertThat(interfaces).allSatisfy(p -> assertThat(StackTest.list(p.get("SubnetIds"))).hasSize(zones));
    assertThat(endpoint.quantity()).isEqualByComparingTo(BigDecimal.valueOf(730L * endpoints * zones));

    Row alarms = row(rows, "CloudWatch", "alarms");
    assertThat(alarms.quantity().intValueExact()).isEqualTo(s.ofType("AWS::CloudWatch::Alarm").size());
  }

  @Test
  void everyLine_isItsQuantityTimesItsUnitPrice_andTheTotalIsTheirSum() throws IOException {
    List<Row> rows = rows();
    assertThat(rows).hasSizeGreaterThan(15);
    BigDecimal sum = BigDecimal.ZERO;
    for (Row r : rows) {
      BigDecimal expected = r.quantity().multiply(r.unitPrice()).setScale(2, RoundingMode.HALF_UP);
      assertThat(r.monthly()).as(r.service() + ": " + r.item()).isCloseTo(expected, within(new BigDecimal("0.01")));
      sum = sum.add(r.monthly());
    }
    assertThat(total()).isEqualByComparingTo(sum);
  }

  private static Row row(List<Row> rows, String service, String itemPart) {
    List<Row> found = rows.stream().filter(r -> r.service().equals(service) && r.item().contains(itemPart)).toList();
    assertThat(found).as(service + " / " + itemPart).hasSize(1);
    return found.get(0);
  }

  private static List<String> tableLines() throws IOException {
    List<String> lines = Files.readAllLines(DOC);
    int begin = lines.indexOf("<!-- cost-table:begin -->");
    int end = lines.indexOf("<!-- cost-table:end -->");
    assertThat(begin).as("the cost table's markers in " + DOC).isNotNegative();
    assertThat(end).isGreaterThan(begin + 3);
    return lines.subList(begin + 3, end); // after the marker, the header and the separator
  }

  private static List<Row> rows() throws IOException {
    List<Row> rows = new ArrayList<>();
    for (String line : tableLines()) {
      String[] cells = cells(line);
      if (cells[0].contains("total")) {
        continue;
      }
      rows.add(new Row(cells[0], cells[1], firstNumber(cells[2]), new BigDecimal(cells[3]), new BigDecimal(cells[4])));
    }
    return rows;
  }

  private static BigDecimal total() throws IOException {
    for (String line : tableLines()) {
      String[] cells = cells(line);
      if (cells[0].contains("total")) {
        return new BigDecimal(cells[4].replace("*", ""));
      }
    }
    throw new AssertionError("no total row");
  }

  private static String[] cells(String line) {
    String[] raw = line.strip().replaceAll("^\\||\\|$", "").split("\\|", -1);
    assertThat(raw).as(line).hasSize(5);
    for (int i = 0; i < raw.length; i++) {
      raw[i] = raw[i].strip();
    }
    return raw;
  }

  private static BigDecimal firstNumber(String cell) {
    Matcher m = Pattern.compile("\\d[\\d,]*(\\.\\d+)?").matcher(cell);
    assertThat(m.find()).as(cell).isTrue();
    return new BigDecimal(m.group().replace(",", ""));
  }
}

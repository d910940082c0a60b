package org.cellbank.ims.examples.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpoint;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The VPC: private isolated subnets (no internet gateway, no NAT gateway), the free S3 gateway
 * endpoint, the one interface endpoint the functions need (Secrets Manager, for the Parameters and
 * Secrets extension), and the security groups.
 *
 * <p>Nothing in the VPC reaches the internet: the fetch function, outside the VPC, reads hPSCreg
 * and ECACC and stages their documents in S3, where the job function inside reads them through the
 * gateway endpoint.
 *
 * <p>The VPC always spans two zones because an RDS subnet group must; {@code vpcZones} is where the
 * functions run and where the interface endpoint has a network interface, which is what costs.
 */
final class Network extends Construct {

  final Vpc vpc;
  final SubnetSelection functionSubnets;
  final List<ISubnet> zoneSubnets;
  final SecurityGroup functions;
  final SecurityGroup database;
  final SecurityGroup search;
  final InterfaceVpcEndpoint secretsManager;

  Network(Construct scope, String id, StageSettings settings) {
    super(scope, id);
    LogGroup flowLogs = LogGroup.Builder.create(this, "FlowLogs")
        .retention(settings.logRetention())
        .removalPolicy(settings.removalPolicy())
        .build();
    List<SubnetConfiguration> subnets = List.of(SubnetConfiguration.builder()
        .name("private")
        .subnetType(SubnetType.PRIVATE_ISOLATED)
        .cidrMask(24)
        .build());
    vpc = Vpc.Builder.create(this, "Vpc")
        .maxAzs(Math.max(2, settings.vpcZones()))
        .natGateways(0)
        .restrictDefaultSecurityGroup(false)
        .subnetConfiguration(subnets)
        .gatewayEndpoints(Map.of("S3", GatewayVpcEndpointOptions.builder()
            .service(GatewayVpcEndpointAwsService.S3)
            .build()))
        .flowLogs(Map.of("Rejected", FlowLogOptions.builder()
            .destination(FlowLogDestination.toCloudWatchLogs(flowLogs))
            .trafficType(FlowLogTrafficType.REJECT)
            .build()))
        .build();
    zoneSubnets = vpc.getIsolatedSubnets().subList(0, settings.vpcZones());
    functionSubnets = SubnetSelection.builder().subnets(zoneSubnets).build();

    functions = SecurityGroup.Builder.create(this, "Functions")
        .vpc(vpc)
        .description("IMS functions in the VPC: reach the database, the search domain, the Secrets Manager endpoint and S3")
        .allowAllOutbound(true)
        .build();
    database = SecurityGroup.Builder.create(this, "Database")
        .vpc(vpc)
        .description("IMS database: PostgreSQL from the IMS functions only")
        .allowAllOutbound(false)
        .build();
    database.addIngressRule(functions, Port.tcp(5432), "PostgreSQL from the IMS functions");
    search = SecurityGroup.Builder.create(this, "Search")
        .vpc(vpc)
        .description("IMS search domain: HTTPS from the IMS functions only")
        .allowAllOutbound(false)
        .build();
    search.addIngressRule(functions, Port.tcp(443), "HTTPS from the IMS functions");
    SecurityGroup endpoints = SecurityGroup.Builder.create(this, "Endpoints")
        .vpc(vpc)
        .description("IMS interface endpoints: HTTPS from the IMS functions only")
        .allowAllOutbound(false)
        .build();
    endpoints.addIngressRule(functions, Port.tcp(443), "HTTPS from the IMS functions");
    secretsManager = vpc.addInterfaceEndpoint("SecretsManager", InterfaceVpcEndpointOptions.builder()
        .service(InterfaceVpcEndpointAwsService.SECRETS_MANAGER)
        .privateDnsEnabled(true)
        .subnets(functionSubnets)
        .securityGroups(List.of(endpoints))
        .open(false)
        .build());
  }
}

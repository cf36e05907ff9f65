// eksctl ClusterConfig (eksctl.io/v1alpha5), written by us in our compact notation from the field
// names and types eksctl publishes, plus the allowed values eksctl and the EKS API accept where
// eksctl's own schema leaves a free string (authenticationMode, access scope, resolveConflicts, ...).
// Every object is closed: unknown fields are errors, as eksctl's strict decoder makes them.
import type { Constraint, Defs } from '../schema.ts';
import { AMI_FAMILIES, LOG_RETENTION_DAYS } from '../eksctl-rules.ts';

const VOLUME_TYPE: Constraint = { e: ['gp2', 'gp3', 'io1', 'io2', 'sc1', 'st1'] };
const AMI_FAMILY: Constraint = { e: AMI_FAMILIES };
const ARN: Constraint = { p: /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:.+$/, hint: 'an ARN such as arn:aws:iam::111122223333:role/name' };
const NAME: Constraint = { p: /^[a-zA-Z0-9][-a-zA-Z0-9_]*$/, maxLen: 63 };

// Shared by nodeGroups and managedNodeGroups.
const NG_COMMON: Record<string, string> = {
  name: 's', ami: 's', amiFamily: 's', instanceType: 's', instanceTypes: '[s]', availabilityZones: '[s]', subnets: '[s]', instancePrefix: 's', instanceName: 's',
  desiredCapacity: 'int', minSize: 'int', maxSize: 'int', volumeSize: 'int', volumeType: 's', volumeName: 's', volumeEncrypted: 'b', volumeKmsKeyID: 's',
  volumeIOPS: 'int', volumeThroughput: 'int', additionalVolumes: '[Eks.VolumeMapping]', preBootstrapCommands: '[s]', overrideBootstrapCommand: 's',
  propagateASGTags: 'b', disableIMDSv1: 'b', disablePodIMDS: 'b', placement: 'Eks.Placement', efaEnabled: 'b', instanceSelector: 'Eks.InstanceSelector',
  bottlerocket: 'Eks.Bottlerocket', enableDetailedMonitoring: 'b', capacityReservation: 'Eks.CapacityReservation',
  instanceMarketOptions: 'Eks.MarketOptions', outpostARN: 's', privateNetworking: 'b', securityGroups: 'Eks.NGSecurityGroups', maxPodsPerNode: 'int',
  asgSuspendProcesses: '[s]', ebsOptimized: 'b', labels: '{s}', tags: '{s}', iam: 'Eks.NGIAM', ssh: 'Eks.SSH', updateConfig: 'Eks.UpdateConfig',
};
const NG_C: Record<string, Constraint> = {
  name: NAME, amiFamily: AMI_FAMILY, volumeType: VOLUME_TYPE, minSize: { min: 0 }, maxSize: { min: 0 }, desiredCapacity: { min: 0 }, volumeSize: { min: 1 },
  maxPodsPerNode: { min: 1 },
};

export const EKSCTL_DEFS: Defs = {
  'Eks.ClusterConfig': {
    f: {
      apiVersion: 's', kind: 's', metadata: 'Eks.Meta', accessConfig: 'Eks.AccessConfig', addons: '[Eks.Addon]', addonsConfig: 'Eks.AddonsConfig',
      autoModeConfig: 'Eks.AutoMode', availabilityZones: '[s]', capabilities: '[Eks.Capability]', cloudWatch: 'Eks.CloudWatch',
      controlPlaneScalingConfig: 'Eks.CPScaling', fargateProfiles: '[Eks.FargateProfile]', gitops: 'any', iam: 'Eks.IAM',
      iamIdentityMappings: '[Eks.IdentityMapping]', identityProviders: '[Eks.IdentityProvider]', karpenter: 'Eks.Karpenter',
      kubeAPIServerConfig: 'Eks.APIServer', kubeControllerManagerConfig: 'Eks.KCM', kubeSchedulerConfig: 'any', kubernetesNetworkConfig: 'Eks.NetworkConfig',
      localZones: '[s]', managedNodeGroups: '[Eks.ManagedNodeGroup]', nodeGroups: '[Eks.NodeGroup]', outpost: 'Eks.Outpost', privateCluster: 'Eks.PrivateCluster',
      remoteNetworkConfig: 'Eks.RemoteNetwork', secretsEncryption: 'Eks.SecretsEncryption', upgradePolicy: 'Eks.UpgradePolicy', vpc: 'Eks.VPC',
      zonalShiftConfig: 'Eks.Enabled', status: 'any',
    },
    r: ['apiVersion', 'kind', 'metadata'],
    c: { apiVersion: { e: ['eksctl.io/v1alpha5'] }, kind: { e: ['ClusterConfig'] } },
  },
  'Eks.Meta': {
    f: { name: 's', region: 's', version: 's', tags: '{s}', annotations: '{s}', forceUpdateVersion: 'b', rollbackConfig: 'Eks.Rollback' },
    r: ['name', 'region'],
    c: {
      name: { p: /^[a-zA-Z][-a-zA-Z0-9]*$/, maxLen: 100, hint: 'letters, digits and hyphens, starting with a letter' },
      region: { p: /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, hint: 'e.g. us-west-2' },
      version: { p: /^(1\.\d+|auto|latest|default)$/, hint: 'a Kubernetes minor version such as "1.34", quoted' },
    },
  },
  'Eks.Rollback': { f: { timeoutMinutes: 'int' } },
  'Eks.AccessConfig': {
    f: { authenticationMode: 's', bootstrapClusterCreatorAdminPermissions: 'b', accessEntries: '[Eks.AccessEntry]' },
    c: { authenticationMode: { e: ['API', 'API_AND_CONFIG_MAP', 'CONFIG_MAP'] } },
  },
  'Eks.AccessEntry': {
    f: { principalARN: 's', type: 's', kubernetesGroups: '[s]', kubernetesUsername: 's', accessPolicies: '[Eks.AccessPolicy]' },
    r: ['principalARN'],
    c: { principalARN: ARN, type: { e: ['STANDARD', 'EC2', 'EC2_LINUX', 'EC2_WINDOWS', 'FARGATE_LINUX', 'HYBRID_LINUX', 'HYPERPOD_LINUX'] } },
  },
  'Eks.AccessPolicy': { f: { policyARN: 's', accessScope: 'Eks.AccessScope' }, r: ['policyARN', 'accessScope'], c: { policyARN: { p: /^arn:aws[a-z-]*:eks::aws:cluster-access-policy\/\w+$/, hint: 'e.g. arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy' } } },
  'Eks.AccessScope': { f: { type: 's', namespaces: '[s]' }, r: ['type'], c: { type: { e: ['cluster', 'namespace'] } } },
  'Eks.Addon': {
    f: {
      name: 's', version: 's', serviceAccountRoleARN: 's', attachPolicyARNs: '[s]', attachPolicy: 'any', permissionsBoundary: 's', wellKnownPolicies: 'Eks.WellKnown',
      tags: '{s}', resolveConflicts: 's', configurationValues: 's', podIdentityAssociations: '[Eks.PodIdentity]', useDefaultPodIdentityAssociations: 'b',
      namespaceConfig: 'Eks.AddonNamespace', owners: '[s]', publishers: '[s]', types: '[s]',
    },
    r: ['name'],
    c: { resolveConflicts: { e: ['none', 'overwrite', 'preserve'] }, serviceAccountRoleARN: ARN },
  },
  'Eks.AddonNamespace': { f: { namespace: 's' } },
  'Eks.AddonsConfig': { f: { autoApplyPodIdentityAssociations: 'b', disableDefaultAddons: 'b' } },
  'Eks.AutoMode': { f: { enabled: 'b', nodePools: '[s]', nodeRoleARN: 's', permissionsBoundaryARN: 's' }, c: { nodePools: { e: ['general-purpose', 'system'] } } },
  'Eks.Capability': {
    f: { name: 's', type: 's', roleArn: 's', accessPolicies: '[Eks.AccessPolicy]', attachPolicy: 'any', attachPolicyARNs: '[s]', configuration: 'any', deletePropagationPolicy: 's', permissionsBoundary: 's', tags: '{s}' },
    r: ['name', 'type'],
    c: { type: { e: ['ACK', 'KRO', 'ARGOCD'] } },
  },
  'Eks.CloudWatch': { f: { clusterLogging: 'Eks.Logging' } },
  'Eks.Logging': {
    f: { enableTypes: '[s]', logRetentionInDays: 'int' },
    c: {
      enableTypes: { e: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler', 'all', '*'] },
      logRetentionInDays: { e: LOG_RETENTION_DAYS },
    },
  },
  'Eks.CPScaling': { f: { tier: 's' }, c: { tier: { e: ['standard', 'tier-xl', 'tier-2xl', 'tier-4xl'] } } },
  'Eks.FargateProfile': {
    f: { name: 's', podExecutionRoleARN: 's', selectors: '[Eks.FargateSelector]', subnets: '[s]', tags: '{s}', status: 's' },
    r: ['name'],
    c: { podExecutionRoleARN: ARN, selectors: { minItems: 1, maxItems: 5 } },
  },
  'Eks.FargateSelector': { f: { namespace: 's', labels: '{s}' }, r: ['namespace'] },
  'Eks.IAM': {
    f: {
      withOIDC: 'b', serviceRoleARN: 's', serviceRolePermissionsBoundary: 's', fargatePodExecutionRoleARN: 's', fargatePodExecutionRolePermissionsBoundary: 's',
      vpcResourceControllerPolicy: 'b', serviceAccounts: '[Eks.ServiceAccount]', podIdentityAssociations: '[Eks.PodIdentity]',
    },
    c: { serviceRoleARN: ARN, fargatePodExecutionRoleARN: ARN },
  },
  'Eks.ServiceAccount': {
    f: {
      metadata: 'Eks.SAMeta', attachPolicyARNs: '[s]', attachPolicy: 'any', attachRoleARN: 's', permissionsBoundary: 's', roleName: 's', roleOnly: 'b',
      wellKnownPolicies: 'Eks.WellKnown', tags: '{s}', status: 'any', subjectPattern: 's',
    },
    r: ['metadata'],
  },
  'Eks.SAMeta': { f: { name: 's', namespace: 's', labels: '{s}', annotations: '{s}' }, r: ['name'] },
  'Eks.PodIdentity': {
    f: {
      namespace: 's', serviceAccountName: 's', roleARN: 's', roleName: 's', createServiceAccount: 'b', permissionPolicy: 'any', permissionPolicyARNs: '[s]',
      permissionPolicyName: 's', permissionsBoundaryARN: 's', wellKnownPolicies: 'Eks.WellKnown', tags: '{s}', targetRoleARN: 's', disableSessionTags: 'b', policy: 's',
    },
    r: ['namespace', 'serviceAccountName'],
    c: { roleARN: ARN, targetRoleARN: ARN },
  },
  'Eks.WellKnown': {
    f: { imageBuilder: 'b', autoScaler: 'b', awsLoadBalancerController: 'b', externalDNS: 'b', certManager: 'b', ebsCSIController: 'b', efsCSIController: 'b' },
  },
  'Eks.IdentityMapping': { f: { arn: 's', account: 's', groups: '[s]', username: 's', serviceName: 's', namespace: 's', noDuplicateARNs: 'b' } },
  // eksctl's published schema forgets `type` here; eksctl itself requires it.
  'Eks.IdentityProvider': {
    f: { type: 's', name: 's', issuerURL: 's', clientID: 's', usernameClaim: 's', usernamePrefix: 's', groupsClaim: 's', groupsPrefix: 's', requiredClaims: '{s}', tags: '{s}' },
    r: ['type', 'name', 'issuerURL', 'clientID'],
    c: { type: { e: ['oidc'] }, issuerURL: { p: /^https:\/\//, hint: 'the issuer URL must use https' } },
  },
  'Eks.Karpenter': {
    f: { version: 's', createServiceAccount: 'b', defaultInstanceProfile: 's', withSpotInterruptionQueue: 'b' },
    r: ['version'],
  },
  'Eks.APIServer': { f: { eventTTL: 's', serviceNodePortRange: 'any' } },
  'Eks.KCM': { f: { horizontalPodAutoscalerControllerConfig: 'any' } },
  'Eks.NetworkConfig': { f: { ipFamily: 's', serviceIPv4CIDR: 'cidr', serviceIPv6CIDR: 'cidr' }, c: { ipFamily: { e: ['IPv4', 'IPv6'] } } },
  'Eks.ManagedNodeGroup': {
    f: { ...NG_COMMON, spot: 'b', taints: '[Eks.Taint]', launchTemplate: 'Eks.LaunchTemplate', releaseVersion: 's', nodeRepairConfig: 'Eks.NodeRepair' },
    r: ['name'],
    c: { ...NG_C },
  },
  'Eks.NodeGroup': {
    f: {
      ...NG_COMMON, taints: 'any', instancesDistribution: 'Eks.InstancesDistribution', asgMetricsCollection: '[Eks.Metrics]', classicLoadBalancerNames: '[s]',
      clusterDNS: 's', containerRuntime: 's', cpuCredits: 's', enclaveEnabled: 'b', kubeletExtraConfig: 'any', localZones: '[s]', maxInstanceLifetime: 'int',
      targetGroupARNs: '[s]',
    },
    r: ['name'],
    c: { ...NG_C, containerRuntime: { e: ['containerd'] }, cpuCredits: { e: ['standard', 'unlimited'] } },
  },
  'Eks.Taint': { f: { key: 's', value: 's', effect: 's' }, r: ['key', 'effect'], c: { effect: { e: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] } } },
  'Eks.LaunchTemplate': { f: { id: 's', version: 's' }, r: ['id'] },
  'Eks.NodeRepair': {
    f: {
      enabled: 'b', maxParallelNodesRepairedCount: 'int', maxParallelNodesRepairedPercentage: 'int', maxUnhealthyNodeThresholdCount: 'int',
      maxUnhealthyNodeThresholdPercentage: 'int', nodeRepairConfigOverrides: 'any',
    },
  },
  'Eks.InstancesDistribution': {
    f: { instanceTypes: '[s]', maxPrice: 'f', onDemandBaseCapacity: 'int', onDemandPercentageAboveBaseCapacity: 'int', spotInstancePools: 'int', spotAllocationStrategy: 's', capacityRebalance: 'b' },
    r: ['instanceTypes'],
    c: { spotAllocationStrategy: { e: ['lowest-price', 'capacity-optimized', 'capacity-optimized-prioritized', 'price-capacity-optimized'] }, onDemandPercentageAboveBaseCapacity: { min: 0, max: 100 } },
  },
  'Eks.Metrics': { f: { granularity: 's', metrics: '[s]' }, r: ['granularity'] },
  'Eks.VolumeMapping': {
    f: { volumeName: 's', volumeSize: 'int', volumeType: 's', volumeEncrypted: 'b', volumeKmsKeyID: 's', volumeIOPS: 'int', volumeThroughput: 'int', snapshotID: 's' },
    c: { volumeType: VOLUME_TYPE },
  },
  'Eks.Placement': { f: { groupName: 's', spreadLevel: 's' } },
  'Eks.InstanceSelector': {
    f: { vCPUs: 'int', memory: 's', gpus: 'int', neuron_devices: 'int', cpuArchitecture: 's', allow: 's', deny: 's' },
    c: { cpuArchitecture: { e: ['x86_64', 'amd64', 'arm64'] } },
  },
  'Eks.Bottlerocket': { f: { enableAdminContainer: 'b', settings: 'any' } },
  'Eks.CapacityReservation': { f: { capacityReservationPreference: 's', capacityReservationTarget: 'Eks.CRTarget' }, c: { capacityReservationPreference: { e: ['open', 'none', 'capacity-reservations-only'] } } },
  'Eks.CRTarget': { f: { capacityReservationID: 's', capacityReservationResourceGroupARN: 's' } },
  'Eks.MarketOptions': { f: { marketType: 's' }, c: { marketType: { e: ['capacity-block', 'spot'] } } },
  'Eks.NGSecurityGroups': { f: { attachIDs: '[s]', withShared: 'b', withLocal: 'b' } },
  'Eks.NGIAM': {
    f: {
      attachPolicy: 'any', attachPolicyARNs: '[s]', instanceProfileARN: 's', instanceRoleARN: 's', instanceRoleName: 's', instanceRolePermissionsBoundary: 's',
      withAddonPolicies: 'Eks.AddonPolicies',
    },
  },
  'Eks.AddonPolicies': {
    f: {
      imageBuilder: 'b', autoScaler: 'b', externalDNS: 'b', certManager: 'b', appMesh: 'b', appMeshPreview: 'b', ebs: 'b', fsx: 'b', efs: 'b',
      awsLoadBalancerController: 'b', albIngress: 'b', xRay: 'b', cloudWatch: 'b',
    },
  },
  'Eks.SSH': { f: { allow: 'b', publicKeyPath: 's', publicKey: 's', publicKeyName: 's', sourceSecurityGroupIds: '[s]', enableSsm: 'b' } },
  'Eks.UpdateConfig': { f: { maxUnavailable: 'int', maxUnavailablePercentage: 'int' }, c: { maxUnavailablePercentage: { min: 1, max: 100 }, maxUnavailable: { min: 1 } } },
  'Eks.Outpost': { f: { controlPlaneOutpostARN: 's', controlPlaneInstanceType: 's', controlPlanePlacement: 'Eks.Placement', etcdInstanceType: 's', etcdPlacement: 'Eks.Placement' } },
  'Eks.PrivateCluster': { f: { enabled: 'b', skipEndpointCreation: 'b', additionalEndpointServices: '[s]' } },
  'Eks.RemoteNetwork': { f: { iam: 'any', vpcGatewayID: 's', remoteNodeNetworks: '[Eks.CIDRs]', remotePodNetworks: '[Eks.CIDRs]' }, r: ['vpcGatewayID', 'remoteNodeNetworks'] },
  'Eks.CIDRs': { f: { cidrs: '[cidr]' } },
  'Eks.SecretsEncryption': { f: { keyARN: 's' }, r: ['keyARN'], c: { keyARN: ARN } },
  'Eks.UpgradePolicy': { f: { supportType: 's' }, c: { supportType: { e: ['STANDARD', 'EXTENDED'] } } },
  'Eks.Enabled': { f: { enabled: 'b' } },
  'Eks.VPC': {
    f: {
      id: 's', cidr: 'cidr', ipv6Cidr: 's', ipv6Pool: 's', securityGroup: 's', subnets: 'Eks.Subnets', extraCIDRs: '[cidr]', extraIPv6CIDRs: '[cidr]',
      sharedNodeSecurityGroup: 's', manageSharedNodeSecurityGroupRules: 'b', autoAllocateIPv6: 'b', nat: 'Eks.NAT', clusterEndpoints: 'Eks.Endpoints',
      publicAccessCIDRs: '[cidr]', controlPlaneSubnetIDs: '[s]', controlPlaneSecurityGroupIDs: '[s]', hostnameType: 's', controlPlaneEgressMode: 's',
      controlPlaneOnPrivateSubnets: 'b',
    },
    c: { hostnameType: { e: ['resource-name', 'ip-name'] } },
  },
  'Eks.Subnets': { f: { private: '{Eks.Subnet}', public: '{Eks.Subnet}' } },
  'Eks.Subnet': { f: { id: 's', az: 's', cidr: 'cidr' } },
  'Eks.NAT': { f: { gateway: 's' }, c: { gateway: { e: ['HighlyAvailable', 'Single', 'Disable'] } } },
  'Eks.Endpoints': { f: { privateAccess: 'b', publicAccess: 'b' } },
};

// Schemas of the custom resources we generate, written by us in our compact notation from the
// published API reference of each project (field names, types, enums, required fields and ranges).
// `status` is omitted on purpose: it is written by controllers, not by users.
import type { Constraint, Defs } from '../schema.ts';

const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DURATION = /^(([0-9]+(s|m|h))+|Never)$/;
const EFFECT: Constraint = { e: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] };
const ENABLED: Constraint = { e: ['enabled', 'disabled'] };
const top = (spec: string, required = true) => ({
  f: { apiVersion: 's', kind: 's', metadata: 'V1ObjectMeta', spec, status: 'any' },
  r: required ? ['spec'] : [],
});

let built: Defs | undefined;
/** The definitions, built when a custom resource is first checked. */
export const crdDefs = (): Defs =>
  (built ??= {
    // karpenter.sh/v1 NodePool
    'Kp.NodePool': top('Kp.NodePoolSpec'),
    'Kp.NodePoolSpec': {
      f: { template: 'Kp.Template', disruption: 'Kp.Disruption', limits: '{q}', weight: 'i32', replicas: 'i64' },
      r: ['template'],
      c: { weight: { min: 1, max: 100 }, replicas: { min: 0 } },
    },
    'Kp.Disruption': {
      f: { consolidateAfter: 's', consolidationPolicy: 's', budgets: '[Kp.Budget]' },
      r: ['consolidateAfter'],
      c: {
        consolidateAfter: { p: DURATION, hint: 'e.g. 30s, 5m or Never' },
        consolidationPolicy: { e: ['WhenEmpty', 'WhenEmptyOrUnderutilized', 'Balanced'] },
        budgets: { maxItems: 50 },
      },
    },
    'Kp.Budget': {
      f: { nodes: 's', reasons: '[s]', schedule: 's', duration: 's' },
      c: {
        nodes: { p: /^((100|[0-9]{1,2})%|[0-9]+)$/, hint: 'a count or a percentage such as 10%' },
        reasons: { e: ['Underutilized', 'Empty', 'Drifted'] },
        duration: { p: /^((([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?)$/ },
      },
    },
    'Kp.Template': { f: { metadata: 'Kp.TemplateMeta', spec: 'Kp.TemplateSpec' }, r: ['spec'] },
    'Kp.TemplateMeta': { f: { labels: '{s}', annotations: '{s}' } },
    'Kp.TemplateSpec': {
      f: {
        nodeClassRef: 'Kp.NodeClassRef',
        requirements: '[Kp.Requirement]',
        taints: '[Kp.Taint]',
        startupTaints: '[Kp.Taint]',
        expireAfter: 's',
        terminationGracePeriod: 's',
      },
      r: ['nodeClassRef', 'requirements'],
      c: { requirements: { maxItems: 100 }, expireAfter: { p: DURATION }, terminationGracePeriod: { p: /^([0-9]+(s|m|h))+$/ } },
    },
    'Kp.NodeClassRef': {
      f: { group: 's', kind: 's', name: 's' },
      r: ['group', 'kind', 'name'],
      // The CRD's CEL rules: none of the three may be empty.
      c: {
        group: { p: /^[^/]+$/, hint: 'group may not be empty' },
        kind: { p: /./, hint: 'kind may not be empty' },
        name: { p: /./, hint: 'name may not be empty' },
      },
    },
    'Kp.Requirement': {
      f: { key: 's', operator: 's', values: '[s]', minValues: 'int' },
      r: ['key', 'operator'],
      c: {
        key: { p: LABEL_KEY, maxLen: 316 },
        operator: { e: ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt', 'Gte', 'Lte'] },
        minValues: { min: 1, max: 50 },
      },
    },
    'Kp.Taint': {
      f: { key: 's', value: 's', effect: 's', timeAdded: 'dt' },
      r: ['key', 'effect'],
      c: { key: { p: LABEL_KEY }, value: { p: LABEL_KEY }, effect: EFFECT },
    },

    // karpenter.k8s.aws/v1 EC2NodeClass
    'Kp.EC2NodeClass': top('Kp.EC2NodeClassSpec', false),
    'Kp.EC2NodeClassSpec': {
      f: {
        amiFamily: 's',
        amiSelectorTerms: '[Kp.AMITerm]',
        subnetSelectorTerms: '[Kp.SubnetTerm]',
        securityGroupSelectorTerms: '[Kp.SGTerm]',
        capacityReservationSelectorTerms: '[Kp.CRTerm]',
        associatePublicIPAddress: 'b',
        blockDeviceMappings: '[Kp.BDM]',
        context: 's',
        detailedMonitoring: 'b',
        instanceProfile: 's',
        instanceStorePolicy: 's',
        kubelet: 'Kp.Kubelet',
        metadataOptions: 'Kp.Metadata',
        role: 's',
        tags: '{s}',
        userData: 's',
        ipPrefixCount: 'i32',
        networkInterfaces: '[Kp.NIC]',
        placementGroupSelector: 'Kp.PG',
        cpuOptions: 'Kp.CPU',
        connectionTracking: 'Kp.ConnTrack',
      },
      r: ['amiSelectorTerms', 'subnetSelectorTerms', 'securityGroupSelectorTerms'],
      c: {
        amiFamily: { e: ['AL2', 'AL2023', 'Bottlerocket', 'Custom', 'Windows2019', 'Windows2022', 'Windows2025'] },
        amiSelectorTerms: { minItems: 1, maxItems: 30 },
        subnetSelectorTerms: { maxItems: 30 },
        securityGroupSelectorTerms: { maxItems: 30 },
        capacityReservationSelectorTerms: { maxItems: 30 },
        blockDeviceMappings: { maxItems: 50 },
        instanceStorePolicy: { e: ['RAID0'] },
        ipPrefixCount: { min: 0 },
      },
    },
    'Kp.AMITerm': {
      f: { alias: 's', id: 's', name: 's', owner: 's', ssmParameter: 's', tags: '{s}' },
      c: { alias: { maxLen: 30, p: /^[a-zA-Z0-9]+@.+$/, hint: 'e.g. al2023@latest' }, id: { p: /ami-[0-9a-z]+/ } },
    },
    'Kp.SubnetTerm': { f: { id: 's', tags: '{s}' }, c: { id: { p: /subnet-[0-9a-z]+/ } } },
    'Kp.SGTerm': { f: { id: 's', name: 's', tags: '{s}' }, c: { id: { p: /sg-[0-9a-z]+/ } } },
    'Kp.CRTerm': {
      f: { id: 's', ownerID: 's', tags: '{s}', instanceMatchCriteria: 's' },
      c: { id: { p: /^cr-[0-9a-z]+$/ }, ownerID: { p: /^[0-9]{12}$/ }, instanceMatchCriteria: { e: ['open', 'targeted'] } },
    },
    'Kp.BDM': { f: { deviceName: 's', ebs: 'Kp.EBS', rootVolume: 'b' } },
    'Kp.EBS': {
      f: {
        deleteOnTermination: 'b',
        encrypted: 'b',
        iops: 'i64',
        kmsKeyID: 's',
        snapshotID: 's',
        throughput: 'i64',
        volumeInitializationRate: 'i32',
        volumeSize: 's',
        volumeType: 's',
      },
      c: {
        volumeType: { e: ['standard', 'io1', 'io2', 'gp2', 'sc1', 'st1', 'gp3'] },
        volumeSize: { p: /^[1-9][0-9]*(Gi|G|Ti|T)$/, hint: 'e.g. 20Gi' },
        volumeInitializationRate: { min: 100, max: 300 },
      },
    },
    'Kp.Kubelet': {
      f: {
        clusterDNS: '[s]',
        cpuCFSQuota: 'b',
        evictionHard: '{s}',
        evictionSoft: '{s}',
        evictionSoftGracePeriod: '{s}',
        evictionMaxPodGracePeriod: 'i32',
        imageGCHighThresholdPercent: 'i32',
        imageGCLowThresholdPercent: 'i32',
        kubeReserved: '{s}',
        systemReserved: '{s}',
        maxPods: 'i32',
        podsPerCore: 'i32',
      },
      c: { imageGCHighThresholdPercent: { min: 0, max: 100 }, imageGCLowThresholdPercent: { min: 0, max: 100 }, maxPods: { min: 0 }, podsPerCore: { min: 0 } },
    },
    'Kp.Metadata': {
      f: { httpEndpoint: 's', httpProtocolIPv6: 's', httpPutResponseHopLimit: 'i64', httpTokens: 's' },
      c: { httpEndpoint: ENABLED, httpProtocolIPv6: ENABLED, httpPutResponseHopLimit: { min: 1, max: 64 }, httpTokens: { e: ['required', 'optional'] } },
    },
    'Kp.NIC': {
      f: { deviceIndex: 'i32', networkCardIndex: 'i32', interfaceType: 's' },
      r: ['deviceIndex', 'networkCardIndex', 'interfaceType'],
      c: { interfaceType: { e: ['interface', 'efa-only'] }, deviceIndex: { min: 0 }, networkCardIndex: { min: 0 } },
    },
    'Kp.PG': { f: { id: 's', name: 's' }, c: { id: { p: /^pg-[0-9a-z]+$/ } } },
    'Kp.CPU': { f: { nestedVirtualization: 's' }, c: { nestedVirtualization: ENABLED } },
    'Kp.ConnTrack': {
      f: { tcpEstablishedTimeout: 'i32', udpStreamTimeout: 'i32', udpTimeout: 'i32' },
      c: { tcpEstablishedTimeout: { min: 60, max: 432000 }, udpStreamTimeout: { min: 60, max: 180 }, udpTimeout: { min: 30, max: 60 } },
    },

    // vpcresources.k8s.aws/v1beta1 SecurityGroupPolicy
    'Vpc.SecurityGroupPolicy': top('Vpc.SGPSpec', false),
    'Vpc.SGPSpec': { f: { podSelector: 'V1LabelSelector', serviceAccountSelector: 'V1LabelSelector', securityGroups: 'Vpc.SGs' } },
    'Vpc.SGs': { f: { groupIds: '[s]' }, c: { groupIds: { minItems: 1, p: /^sg-[0-9a-z]+$/ } } },

    // crd.k8s.amazonaws.com/v1alpha1 ENIConfig
    'Cni.ENIConfig': top('Cni.ENIConfigSpec', false),
    'Cni.ENIConfigSpec': { f: { subnet: 's', securityGroups: '[s]' }, r: ['subnet'] },

    // secrets-store.csi.x-k8s.io/v1 SecretProviderClass
    'Sscsi.SecretProviderClass': top('Sscsi.Spec', false),
    'Sscsi.Spec': { f: { provider: 's', parameters: '{s}', secretObjects: '[Sscsi.SecretObject]' } },
    'Sscsi.SecretObject': { f: { secretName: 's', type: 's', labels: '{s}', annotations: '{s}', data: '[Sscsi.Data]' } },
    'Sscsi.Data': { f: { objectName: 's', key: 's' } },

    // elbv2.k8s.aws/v1beta1 TargetGroupBinding and IngressClassParams
    'Elb.TargetGroupBinding': top('Elb.TGBSpec'),
    'Elb.TGBSpec': {
      f: {
        targetGroupARN: 's',
        targetGroupName: 's',
        targetType: 's',
        serviceRef: 'Elb.ServiceRef',
        networking: 'Elb.Networking',
        nodeSelector: 'V1LabelSelector',
        ipAddressType: 's',
        vpcID: 's',
        multiClusterTargetGroup: 'b',
        iamRoleArnToAssume: 's',
        assumeRoleExternalId: 's',
        targetGroupProtocol: 's',
      },
      r: ['serviceRef'],
      c: {
        targetType: { e: ['instance', 'ip'] },
        ipAddressType: { e: ['ipv4', 'ipv6'] },
        targetGroupProtocol: { e: ['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP', 'QUIC', 'TCP_QUIC'] },
      },
    },
    'Elb.ServiceRef': { f: { name: 's', port: 'ios' }, r: ['name', 'port'] },
    'Elb.Networking': { f: { ingress: '[Elb.NetIngress]' } },
    'Elb.NetIngress': { f: { from: '[Elb.Peer]', ports: '[Elb.Port]' }, r: ['from', 'ports'] },
    'Elb.Peer': { f: { ipBlock: 'Elb.IPBlock', securityGroup: 'Elb.SG' } },
    'Elb.IPBlock': { f: { cidr: 'cidr' }, r: ['cidr'] },
    'Elb.SG': { f: { groupID: 's' }, r: ['groupID'] },
    'Elb.Port': { f: { port: 'ios', protocol: 's' }, c: { protocol: { e: ['TCP', 'UDP'] } } },
    'Elb.IngressClassParams': top('Elb.ICPSpec', false),
    'Elb.ICPSpec': {
      f: {
        namespaceSelector: 'V1LabelSelector',
        group: 'Elb.Group',
        scheme: 's',
        inboundCIDRs: '[cidr]',
        sslPolicy: 's',
        sslRedirectPort: 's',
        subnets: 'Elb.Subnets',
        ipAddressType: 's',
        tags: '[Elb.KV]',
        targetType: 's',
        loadBalancerName: 's',
        loadBalancerAttributes: '[Elb.KV]',
        listeners: '[Elb.Listener]',
        certificateArn: '[s]',
        minimumLoadBalancerCapacity: 'Elb.Capacity',
        ipamConfiguration: 'Elb.IPAM',
        prefixListsIDs: '[s]',
        PrefixListsIDs: '[s]',
        wafv2AclArn: 's',
        wafv2AclName: 's',
      },
      c: {
        scheme: { e: ['internal', 'internet-facing'] },
        ipAddressType: { e: ['ipv4', 'dualstack', 'dualstack-without-public-ipv4'] },
        targetType: { e: ['instance', 'ip'] },
      },
    },
    'Elb.Group': { f: { name: 's' }, r: ['name'] },
    'Elb.Subnets': { f: { ids: '[s]', tags: '{[s]}' }, c: { ids: { minItems: 1 } } },
    'Elb.KV': { f: { key: 's', value: 's' }, r: ['key', 'value'] },
    'Elb.Listener': { f: { protocol: 's', port: 'i32', listenerAttributes: '[Elb.KV]' } },
    'Elb.Capacity': { f: { capacityUnits: 'i32' }, r: ['capacityUnits'] },
    'Elb.IPAM': { f: { ipv4IPAMPoolId: 's' } },

    // snapshot.storage.k8s.io/v1 VolumeSnapshotClass (no spec: fields are top-level)
    'Snap.VolumeSnapshotClass': {
      f: { apiVersion: 's', kind: 's', metadata: 'V1ObjectMeta', driver: 's', deletionPolicy: 's', parameters: '{s}' },
      r: ['driver', 'deletionPolicy'],
      c: { deletionPolicy: { e: ['Delete', 'Retain'] } },
    },

    // autoscaling.k8s.io/v1 VerticalPodAutoscaler
    'Vpa.VerticalPodAutoscaler': top('Vpa.Spec'),
    'Vpa.Spec': {
      f: {
        targetRef: 'Vpa.TargetRef',
        updatePolicy: 'Vpa.UpdatePolicy',
        resourcePolicy: 'Vpa.ResourcePolicy',
        recommenders: '[Vpa.Recommender]',
        startupBoost: 'any',
      },
      r: ['targetRef'],
    },
    'Vpa.TargetRef': { f: { apiVersion: 's', kind: 's', name: 's' }, r: ['kind', 'name'] },
    'Vpa.UpdatePolicy': {
      f: { updateMode: 's', minReplicas: 'i32', evictAfterOOMSeconds: 'i32', evictionRequirements: '[Vpa.EvictionRequirement]' },
      c: { updateMode: { e: ['Off', 'Initial', 'Recreate', 'InPlaceOrRecreate', 'InPlace', 'Auto'] }, evictAfterOOMSeconds: { min: 1 } },
    },
    'Vpa.EvictionRequirement': {
      f: { changeRequirement: 's', resources: '[s]' },
      r: ['changeRequirement', 'resources'],
      c: { changeRequirement: { e: ['TargetHigherThanRequests', 'TargetLowerThanRequests'] } },
    },
    'Vpa.ResourcePolicy': { f: { containerPolicies: '[Vpa.ContainerPolicy]' } },
    'Vpa.ContainerPolicy': {
      f: {
        containerName: 's',
        controlledResources: '[s]',
        controlledValues: 's',
        maxAllowed: '{q}',
        minAllowed: '{q}',
        mode: 's',
        memoryAggregationIntervalCount: 'i64',
        memoryAggregationIntervalSeconds: 'i64',
        oomBumpUpRatio: 'any',
        oomMinBumpUp: 'any',
        startupBoost: 'any',
      },
      c: {
        controlledValues: { e: ['RequestsAndLimits', 'RequestsOnly'] },
        mode: { e: ['Auto', 'Off'] },
        memoryAggregationIntervalCount: { min: 1 },
        memoryAggregationIntervalSeconds: { min: 1 },
      },
    },
    'Vpa.Recommender': { f: { name: 's' }, r: ['name'] },

    // argoproj.io/v1alpha1 Application (Argo CD's application-crd.yaml): spec, and the source fields of
    // directory and Helm sources; plugin, kustomize and the hydrator are accepted as they are.
    'Argo.Application': { f: { apiVersion: 's', kind: 's', metadata: 'V1ObjectMeta', spec: 'Argo.Spec', operation: 'any', status: 'any' }, r: ['spec'] },
    'Argo.Spec': {
      f: {
        project: 's',
        destination: 'Argo.Destination',
        source: 'Argo.Source',
        sources: '[Argo.Source]',
        syncPolicy: 'Argo.SyncPolicy',
        ignoreDifferences: '[any]',
        info: '[any]',
        revisionHistoryLimit: 'i64',
        sourceHydrator: 'any',
      },
      r: ['destination', 'project'],
    },
    'Argo.Destination': { f: { server: 's', namespace: 's', name: 's' } },
    'Argo.Source': {
      f: {
        repoURL: 's',
        path: 's',
        targetRevision: 's',
        chart: 's',
        ref: 's',
        name: 's',
        helm: 'Argo.Helm',
        directory: 'Argo.Directory',
        kustomize: 'any',
        plugin: 'any',
      },
      r: ['repoURL'],
    },
    'Argo.Helm': {
      f: {
        releaseName: 's',
        valueFiles: '[s]',
        parameters: '[Argo.HelmParameter]',
        fileParameters: '[any]',
        values: 's',
        valuesObject: 'any',
        ignoreMissingValueFiles: 'b',
        passCredentials: 'b',
        skipCrds: 'b',
        skipSchemaValidation: 'b',
        skipTests: 'b',
        version: 's',
        namespace: 's',
        kubeVersion: 's',
        apiVersions: '[s]',
      },
    },
    'Argo.HelmParameter': { f: { name: 's', value: 's', forceString: 'b' } },
    'Argo.Directory': { f: { recurse: 'b', include: 's', exclude: 's', jsonnet: 'any' } },
    'Argo.SyncPolicy': { f: { automated: 'Argo.Automated', syncOptions: '[s]', retry: 'any', managedNamespaceMetadata: 'any' } },
    'Argo.Automated': { f: { prune: 'b', selfHeal: 'b', allowEmpty: 'b', enabled: 'b' } },
    // argoproj.io/v1alpha1 AppProject (Argo CD's appproject-crd.yaml): the fields that scope a project.
    'Argo.AppProject': { f: { apiVersion: 's', kind: 's', metadata: 'V1ObjectMeta', spec: 'Argo.ProjectSpec', status: 'any' }, r: ['spec'] },
    'Argo.ProjectSpec': {
      f: {
        description: 's',
        sourceRepos: '[s]',
        sourceNamespaces: '[s]',
        destinations: '[Argo.Destination]',
        clusterResourceWhitelist: '[Argo.GroupKind]',
        clusterResourceBlacklist: '[Argo.GroupKind]',
        namespaceResourceWhitelist: '[Argo.GroupKind]',
        namespaceResourceBlacklist: '[Argo.GroupKind]',
        roles: '[any]',
        syncWindows: '[any]',
        orphanedResources: 'any',
        signatureKeys: '[any]',
        destinationServiceAccounts: '[any]',
        permitOnlyProjectScopedClusters: 'b',
      },
    },
    'Argo.GroupKind': { f: { group: 's', kind: 's' }, r: ['group', 'kind'] },
  });

/** `apiVersion kind` -> [def, namespaced, plural]. */
export const CRD_KINDS: Record<string, [string, number, string]> = {
  'karpenter.sh/v1 NodePool': ['Kp.NodePool', 0, 'nodepools'],
  'karpenter.k8s.aws/v1 EC2NodeClass': ['Kp.EC2NodeClass', 0, 'ec2nodeclasses'],
  'vpcresources.k8s.aws/v1beta1 SecurityGroupPolicy': ['Vpc.SecurityGroupPolicy', 1, 'securitygrouppolicies'],
  'crd.k8s.amazonaws.com/v1alpha1 ENIConfig': ['Cni.ENIConfig', 0, 'eniconfigs'],
  'secrets-store.csi.x-k8s.io/v1 SecretProviderClass': ['Sscsi.SecretProviderClass', 1, 'secretproviderclasses'],
  'elbv2.k8s.aws/v1beta1 TargetGroupBinding': ['Elb.TargetGroupBinding', 1, 'targetgroupbindings'],
  'elbv2.k8s.aws/v1beta1 IngressClassParams': ['Elb.IngressClassParams', 0, 'ingressclassparams'],
  'snapshot.storage.k8s.io/v1 VolumeSnapshotClass': ['Snap.VolumeSnapshotClass', 0, 'volumesnapshotclasses'],
  'autoscaling.k8s.io/v1 VerticalPodAutoscaler': ['Vpa.VerticalPodAutoscaler', 1, 'verticalpodautoscalers'],
  'argoproj.io/v1alpha1 Application': ['Argo.Application', 1, 'applications'],
  'argoproj.io/v1alpha1 AppProject': ['Argo.AppProject', 1, 'appprojects'],
};

// Regions where Amazon EKS runs, with their partition (ARNs differ per partition). Checked 2026-11-28.
export interface Region {
  code: string;
  name: string;
  partition: 'aws' | 'aws-cn' | 'aws-us-gov';
}

/** The DNS suffix of a partition's service endpoints (the China regions use amazonaws.com.cn). */
export const DNS_SUFFIX: Record<Region['partition'], string> = { aws: 'amazonaws.com', 'aws-cn': 'amazonaws.com.cn', 'aws-us-gov': 'amazonaws.com' };

const aws = (code: string, name: string): Region => ({ code, name, partition: 'aws' });

export const EKS_REGIONS: Region[] = [
  aws('us-east-1', 'US East (N. Virginia)'),
  aws('us-east-2', 'US East (Ohio)'),
  aws('us-west-1', 'US West (N. California)'),
  aws('us-west-2', 'US West (Oregon)'),
  aws('af-south-1', 'Africa (Cape Town)'),
  aws('ap-east-1', 'Asia Pacific (Hong Kong)'),
  aws('ap-east-2', 'Asia Pacific (Taipei)'),
  aws('ap-south-1', 'Asia Pacific (Mumbai)'),
  aws('ap-south-2', 'Asia Pacific (Hyderabad)'),
  aws('ap-northeast-1', 'Asia Pacific (Tokyo)'),
  aws('ap-northeast-2', 'Asia Pacific (Seoul)'),
  aws('ap-northeast-3', 'Asia Pacific (Osaka)'),
  aws('ap-southeast-1', 'Asia Pacific (Singapore)'),
  aws('ap-southeast-2', 'Asia Pacific (Sydney)'),
  aws('ap-southeast-3', 'Asia Pacific (Jakarta)'),
  aws('ap-southeast-4', 'Asia Pacific (Melbourne)'),
  aws('ap-southeast-5', 'Asia Pacific (Malaysia)'),
  aws('ap-southeast-6', 'Asia Pacific (New Zealand)'),
  aws('ap-southeast-7', 'Asia Pacific (Thailand)'),
  aws('ca-central-1', 'Canada (Central)'),
  aws('ca-west-1', 'Canada West (Calgary)'),
  aws('eu-central-1', 'Europe (Frankfurt)'),
  aws('eu-central-2', 'Europe (Zurich)'),
  aws('eu-west-1', 'Europe (Ireland)'),
  aws('eu-west-2', 'Europe (London)'),
  aws('eu-west-3', 'Europe (Paris)'),
  aws('eu-south-1', 'Europe (Milan)'),
  aws('eu-south-2', 'Europe (Spain)'),
  aws('eu-north-1', 'Europe (Stockholm)'),
  aws('il-central-1', 'Israel (Tel Aviv)'),
  aws('me-south-1', 'Middle East (Bahrain)'),
  aws('me-central-1', 'Middle East (UAE)'),
  aws('mx-central-1', 'Mexico (Central)'),
  aws('sa-east-1', 'South America (Sao Paulo)'),
  { code: 'us-gov-east-1', name: 'AWS GovCloud (US-East)', partition: 'aws-us-gov' },
  { code: 'us-gov-west-1', name: 'AWS GovCloud (US-West)', partition: 'aws-us-gov' },
  { code: 'cn-north-1', name: 'China (Beijing)', partition: 'aws-cn' },
  { code: 'cn-northwest-1', name: 'China (Ningxia)', partition: 'aws-cn' },
];

export const REGION_BY_CODE = new Map(EKS_REGIONS.map((r) => [r.code, r]));

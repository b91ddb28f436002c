import type { Assumptions } from './assumptions.ts';
import type { Deployment } from './deployment.ts';
import type { PerCoreFigures } from './per-core-figures.ts';

/** measured: from a run here; assumed: from assumptions.ts or infra/cdk.json; computed: from both. */
export type Basis = 'measured' | 'assumed' | 'computed';

export interface ModelRow {
  what: string;
  value: string;
  basis: Basis;
}

export interface Saturation {
  component: string;
  /** Demand at the peak hour over what the configured maximum gives (1 = saturated). */
  utilisation: number;
  scales: string;
}

export interface CapacityModel {
  /** Database connections once the services run at the size the peak needs, and what the configured class allows. */
  connectionsAtPeakSize: { connections: number; configuredMax: number | null; apiTasks: number; workerTasks: number };
  peak: ModelRow[];
  sizing: ModelRow[];
  requests: ModelRow[];
  cost: { component: string; monthlyUsd: number; basis: Basis }[];
  totalMonthlyUsd: number;
  saturation: Saturation[];
}

const HOURS_PER_MONTH = 730;
const fmt = (value: number, digits = 1) =>
  value >= 100 ? Math.round(value).toLocaleString('en-US') : String(Math.round(value * 10 ** digits) / 10 ** digits);

function cloudfrontCost(gb: number, tiers: Assumptions['prices']['cloudfrontTiers']): number {
  let cost = 0;
  let previousTb = 0;
  for (const tier of tiers) {
    const tierGb = Math.max(0, Math.min(gb, tier.uptoTb * 1024) - previousTb * 1024);
    cost += tierGb * tier.perGb;
    previousTb = tier.uptoTb;
    if (gb <= tier.uptoTb * 1024) break;
  }
  return cost;
}

/** S3 requests to store one object of `mb` through the object store (multipart above one part). */
const putRequests = (mb: number, partMb: number) => (mb <= partMb ? 1 : Math.ceil(mb / partMb) + 2);

/**
 * The national final on the deployment `infra/cdk.json` describes: peak-hour rates from the
 * assumed traffic, the vCPU each service needs from the per-core figures, tasks and the database
 * class, the month's SQS and S3 requests and its cost per component, and which component reaches
 * its configured limit first.
 */
export function capacityModel(figures: PerCoreFigures, deployment: Deployment, a: Assumptions): CapacityModel {
  const f = (name: keyof PerCoreFigures) => figures[name].value;
  const basisOf = (...names: (keyof PerCoreFigures)[]): Basis =>
    names.every((name) => figures[name].basis === 'assumed') ? 'assumed' : 'computed';
  const e = a.event;
  const v = a.perVoter;

  // Peak hour.
  const votersPerSecond = (e.votersOnFinalDay * e.peakHourShare) / 3600;
  const votes = votersPerSecond * v.votes;
  const reads = votersPerSecond * (v.rankingsReads + v.listingReads);
  const sharePages = votersPerSecond * v.sharePages;
  const apiVideoReads = sharePages / 2;
  const bcrypts = votersPerSecond * (v.logins + v.signups);
  const uploadsPerHour = e.uploadsInLastWeek * e.busiestUploadDayShare * e.peakHourShare;
  const uploads = uploadsPerHour / 3600;
  const meanUploadMb = a.uploads.sizeMix.reduce((sum, size) => sum + size.mb * size.share, 0);
  const peak: ModelRow[] = [
    { what: 'voters in the peak hour', value: fmt(e.votersOnFinalDay * e.peakHourShare), basis: 'assumed' },
    { what: 'votes/s', value: fmt(votes), basis: 'assumed' },
    { what: 'rankings + gallery reads/s', value: fmt(reads), basis: 'assumed' },
    {
      what: 'shared pages/s (and API reads/s from phones)',
      value: `${fmt(sharePages)} (${fmt(apiVideoReads)})`,
      basis: 'assumed',
    },
    { what: 'sign-ins + sign-ups/s (one bcrypt each)', value: fmt(bcrypts), basis: 'assumed' },
    { what: 'uploads/hour (mean size MB)', value: `${fmt(uploadsPerHour)} (${fmt(meanUploadMb)})`, basis: 'assumed' },
  ];

  // API: core-seconds per second of each kind of work.
  const perMb = (f('uploadCoreSeconds100mb') - f('uploadCoreSeconds4mb')) / (100 - 4);
  const uploadCore = f('uploadCoreSeconds4mb') + perMb * (meanUploadMb - 4);
  const bcryptCore = 2 ** (a.runtime.productionBcryptCost - f('bcryptCost')) / f('bcryptComparesPerCoreSecond');
  const apiParts = {
    reads: (reads + apiVideoReads) * f('readApiCoreSeconds'),
    votes: votes * f('voteApiCoreSeconds'),
    pages: sharePages * f('sharePageCoreSeconds'),
    bcrypt: bcrypts * bcryptCore,
    uploads: uploads * uploadCore,
  };
  const apiVcpu = Object.values(apiParts).reduce((x, y) => x + y, 0) / a.runtime.fargateVcpuPerMeasuredCore;
  const api = deployment.api;
  const apiTasks = Math.max(api.minTasks, Math.ceil(apiVcpu / (api.vcpu * api.cpuTarget)));

  // Worker: every vCPU busy while there is a backlog.
  const worker = deployment.worker;
  const workerVcpu = (uploads * f('workerCoreSecondsPerVideo')) / a.runtime.fargateVcpuPerMeasuredCore;
  const workerTasks = Math.max(worker.minTasks, Math.ceil(workerVcpu / worker.vcpu));
  const videosPerHourAtMax = (worker.maxTasks * worker.vcpu * 3600) / f('workerCoreSecondsPerVideo');
  const busiestDayUploads = e.uploadsInLastWeek * e.busiestUploadDayShare;
  const drainHoursAtMax = busiestDayUploads / videosPerHourAtMax;

  // Database.
  const dbVcpu = votes * f('voteDbCoreSeconds') + (reads + apiVideoReads) * f('readDbCoreSeconds');
  const connections = (tasksApi: number, tasksWorker: number) =>
    tasksApi * api.poolMax + tasksWorker * worker.poolMax + 5;
  const maxConnections = (ramGiB: number) => Math.floor((ramGiB * 2 ** 30) / a.prices.rdsBytesPerConnection);
  const neededConnections = connections(apiTasks, workerTasks);
  const rdsClass =
    a.prices.rdsClasses.find(
      (c) => c.vcpu * a.runtime.databaseCpuTarget >= dbVcpu && maxConnections(c.ramGiB) * 0.9 >= neededConnections,
    ) ?? a.prices.rdsClasses[a.prices.rdsClasses.length - 1]!;
  const configured = a.prices.rdsClasses.find((c) => c.name === deployment.database.instanceType);
  const writeShare = votes / f('voteCapacityPerSecond');

  const sizing: ModelRow[] = [
    {
      what: 'API vCPU needed (reads, votes, pages, bcrypt, uploads)',
      value: `${fmt(apiVcpu, 2)} (${Object.values(apiParts)
        .map((p) => fmt(p, 2))
        .join(', ')})`,
      basis: basisOf('readApiCoreSeconds', 'voteApiCoreSeconds', 'bcryptComparesPerCoreSecond'),
    },
    {
      what: `share of the API's CPU that is bcrypt (cost ${a.runtime.productionBcryptCost} in production)`,
      value: `${fmt((100 * apiParts.bcrypt) / (apiVcpu * a.runtime.fargateVcpuPerMeasuredCore || 1))} %`,
      basis: basisOf('bcryptComparesPerCoreSecond'),
    },
    {
      what: `API tasks of ${api.vcpu} vCPU at ${api.cpuTarget * 100} % CPU (configured ${api.minTasks}–${api.maxTasks})`,
      value: String(apiTasks),
      basis: 'computed',
    },
    {
      what: 'worker vCPU busy in the peak hour',
      value: fmt(workerVcpu, 2),
      basis: basisOf('workerCoreSecondsPerVideo'),
    },
    {
      what: `worker tasks of ${worker.vcpu} vCPU to keep up (configured ${worker.minTasks}–${worker.maxTasks})`,
      value: String(workerTasks),
      basis: 'computed',
    },
    {
      what: `hours ${worker.maxTasks} worker tasks take to render the busiest day's ${fmt(busiestDayUploads)} uploads`,
      value: fmt(drainHoursAtMax),
      basis: 'computed',
    },
    {
      what: 'database vCPU needed (votes and reads)',
      value: fmt(dbVcpu, 2),
      basis: basisOf('voteDbCoreSeconds', 'readDbCoreSeconds'),
    },
    {
      what: `database connections at ${apiTasks} API and ${workerTasks} worker tasks (pools ${api.poolMax} and ${worker.poolMax}, 5 for operations)`,
      value: String(neededConnections),
      basis: 'computed',
    },
    {
      what: `RDS class that fits (configured ${deployment.database.instanceType}, max_connections ≈ ${configured ? maxConnections(configured.ramGiB) : '?'})`,
      value: `${rdsClass.name} (max_connections ≈ ${maxConnections(rdsClass.ramGiB)}${rdsClass.burstable ? '; burstable: the peak spends CPU credits' : ''})`,
      basis: 'computed',
    },
    {
      what: 'vote writes at the peak / vote capacity measured here',
      value: `${fmt(votes)} / ${fmt(f('voteCapacityPerSecond'))} = ${fmt(writeShare * 100)} %`,
      basis: basisOf('voteCapacityPerSecond'),
    },
  ];

  // The month of the final.
  const votersPerMonth = e.votersOnFinalDay * e.finalDaysPerMonth;
  const uploadsPerMonth = e.uploadsInLastWeek * e.uploadWeeksPerMonth;
  const plays = votersPerMonth * v.plays;
  // A job holds its message and renews it every visibility timeout / 3 (100 s in prod).
  const heartbeats = Math.floor((f('workerCoreSecondsPerVideo') * worker.concurrency) / worker.vcpu / 100);
  const sqsRequests = uploadsPerMonth * (3 + heartbeats) + (worker.minTasks * (HOURS_PER_MONTH * 3600)) / 20;
  const partMb = a.runtime.s3PartMb;
  const uploadPuts = a.uploads.sizeMix.reduce((sum, size) => sum + size.share * putRequests(size.mb, partMb), 0);
  const s3Puts = uploadsPerMonth * (uploadPuts + putRequests(f('clipMb'), partMb) + 2);
  const s3Gets = uploadsPerMonth + plays * a.runtime.requestsPerPlay * (1 - a.runtime.cdnHitRatio);
  const cdnGb = (plays * f('clipMb') * v.watchedShare) / 1024;
  const perVoterRequests = v.sharePages * 1.5 + v.rankingsReads + v.listingReads + v.votes + v.logins + v.signups;
  const cdnRequests = plays * a.runtime.requestsPerPlay + votersPerMonth * perVoterRequests;
  const uploadGb = (uploadsPerMonth * meanUploadMb) / 1024;
  const storedGb = (uploadsPerMonth * (meanUploadMb + f('clipMb'))) / 1024;
  const requests: ModelRow[] = [
    { what: 'voters and clip plays in the month', value: `${fmt(votersPerMonth)} and ${fmt(plays)}`, basis: 'assumed' },
    { what: 'uploads in the month', value: fmt(uploadsPerMonth), basis: 'assumed' },
    {
      what: 'SQS requests (send, receive, delete, heartbeats; idle long polls)',
      value: fmt(sqsRequests),
      basis: 'computed',
    },
    { what: 'S3 PUT-class requests (multipart originals, clip, poster, tags)', value: fmt(s3Puts), basis: 'computed' },
    { what: 'S3 GET requests (worker reads, CDN misses)', value: fmt(s3Gets), basis: 'computed' },
    { what: 'CloudFront data out (TB)', value: fmt(cdnGb / 1024, 1), basis: basisOf('clipMb') },
    { what: 'CloudFront requests', value: fmt(cdnRequests), basis: 'computed' },
    { what: 'new objects stored (GB)', value: fmt(storedGb), basis: 'computed' },
  ];

  const p = a.prices;
  const taskHour = (vcpu: number, gb: number) => vcpu * p.fargateVcpuHour + gb * p.fargateGbHour;
  const serviceHours = (min: number, peakTasks: number) =>
    min * HOURS_PER_MONTH + Math.max(0, peakTasks - min) * a.runtime.peakScaleHoursPerMonth;
  const azs = deployment.database.multiAz ? 2 : 1;
  const peakRequestsPerSecond = votersPerSecond * perVoterRequests;
  const cost: CapacityModel['cost'] = [
    {
      component: `API on Fargate (${api.minTasks} task all month, ${apiTasks} at the peak)`,
      monthlyUsd: serviceHours(api.minTasks, apiTasks) * taskHour(api.vcpu, api.memoryGb),
      basis: 'computed',
    },
    {
      component: `Worker on Fargate (${worker.minTasks} all month, ${workerTasks} at the peak)`,
      monthlyUsd: serviceHours(worker.minTasks, workerTasks) * taskHour(worker.vcpu, worker.memoryGb),
      basis: 'computed',
    },
    {
      component: `RDS ${rdsClass.name}${azs === 2 ? ' Multi-AZ' : ''} + ${deployment.database.storageGb} GB gp3`,
      monthlyUsd: azs * (rdsClass.hourly * HOURS_PER_MONTH + deployment.database.storageGb * p.rdsGp3GbMonth),
      basis: 'computed',
    },
    { component: 'SQS', monthlyUsd: (Math.max(0, sqsRequests - 1e6) / 1e6) * p.sqsPerMillion, basis: 'computed' },
    {
      component: 'S3 requests and new storage',
      monthlyUsd:
        (s3Puts / 1000) * p.s3PutPerThousand + (s3Gets / 1000) * p.s3GetPerThousand + storedGb * p.s3StorageGbMonth,
      basis: 'computed',
    },
    {
      component: 'CloudFront: clips out, requests, uploads in to the origin',
      monthlyUsd:
        cloudfrontCost(cdnGb, p.cloudfrontTiers) +
        (cdnRequests / 1e4) * p.cloudfrontHttpsPer10k +
        uploadGb * p.cloudfrontToOriginPerGb,
      basis: 'computed',
    },
    {
      component: 'WAF (web ACL, rules, requests)',
      monthlyUsd: p.fixedMonthly.wafAclAndRules + (cdnRequests / 1e6) * p.wafPerMillion,
      basis: 'computed',
    },
    {
      component: 'ALB (base and capacity units at the peak)',
      monthlyUsd:
        p.fixedMonthly.albBase + (peakRequestsPerSecond / 25) * a.runtime.peakScaleHoursPerMonth * p.albLcuHour,
      basis: 'assumed',
    },
    {
      component: 'NAT gateways, CloudWatch, KMS, secrets (fixed)',
      monthlyUsd: p.fixedMonthly.natGateways + p.fixedMonthly.cloudWatchKmsSecrets,
      basis: 'assumed',
    },
  ];

  const saturation: Saturation[] = [
    {
      component: `API tasks (CPU; ${api.maxTasks} × ${api.vcpu} vCPU at ${api.cpuTarget * 100} %)`,
      utilisation: apiVcpu / (api.maxTasks * api.vcpu * api.cpuTarget),
      scales:
        'raise api.maxTasks in infra/cdk.json (ECS adds tasks on CPU); each task adds databasePoolMax connections',
    },
    {
      component: `Worker tasks (${worker.maxTasks} × ${worker.vcpu} vCPU)`,
      utilisation: workerVcpu / (worker.maxTasks * worker.vcpu),
      scales:
        'raise worker.maxTasks (ECS adds tasks on backlog per task), or let the queue hold the peak and drain after it',
    },
    {
      component: `Database CPU (${deployment.database.instanceType})`,
      utilisation: configured ? dbVcpu / (configured.vcpu * a.runtime.databaseCpuTarget) : NaN,
      scales: 'a larger class in database.instanceType',
    },
    {
      component: `Database connections (${deployment.database.instanceType}, all tasks at their maximum)`,
      utilisation: configured ? connections(api.maxTasks, worker.maxTasks) / maxConnections(configured.ramGiB) : NaN,
      scales: 'a class with more memory, or smaller pools (databasePoolMax)',
    },
    {
      component: 'Vote writes (one insert and one commit each, ADR 26)',
      utilisation: writeShare,
      scales: 'a class with more vCPU and IOPS; commits already share WAL flushes',
    },
  ].sort((x, y) => (y.utilisation || 0) - (x.utilisation || 0));

  return {
    connectionsAtPeakSize: {
      connections: neededConnections,
      configuredMax: configured ? maxConnections(configured.ramGiB) : null,
      apiTasks,
      workerTasks,
    },
    peak,
    sizing,
    requests,
    cost,
    totalMonthlyUsd: cost.reduce((sum, c) => sum + c.monthlyUsd, 0),
    saturation,
  };
}

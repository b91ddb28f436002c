/**
 * Everything the capacity model assumes rather than measures, in one place. Change a figure here and
 * `npm run load:report -- --render-only` recomputes the model. Prices are AWS list prices for
 * us-east-1 (on-demand, Linux/x86) as published when `pricesAsOf` says; they are not read from AWS
 * when the report is made, so check them before a budget is signed.
 */
export const ASSUMPTIONS = {
  event: {
    /** The national final: people who vote on the day. */
    votersOnFinalDay: 1_000_000,
    /** Uploads in the contest's last week. */
    uploadsInLastWeek: 50_000,
    /** Share of the last week's uploads that arrive on its busiest day (the deadline). */
    busiestUploadDayShare: 0.25,
    /** Share of a day's traffic in its busiest hour. */
    peakHourShare: 0.1,
    /** The month of the final carries this many "final days" of traffic (the final itself plus the run-up). */
    finalDaysPerMonth: 2,
    /** Uploads in that month, as multiples of the last week's. */
    uploadWeeksPerMonth: 2,
  },
  perVoter: {
    /** Shared video pages opened (`/v/{id}`); half of them from phones that also read the API. */
    sharePages: 2,
    /** Rankings reads (`GET /api/public/rankings`). */
    rankingsReads: 4,
    /** Gallery reads (`GET /api/public/videos`). */
    listingReads: 4,
    /** Votes cast. */
    votes: 3,
    /** Sign-ins (one bcrypt compare each). */
    logins: 1,
    /** New accounts per voter (one bcrypt hash each; the rest already had one). */
    signups: 0.4,
    /** Clips played, and the share of a clip a play downloads. */
    plays: 3,
    watchedShare: 0.5,
  },
  uploads: {
    /** Upload sizes (MB) and their shares of all uploads. */
    sizeMix: [
      { mb: 15, share: 0.4 },
      { mb: 50, share: 0.4 },
      { mb: 100, share: 0.2 },
    ],
  },
  runtime: {
    /** One Fargate vCPU does the work of one core of the machine the figures were measured on. */
    fargateVcpuPerMeasuredCore: 1,
    /** Production bcrypt cost (infra/cdk.json BCRYPT_COST); each step doubles a compare's work. */
    productionBcryptCost: 11,
    /** CPU a database instance may use before latency suffers. */
    databaseCpuTarget: 0.7,
    /** CloudFront cache hit ratio for clips and posters. */
    cdnHitRatio: 0.95,
    /** Range requests a browser makes to play one clip. */
    requestsPerPlay: 4,
    /** Hours a month the services run at their peak size (the final day and the busiest upload day). */
    peakScaleHoursPerMonth: 48,
    /** S3 multipart part size used by the object store (packages/storage), MB. */
    s3PartMb: 8,
  },
  pricesAsOf: 'as published in 2025, not re-read since',
  prices: {
    fargateVcpuHour: 0.04048,
    fargateGbHour: 0.004445,
    /** PostgreSQL, single-AZ, per hour; Multi-AZ doubles it. vCPUs and RAM (GiB) per class. */
    rdsClasses: [
      { name: 'db.t4g.small', vcpu: 2, ramGiB: 2, hourly: 0.032, burstable: true },
      { name: 'db.t4g.medium', vcpu: 2, ramGiB: 4, hourly: 0.065, burstable: true },
      { name: 'db.t4g.large', vcpu: 2, ramGiB: 8, hourly: 0.129, burstable: true },
      { name: 'db.m7g.large', vcpu: 2, ramGiB: 8, hourly: 0.168, burstable: false },
      { name: 'db.m7g.xlarge', vcpu: 4, ramGiB: 16, hourly: 0.337, burstable: false },
      { name: 'db.m7g.2xlarge', vcpu: 8, ramGiB: 32, hourly: 0.673, burstable: false },
      { name: 'db.m7g.4xlarge', vcpu: 16, ramGiB: 64, hourly: 1.346, burstable: false },
    ],
    /** RDS sets max_connections to about RAM / 9.5 MB (LEAST(DBInstanceClassMemory/9531392, 5000)). */
    rdsBytesPerConnection: 9_531_392,
    rdsGp3GbMonth: 0.115,
    sqsPerMillion: 0.4,
    s3PutPerThousand: 0.005,
    s3GetPerThousand: 0.0004,
    s3StorageGbMonth: 0.023,
    /** CloudFront to the internet, North America/Europe, per GB by monthly tier (TB up to which it applies). */
    cloudfrontTiers: [
      { uptoTb: 10, perGb: 0.085 },
      { uptoTb: 50, perGb: 0.08 },
      { uptoTb: 150, perGb: 0.06 },
      { uptoTb: 500, perGb: 0.04 },
      { uptoTb: Infinity, perGb: 0.03 },
    ],
    cloudfrontHttpsPer10k: 0.01,
    /** Uploads pass through CloudFront to the load balancer: data out to the origin, per GB. */
    cloudfrontToOriginPerGb: 0.02,
    wafPerMillion: 0.6,
    /** Fixed monthly parts that do not grow with traffic (infra/README.md's cost notes, prod). */
    fixedMonthly: { natGateways: 66, albBase: 25, cloudWatchKmsSecrets: 24, wafAclAndRules: 14 },
    /** ALB capacity units: one LCU-hour per 25 new connections/s or 1 GB/h processed, roughly. */
    albLcuHour: 0.008,
  },
} as const;

export type Assumptions = typeof ASSUMPTIONS;

/**
 * Per-core figures used only when no included run measured them (they are then tagged assumed):
 * the orders of magnitude earlier runs on this machine showed.
 */
export const FALLBACK_PER_CORE = {
  uploadCoreSeconds4mb: 0.035,
  uploadCoreSeconds100mb: 0.65,
  readApiCoreSeconds: 0.0015,
  readDbCoreSeconds: 0.0005,
  voteApiCoreSeconds: 0.002,
  voteDbCoreSeconds: 0.001,
  voteCapacityPerSecond: 500,
  bcryptComparesPerCoreSecond: 10,
  bcryptCost: 10,
  sharePageCoreSeconds: 0.002,
  workerCoreSecondsPerVideo: 21,
  clipMb: 22,
} as const;

import { existsSync, readFileSync } from 'node:fs';
import type { Json } from './types.ts';

/** The production sizes the capacity model speaks of, as infra/cdk.json sets them. */
export interface Deployment {
  source: string;
  api: { vcpu: number; memoryGb: number; minTasks: number; maxTasks: number; cpuTarget: number; poolMax: number };
  worker: { vcpu: number; memoryGb: number; minTasks: number; maxTasks: number; concurrency: number; poolMax: number };
  database: { instanceType: string; multiAz: boolean; storageGb: number; connectionsAlarm: number };
}

/** Read from the CDK context (`anb:environments.prod`); null when the file or the environment is missing. */
export function readDeployment(cdkJsonFile: string, environment = 'prod'): Deployment | null {
  if (!existsSync(cdkJsonFile)) return null;
  const env: Json = JSON.parse(readFileSync(cdkJsonFile, 'utf8')).context?.['anb:environments']?.[environment];
  if (!env?.api || !env.worker || !env.database) return null;
  const vcpu = (units: number) => Math.max(1, Math.floor(units / 1024));
  return {
    source: `infra/cdk.json, environment ${environment}`,
    api: {
      vcpu: env.api.cpu / 1024,
      memoryGb: env.api.memoryMiB / 1024,
      minTasks: env.api.minTasks,
      maxTasks: env.api.maxTasks,
      cpuTarget: env.api.cpuTargetPercent / 100,
      poolMax: env.api.databasePoolMax,
    },
    worker: {
      vcpu: env.worker.cpu / 1024,
      memoryGb: env.worker.memoryMiB / 1024,
      minTasks: env.worker.minTasks,
      maxTasks: env.worker.maxTasks,
      concurrency: env.worker.concurrency ?? vcpu(env.worker.cpu),
      poolMax: env.worker.databasePoolMax,
    },
    database: {
      instanceType: `db.${env.database.instanceType}`,
      multiAz: Boolean(env.database.multiAz),
      storageGb: env.database.allocatedStorageGiB,
      connectionsAlarm: env.alarms?.databaseConnections ?? 0,
    },
  };
}

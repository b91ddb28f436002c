export { startWorker, type RunningWorker, type WorkerLog } from './start-worker.ts';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EcsTaskProtection } from '../src/adapters/ecs-task-protection.ts';
import { startFakeEcsAgent } from './support/fake-ecs-agent.ts';

let agent: Awaited<ReturnType<typeof startFakeEcsAgent>>;
let errors: string[];
const log = { error: (_fields: object, message: string) => void errors.push(message) };

beforeEach(async () => {
  agent = await startFakeEcsAgent();
  errors = [];
});
afterEach(() => agent.close());

describe('ECS task scale-in protection through the agent endpoint', () => {
  it('protects the task when a job starts and releases it when the last running job ends', async () => {
    const protection = new EcsTaskProtection({ agentUri: agent.uri, expiresInMinutes: 10, log });
    await protection.jobStarted();
    await protection.jobStarted();
    await protection.jobEnded();
    expect(agent.requests.map((request) => request.body.ProtectionEnabled)).toEqual([true, true]);
    await protection.jobEnded();
    await protection.settled();
    expect(agent.requests.map((request) => request.body)).toEqual([
      { ProtectionEnabled: true, ExpiresInMinutes: 10 },
      { ProtectionEnabled: true, ExpiresInMinutes: 10 },
      { ProtectionEnabled: false },
    ]);
    for (const request of agent.requests) {
      expect(request).toMatchObject({ method: 'PUT', path: '/api/fake-task-id/task-protection/v1/state' });
    }
    expect(errors).toEqual([]);
  });

  it('sends the state wanted when each call goes out, in order, when starts and ends overlap', async () => {
    const protection = new EcsTaskProtection({ agentUri: agent.uri, expiresInMinutes: 5, log });
    const calls = [protection.jobStarted(), protection.jobEnded(), protection.jobStarted()];
    await Promise.all(calls);
    await protection.settled();
    // The last word is "protected": a job is running.
    expect(agent.requests.at(-1)?.body.ProtectionEnabled).toBe(true);
  });

  it('logs a failure answered by the agent instead of failing the job', async () => {
    agent.failFromNowOn();
    const protection = new EcsTaskProtection({ agentUri: agent.uri, expiresInMinutes: 5, log });
    await expect(protection.jobStarted()).resolves.toBeUndefined();
    expect(errors).toEqual(['ECS task scale-in protection was not changed']);
  });

  it('logs an unreachable agent instead of failing the job', async () => {
    await agent.close();
    const protection = new EcsTaskProtection({ agentUri: agent.uri, expiresInMinutes: 5, log });
    await expect(protection.jobStarted()).resolves.toBeUndefined();
    expect(errors).toEqual(['ECS agent unreachable; task scale-in protection unchanged']);
    agent = await startFakeEcsAgent();
  });

  it('does nothing outside ECS, where there is no agent URI', async () => {
    const protection = new EcsTaskProtection({ agentUri: undefined, expiresInMinutes: 5, log });
    await protection.jobStarted();
    await protection.jobEnded();
    expect(agent.requests).toEqual([]);
  });
});

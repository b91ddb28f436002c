import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProtectionRequest {
  method: string;
  path: string;
  body: { ProtectionEnabled: boolean; ExpiresInMinutes?: number };
}

/**
 * Stands in for the ECS agent's task-protection endpoint ($ECS_AGENT_URI/task-protection/v1/state): records
 * each request and answers as the agent does, or with a failure when told to.
 */
export async function startFakeEcsAgent() {
  const requests: ProtectionRequest[] = [];
  let answerFailure = false;
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const body = JSON.parse(raw || '{}') as ProtectionRequest['body'];
      requests.push({ method: request.method ?? '', path: request.url ?? '', body });
      response.setHeader('content-type', 'application/json');
      if (answerFailure) {
        response.end(JSON.stringify({ failure: { Arn: 'task', Reason: 'TASK_NOT_VALID', Detail: 'fake' } }));
        return;
      }
      response.end(JSON.stringify({ protection: { ProtectionEnabled: body.ProtectionEnabled, TaskArn: 'task' } }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    uri: `http://127.0.0.1:${port}/api/fake-task-id`,
    requests,
    failFromNowOn: () => (answerFailure = true),
    close: async () => {
      server.close();
      await once(server, 'close');
    },
  };
}

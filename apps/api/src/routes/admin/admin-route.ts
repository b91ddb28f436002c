import type { AuditActor } from '@anb/core';
import type { FastifyRequest } from 'fastify';

/** Every admin answer may be one of these refusals, besides its own. */
export const ADMIN_REFUSALS = [401, 403] as const;

export const adminSecurity = [{ bearerAuth: [] }];

/** The organiser behind the request, for the audit log; the admin scope's hook has set it. */
export function organiserOf(request: FastifyRequest): AuditActor {
  if (!request.organiser) throw new Error('admin route reached without requireOrganiser');
  return request.organiser;
}

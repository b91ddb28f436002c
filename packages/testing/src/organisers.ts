import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '@anb/db';
import { newVoter } from './mailbox.ts';
import type { Player } from './players.ts';

/** Every organiser route, with a body it would accept, for checks that each one refuses the same way. */
export const ADMIN_ROUTES: { method: 'GET' | 'POST' | 'PUT'; url: (id: string) => string; payload?: object }[] = [
  { method: 'GET', url: () => '/api/admin/videos' },
  { method: 'GET', url: () => '/api/admin/reports' },
  { method: 'POST', url: (id) => `/api/admin/videos/${id}/hide`, payload: { reason: 'spam' } },
  { method: 'POST', url: (id) => `/api/admin/videos/${id}/restore`, payload: {} },
  { method: 'POST', url: (id) => `/api/admin/videos/${id}/dismiss-reports`, payload: { reason: 'ok' } },
  { method: 'GET', url: (id) => `/api/admin/videos/${id}/votes` },
  { method: 'GET', url: () => '/api/admin/users?email=ana%40example.com' },
  { method: 'POST', url: (id) => `/api/admin/users/${id}/suspend`, payload: { reason: 'fraude', void_votes: true } },
  { method: 'POST', url: (id) => `/api/admin/users/${id}/reinstate`, payload: {} },
  {
    method: 'PUT',
    url: () => '/api/admin/contest',
    payload: { name: 'ANB', rules: '', selected_per_city: 3, uploads_close_at: null, voting_closes_at: null },
  },
  { method: 'GET', url: () => '/api/admin/results' },
  { method: 'GET', url: () => '/api/admin/results.csv' },
  { method: 'GET', url: () => '/api/admin/audit' },
];

/** A confirmed account given the organiser role, as `npm run admin -- grant-organiser` does. */
export async function newOrganiser(app: FastifyInstance, db: Kysely<Database>): Promise<Player> {
  const organiser = await newVoter(app, db, { first_name: 'Olga', last_name: 'Organizadora' });
  await db.updateTable('users').set({ role: 'organiser' }).where('id', '=', organiser.id).execute();
  return organiser;
}

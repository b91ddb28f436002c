import type { FastifyRequest } from 'fastify';
import { ClientGoneError } from './client-gone-error.ts';

/**
 * Closes the connection of an upload that sends no byte for `idleMs` (a multipart body, or a tus
 * PATCH); the reader then fails and what was received is kept or removed by its owner.
 * Returns the function that stops watching.
 */
export function dropWhenIdle(request: FastifyRequest, idleMs: number): () => void {
  const socket = request.raw.socket as (typeof request.raw.socket & { setTimeout?: unknown }) | null;
  if (!socket || typeof socket.setTimeout !== 'function') return () => {};
  const onIdle = () => request.raw.destroy(new ClientGoneError(`no byte of the upload for ${idleMs} ms`));
  socket.setTimeout(idleMs, onIdle);
  return () => {
    socket.setTimeout(0);
    socket.removeListener('timeout', onIdle);
  };
}

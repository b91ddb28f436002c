import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ContestService, HonouredAccount, PublicService, PublishedVideoView } from '@anb/core';
import { rankingRule } from '@anb/core/ranking-rule';
import { voteLimiters, type VoteRateLimit } from '../http/vote-limits.ts';
import { messages } from '../http/messages.ts';
import { toIso } from '../http/timestamps.ts';
import { absoluteUrl, videoPageUrl } from '../http/urls.ts';
import type { CachedAnswer, PublicReadCache } from '../http/public-read-cache.ts';
import { problems } from '../schemas/problem.schema.ts';
import {
  knownCity,
  publicVideo,
  publicVideoPage,
  publicVideosQuery,
  rankedPlayer,
  rankingsQuery,
  voteCounted,
} from '../schemas/public.schema.ts';
import { videoIdParams } from '../schemas/video.schema.ts';

/** Enough for every city a contest in one country draws, few enough for one small answer. */
const KNOWN_CITIES_SHOWN = 500;

export interface PublicRoutesOptions {
  publicArea: PublicService;
  /** Tells whether the rankings are final (voting closed) or provisional. */
  contest: Pick<ContestService, 'phaseForDisplay'>;
  voteRateLimit: VoteRateLimit;
  /** A vote is queued for the tally: tally it now rather than at the next tick. */
  voteQueued: () => void;
  /** The rankings and listing as anonymous readers get them, kept for a moment. */
  publicReads: PublicReadCache;
}

export const publicRoutes: FastifyPluginAsyncZod<PublicRoutesOptions> = async (
  app,
  { publicArea, contest, voteRateLimit, voteQueued, publicReads },
) => {
  const votes = voteLimiters(app, voteRateLimit);
  app.get(
    '/public/videos',
    {
      preHandler: app.identifyPlayer,
      schema: {
        tags: ['public'],
        summary: 'Videos publicados y habilitados para votación (total en X-Total-Count)',
        querystring: publicVideosQuery,
        response: { 200: z.array(publicVideo), ...problems(400) },
      },
    },
    async function listPublicVideos(request, reply) {
      const read = async (): Promise<CachedAnswer> => {
        const { items, total } = await publicArea.listPublished({ ...request.query, viewerId: request.playerId });
        return {
          body: serializedOnce(
            reply,
            items.map((video) => publicVideoWire(request, video)),
          ),
          headers: { 'x-total-count': total },
        };
      };
      // `voted_by_me` is the viewer's own: only anonymous readers share an answer.
      const answer = request.playerId ? await read() : await publicReads.answer(cacheKey(request), read);
      return sendAnswer(reply, answer);
    },
  );

  app.get(
    '/public/videos/:video_id',
    {
      preHandler: app.identifyPlayer,
      schema: {
        tags: ['public'],
        summary: 'Un video publicado, con la posición de su jugador en el ranking de su ciudad',
        description: 'Un video desconocido, sin publicar, oculto o eliminado responde 404, sin distinguir el caso.',
        params: videoIdParams,
        response: { 200: publicVideoPage, ...problems(404) },
      },
    },
    async function getPublicVideo(request) {
      const video = await publicArea.findPublished(request.params.video_id, request.playerId);
      return {
        ...publicVideoWire(request, video),
        position: video.cityPosition,
        page_url: videoPageUrl(app.publicBaseUrl, video.id),
        ...(video.ownedByViewer === undefined ? {} : { is_mine: video.ownedByViewer }),
      };
    },
  );

  app.post(
    '/public/videos/:video_id/vote',
    {
      // The address is counted first, so attempts without a valid token count too.
      preHandler: [votes.perClient, app.requirePlayer, votes.perAccount],
      schema: {
        tags: ['public'],
        summary: 'Vota por un video publicado (un voto por usuario y video)',
        security: [{ bearerAuth: [] }],
        params: videoIdParams,
        response: { 200: voteCounted, ...problems(400, 401, 403, 404, 429) },
      },
    },
    async function vote(request) {
      const { email, emailVerified } = request.account as HonouredAccount;
      await publicArea.vote(request.params.video_id, { id: request.playerId as string, email, emailVerified });
      voteQueued();
      return { message: messages.voteCounted };
    },
  );

  app.get(
    '/public/cities',
    {
      schema: {
        tags: ['public'],
        summary: 'Ciudades ya registradas, las de más personas primero (para sugerirlas al escribir una)',
        response: { 200: z.array(knownCity) },
      },
    },
    async function knownCities(_request, reply) {
      reply.header('cache-control', 'public, max-age=300');
      return publicArea.knownCities(KNOWN_CITIES_SHOWN);
    },
  );

  app.get(
    '/public/rankings',
    {
      schema: {
        tags: ['public'],
        summary: 'Jugadores ordenados por votos (empates comparten posición)',
        description: `${rankingRule} X-Ranking-Status: provisional mientras la votación está abierta, final después.`,
        querystring: rankingsQuery,
        response: { 200: z.array(rankedPlayer), ...problems(400) },
      },
    },
    async function rankings(request, reply) {
      const answer = await publicReads.answer(cacheKey(request), async () => {
        const { include, ...query } = request.query;
        const withTopVideo = include === 'video_id';
        const [players, phase] = await Promise.all([
          publicArea.rankings({ ...query, withTopVideo }),
          contest.phaseForDisplay(),
        ]);
        const rows = players.map(({ videoId, ...player }) =>
          withTopVideo ? { ...player, video_id: videoId } : player,
        );
        return {
          body: serializedOnce(reply, rows),
          headers: { 'x-ranking-status': phase === 'closed' ? 'final' : 'provisional' },
        };
      });
      return sendAnswer(reply, answer);
    },
  );
};

/** The route and its parsed query: the parameters in any order share an answer; other routes never do. */
function cacheKey(request: FastifyRequest): string {
  return `${request.routeOptions.url} ${JSON.stringify(request.query)}`;
}

/** The route's serializer, encoded to bytes once: readers of a shared answer cost no encoding each. */
function serializedOnce(reply: FastifyReply, payload: unknown): Buffer {
  const body = reply.serialize(payload);
  return typeof body === 'string' ? Buffer.from(body) : Buffer.from(body as Uint8Array);
}

/** An answer already serialized by the route's schema goes out as it is. */
function sendAnswer(reply: FastifyReply, answer: CachedAnswer): FastifyReply {
  return reply.headers(answer.headers).type('application/json; charset=utf-8').send(answer.body);
}

function publicVideoWire(request: FastifyRequest, video: PublishedVideoView) {
  return {
    video_id: video.id,
    title: video.title,
    player_name: video.playerName,
    city: video.city,
    country: video.country,
    processed_url: absoluteUrl(request, video.processedUrl),
    poster_url: absoluteUrl(request, video.posterUrl),
    votes: video.votes,
    uploaded_at: toIso(video.uploadedAt),
    ...(video.votedByViewer === undefined ? {} : { voted_by_me: video.votedByViewer }),
  };
}

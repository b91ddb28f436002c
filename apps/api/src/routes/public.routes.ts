import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { ContestService, PublicService, PublishedVideoView } from '@anb/core';
import { rankingRule } from '@anb/core/ranking-rule';
import { voteLimiters, type VoteRateLimit } from '../http/vote-limits.ts';
import { messages } from '../http/messages.ts';
import { toIso } from '../http/timestamps.ts';
import { absoluteUrl, videoPageUrl } from '../http/urls.ts';
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
}

export const publicRoutes: FastifyPluginAsyncZod<PublicRoutesOptions> = async (
  app,
  { publicArea, contest, voteRateLimit, voteQueued },
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
      const { items, total } = await publicArea.listPublished({ ...request.query, viewerId: request.playerId });
      reply.header('x-total-count', total);
      return items.map((video) => publicVideoWire(request, video));
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
      await publicArea.vote(request.params.video_id, request.playerId as string);
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
      const { include, ...query } = request.query;
      const withTopVideo = include === 'video_id';
      const [players, phase] = await Promise.all([
        publicArea.rankings({ ...query, withTopVideo }),
        contest.phaseForDisplay(),
      ]);
      reply.header('x-ranking-status', phase === 'closed' ? 'final' : 'provisional');
      return players.map(({ videoId, ...player }) => (withTopVideo ? { ...player, video_id: videoId } : player));
    },
  );
};

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

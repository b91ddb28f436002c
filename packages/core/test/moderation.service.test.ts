import { describe, expect, it } from 'vitest';
import { newId, objectKeys, VideoNotHiddenError, VideoNotPublishedError } from '../src/index.ts';
import type { ModerationRepository, PublishedMedia, ReviewRepository } from '../src/index.ts';
import { ModerationService } from '../src/services/moderation.service.ts';

const actor = { userId: newId(), email: 'org@anb.test' };

/** Records, in order, what reached the published files and the database. */
function moderationWith(outcomes: {
  hide?: Date | 'not_found' | 'not_published';
  restore?: 'restored' | 'not_hidden';
}) {
  const steps: string[] = [];
  const media: PublishedMedia = {
    urlOf: async (key) => key,
    withdraw: async (keys) => void steps.push(`withdraw ${keys.join(' ')}`),
    reinstate: async (keys) => void steps.push(`reinstate ${keys.join(' ')}`),
  };
  const moderation = {
    hideVideo: async (id: string) => {
      steps.push(`hide ${id}`);
      return outcomes.hide ?? new Date();
    },
    restoreVideo: async (id: string) => {
      steps.push(`restore ${id}`);
      return outcomes.restore ?? 'restored';
    },
  } as unknown as ModerationRepository;
  const service = new ModerationService({ moderation, reviews: {} as ReviewRepository, media });
  return { service, steps };
}

describe('ModerationService and the published files', () => {
  const id = newId();
  const files = `${objectKeys.processed(id)} ${objectKeys.poster(id)}`;

  it('withdraws a video’s files before hiding it, so a hidden video is never still served', async () => {
    const { service, steps } = moderationWith({});
    await service.hide(id, 'spam', actor);
    expect(steps).toEqual([`withdraw ${files}`, `hide ${id}`]);
  });

  it('answers a hide of an unpublished video as before, its withdrawal harmless', async () => {
    const { service } = moderationWith({ hide: 'not_published' });
    await expect(service.hide(id, 'spam', actor)).rejects.toBeInstanceOf(VideoNotPublishedError);
  });

  it('reinstates the files before restoring, so a listed video’s files always load', async () => {
    const { service, steps } = moderationWith({});
    await service.restore(id, null, actor);
    expect(steps).toEqual([`reinstate ${files}`, `restore ${id}`]);
  });

  it('answers a restore of a video that is not hidden as before', async () => {
    const { service } = moderationWith({ restore: 'not_hidden' });
    await expect(service.restore(id, null, actor)).rejects.toBeInstanceOf(VideoNotHiddenError);
  });

  it('touches no files for an id that is not one of ours', async () => {
    const { service, steps } = moderationWith({});
    await expect(service.hide('nope', 'spam', actor)).rejects.toThrow();
    expect(steps).toEqual([]);
  });
});

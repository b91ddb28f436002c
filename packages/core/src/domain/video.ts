/** `hidden`: published, then taken down by an organiser; only its owner and organisers see it. */
export const videoStatuses = ['uploaded', 'processing', 'processed', 'failed', 'hidden'] as const;
export type VideoStatus = (typeof videoStatuses)[number];

/** A processed video is published: visible to the public and open to votes. */
export const isPublished = (status: VideoStatus): boolean => status === 'processed';

/** Once published (and possibly voted), a video stays; before that the player may withdraw it. */
export const canBeDeleted = (status: VideoStatus): boolean => !isPublished(status) && status !== 'hidden';

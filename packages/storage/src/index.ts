export { LocalObjectStore, type LocalObjectStoreOptions, type MediaRequest } from './local-object-store.ts';
export { InvalidObjectKeyError, isValidObjectKey } from './object-key.ts';
export { EXPIRY_WINDOW_SECONDS, MEDIA_ROUTE_PREFIX } from './media-signature.ts';
export { SignedPublishedMedia } from './signed-published-media.ts';

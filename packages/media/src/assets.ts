import { fileURLToPath } from 'node:url';

/** The ANB logo with alpha, rendered from assets/anb-logo.svg; used for the watermark and the bumpers. */
export const anbLogoPath = fileURLToPath(new URL('../assets/anb-logo.png', import.meta.url));

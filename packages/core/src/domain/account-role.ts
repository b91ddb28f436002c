/** A player takes part (uploads, votes); an organiser also runs the contest (`/api/admin/*`). */
export const accountRoles = ['player', 'organiser'] as const;
export type AccountRole = (typeof accountRoles)[number];

import type { ContestPhase } from '../api/types.ts';

/** How each phase is named, and what its countdown counts down to. */
export const phaseTexts: Record<ContestPhase, { badge: string; countdown?: string }> = {
  open: { badge: 'Subidas y votaciones abiertas', countdown: 'Las subidas de videos cierran en' },
  voting: { badge: 'Subidas cerradas · votación abierta', countdown: 'La votación cierra en' },
  closed: { badge: 'Concurso cerrado · resultados finales' },
};

/**
 * The Spanish texts of the organiser's tools and of the refusals they cause, shared by the API and the web app.
 * Dates are told in the contest's time zone, with its offset, so a player abroad reads the same instant.
 */
export function contestDate(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('es-CO', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
    timeZoneName: 'short',
  }).format(date);
}

export const organiserTexts = {
  uploadsClosed: (closedAt: Date, timeZone: string) =>
    `Las subidas del concurso cerraron el ${contestDate(closedAt, timeZone)}; ya no se reciben videos.`,
  votingClosed: (closedAt: Date, timeZone: string) =>
    `La votación del concurso cerró el ${contestDate(closedAt, timeZone)}; ya no se reciben votos.`,
  accountSuspended:
    'Tu cuenta está suspendida por el equipo organizador: no puede iniciar sesión, votar ni subir videos.',
  forbidden: 'Esta acción es solo para el equipo organizador del concurso.',
  reportReceived: 'Reporte recibido: el equipo organizador revisará el video.',
  alreadyReported: 'Ya reportaste este video; el equipo organizador lo revisará.',
  videoNotPublished: 'Solo se puede ocultar un video publicado.',
  videoNotHidden: 'El video no está oculto.',
  userNotFound: 'La cuenta no existe.',
  alreadySuspended: 'La cuenta ya está suspendida.',
  notSuspended: 'La cuenta no está suspendida.',
  cannotSuspendSelf: 'No puedes suspender tu propia cuenta.',
  invalidCalendar:
    'La votación no puede cerrar antes que las subidas ni quedar con fecha mientras las subidas no la tienen.',
} as const;

const numbers = new Intl.NumberFormat('es-CO');
const dates = new Intl.DateTimeFormat('es-CO', { dateStyle: 'medium', timeStyle: 'short' });

export const formatVotes = (votes: number) => `${numbers.format(votes)} ${votes === 1 ? 'voto' : 'votos'}`;

export const formatDate = (iso: string) => dates.format(new Date(iso));

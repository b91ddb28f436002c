/** What a link preview shows of one published video; every URL is absolute. */
export interface VideoCard {
  title: string;
  playerName: string;
  city: string;
  votes: number;
  /** The canonical page, `/v/{id}` on the public origin. */
  pageUrl: string;
  /** A URL that answers the poster for as long as the video is published; null when it has none. */
  imageUrl: string | null;
  videoUrl: string;
}

export const siteName = 'ANB Rising Stars Showcase';

export const cardTitle = (card: VideoCard) => `${card.title} — ${card.playerName}`;

export function cardDescription(card: VideoCard): string {
  const votes = card.votes === 1 ? '1 voto' : `${card.votes.toLocaleString('es-CO')} votos`;
  return `${card.playerName} juega por ${card.city} y lleva ${votes}. Mira su video y vota en ${siteName}.`;
}

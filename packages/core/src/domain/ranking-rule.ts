/**
 * How the ranking counts, in the words the rankings page and the API documentation show: one person, one
 * vote per player. Each video keeps its own count (one vote per person per video); a player's place counts
 * the people who voted for any of their videos, so publishing more takes does not multiply a fan's vote.
 */
export const rankingRule =
  'Cada persona cuenta una vez por jugador: si vota por varios videos del mismo jugador, suma un solo voto en el ranking. Cada video conserva sus propios votos.';

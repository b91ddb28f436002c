import type { RankedPlayer } from '../api/types.ts';
import { formatVotes } from '../lib/format.ts';
import { Link } from '../lib/link.tsx';
import { videoPagePath } from '../lib/video-address.ts';

/** Players sharing a position are marked as a tie, in words, not only by the repeated number. */
export function RankingsTable({ players, caption }: { players: RankedPlayer[]; caption: string }) {
  const tied = (index: number) => {
    const position = players[index]?.position;
    return players[index - 1]?.position === position || players[index + 1]?.position === position;
  };
  return (
    <div class="table-wrap">
      <table class="rankings">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Posición</th>
            <th scope="col">Jugador</th>
            <th scope="col" class="city-column">
              Ciudad
            </th>
            <th scope="col" class="numeric">
              Votos
            </th>
          </tr>
        </thead>
        <tbody>
          {players.map((player, index) => (
            <tr key={`${player.position}-${player.username}-${index}`}>
              <td class="position">
                {player.position}
                {tied(index) && <span class="tie"> (empate)</span>}
              </td>
              <th scope="row">
                {/* To the player's most voted video, where a visitor can watch it and vote. */}
                {player.video_id ? (
                  <Link href={videoPagePath(player.video_id)} class="row-link">
                    {player.username}
                  </Link>
                ) : (
                  player.username
                )}
                <span class="city-inline" aria-hidden="true">
                  {player.city}
                </span>
              </th>
              <td class="city-column">{player.city}</td>
              <td class="numeric">{formatVotes(player.votes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import type { ContestResults } from '@anb/core';

/**
 * The results as a spreadsheet opens them: UTF-8 with a byte-order mark (Excel then reads the accents) and `;`
 * between fields, the list separator of Spanish-language Excel, where `,` is the decimal mark; LibreOffice
 * asks or detects it. Every field is quoted, so a `;` or a line break inside a title stays in its cell, and a
 * leading `=`, `+`, `-` or `@` is prefixed with `'` so no cell runs as a formula.
 */
export function resultsCsv(results: ContestResults, videoUrl: (videoId: string) => string): string {
  const status = results.status === 'final' ? 'FINAL' : 'PROVISIONAL';
  const header = ['Posición', 'Jugador', 'Correo', 'Ciudad', 'Video', 'Enlace', 'Votos', 'Estado'];
  const rows = results.cities.flatMap(({ players }) =>
    players.map((row) => [
      String(row.position),
      row.player,
      row.email,
      row.city,
      row.videoTitle,
      videoUrl(row.videoId),
      String(row.votes),
      status,
    ]),
  );
  return `\uFEFF${[header, ...rows].map((fields) => fields.map(cell).join(';')).join('\r\n')}\r\n`;
}

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

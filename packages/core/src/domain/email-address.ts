/** Mail services that ignore dots in the local part, and the name they are known by. */
const DOTS_IGNORED: Record<string, string> = { 'gmail.com': 'gmail.com', 'googlemail.com': 'gmail.com' };

/**
 * The mailbox an address delivers to, so one person cannot hold several accounts: case ignored,
 * `+tag` dropped, and for Gmail dots ignored (`A.n.a+x@googlemail.com` → `ana@gmail.com`).
 * The database's backfill (migration 0003) applies the same rules.
 */
export function normalisedEmail(email: string): string {
  const lowered = email.trim().toLowerCase();
  const at = lowered.lastIndexOf('@');
  if (at < 0) return lowered;
  const domain = lowered.slice(at + 1);
  let local = lowered.slice(0, at).split('+')[0] ?? '';
  const gmail = DOTS_IGNORED[domain];
  if (gmail) local = local.replaceAll('.', '');
  return `${local}@${gmail ?? domain}`;
}

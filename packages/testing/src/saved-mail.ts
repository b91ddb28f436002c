/**
 * Mail as the embedded default delivers it: RFC 5322 files under `<DATA_DIR>/mail/`, one per message.
 * The browser checks and `npm run e2e` read the links there, as a player opens them from their inbox.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Undoes quoted-printable: soft line breaks go, `=XX` become bytes (read as UTF-8). */
function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The bodies of a saved message, each decoded from its Content-Transfer-Encoding. */
function bodiesOf(message: string): string[] {
  const parts = message.split(/\r?\n--[^\r\n]+\r?\n/);
  return parts.map((part) => {
    const [head = '', ...rest] = part.split(/\r?\n\r?\n/);
    const body = rest.join('\n\n');
    const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(head)?.[1]?.toLowerCase();
    if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
    if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    return body;
  });
}

/**
 * Waits for a mail to `email` that the stack's file transport wrote under `<DATA_DIR>/mail/` holding a link to
 * `pagePath`, and returns that link's path and query (the link's origin is the API's PUBLIC_BASE_URL).
 */
export async function savedMailLink(dataDir: string, email: string, pagePath: string, timeoutMs = 30_000) {
  const dir = path.join(dataDir, 'mail');
  const deadline = Date.now() + timeoutMs;
  const seen: string[] = [];
  while (Date.now() < deadline) {
    const names = await readdir(dir).catch(() => [] as string[]);
    // Newest first: the file names start with the ISO time of the send.
    for (const name of names
      .filter((file) => file.endsWith('.eml'))
      .sort()
      .reverse()) {
      const message = await readFile(path.join(dir, name), 'utf8');
      const to = /^to:\s*(.+)$/im.exec(message)?.[1] ?? '';
      if (!to.toLowerCase().includes(email.toLowerCase())) continue;
      for (const body of bodiesOf(message)) {
        for (const found of body.match(/https?:\/\/[^\s"<>]+/g) ?? []) {
          const url = new URL(found.replaceAll('&amp;', '&'));
          if (url.pathname === pagePath && url.searchParams.get('token'))
            return { url, path: url.pathname + url.search };
        }
      }
      seen.push(name);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no mail to ${email} linking to ${pagePath} in ${dir} (saw ${[...new Set(seen)].join(', ')})`);
}

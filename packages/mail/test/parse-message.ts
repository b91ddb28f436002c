/**
 * A deliberately small RFC 5322 / MIME reader for the tests, independent of nodemailer so a bug in how
 * nodemailer builds a message cannot hide behind the same bug in how it would read one back.
 */
export interface MessagePart {
  /** Header names in lower case, values unfolded with encoded words decoded. */
  headers: Map<string, string>;
  /** Raw header values, unfolded but not decoded. */
  rawHeaders: Map<string, string>;
  /** The body after its Content-Transfer-Encoding is undone, as UTF-8. */
  body: string;
  /** The parts of a multipart body. */
  parts: MessagePart[];
}

/** Reads a message whose lines end in CRLF (SMTP DATA, or a saved .eml). */
export function parseMessage(raw: string): MessagePart {
  const split = raw.indexOf('\r\n\r\n');
  if (split === -1) throw new Error('no blank CRLF line between the header and the body');
  const rawHeaders = new Map<string, string>();
  // Unfolding (RFC 5322 §2.2.3): a CRLF followed by white space is not a line end.
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n(?=[ \t])/g, '')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`not a header field: ${line}`);
    rawHeaders.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const headers = new Map([...rawHeaders].map(([name, value]) => [name, decodeWords(value)]));
  const content = raw.slice(split + 4);
  const boundary = /boundary="?([^";]+)"?/i.exec(rawHeaders.get('content-type') ?? '')?.[1];
  if (boundary === undefined || !/^multipart\//i.test(rawHeaders.get('content-type') ?? '')) {
    return { headers, rawHeaders, body: decodeBody(content, rawHeaders.get('content-transfer-encoding')), parts: [] };
  }
  const [, ...sections] = content.split(`--${boundary}`);
  const closing = sections.findIndex((section) => section.startsWith('--'));
  if (closing === -1) throw new Error(`no closing --${boundary}--`);
  const parts = sections
    .slice(0, closing)
    .map((section) => parseMessage(section.replace(/^\r\n/, '').replace(/\r\n$/, '')));
  return { headers, rawHeaders, body: '', parts };
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`); white space between two of them is dropped. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([bq])\?([^?]*)\?=/gi, (_, charset: string, encoding: string, text: string) => {
      if (charset.toLowerCase() !== 'utf-8') throw new Error(`unexpected charset ${charset}`);
      if (encoding.toLowerCase() === 'b') return Buffer.from(text, 'base64').toString('utf8');
      return hexBytes(text.replaceAll('_', ' '));
    });
}

function decodeBody(body: string, encoding = '7bit'): string {
  switch (encoding.toLowerCase()) {
    case 'quoted-printable':
      return hexBytes(body.replace(/=\r\n/g, ''));
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    default:
      return body;
  }
}

/** Turns `=XX` escapes back into bytes and reads the result as UTF-8. */
function hexBytes(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '=' && /^[0-9a-f]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

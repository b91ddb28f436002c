import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  MiB,
  formHeadText,
  formTailText,
  mismatch,
  prepareRefusals,
  refusalCases,
  type Outcome,
  type RefusalContext,
  type Shape,
} from '@anb/testing/upload-refusals';
import { newPlayerOverHttp } from '@anb/testing/players-over-http';
import { launchChromium } from './support/browser.ts';
import { startStack, type Stack } from './support/stack.ts';

// The API's early refusals (ADR 24) as a browser sees them: Chromium's fetch, from a page of the API's own origin,
// sends the whole body and must still report the answer. Declared bodies only: Chromium streams a request body
// over HTTP/2 alone, which the last test asserts. The Node clients are checked in apps/api/test/upload-refusals.test.ts.
let stack: Stack;
let browser: Browser;
let page: Page;
let context: RefusalContext;
const secret = randomBytes(32).toString('hex');
const limit = 100 * MiB;
const sizes = [MiB, 20 * MiB, limit + MiB];

before(async () => {
  stack = await startStack({ JWT_SECRET: secret, UPLOAD_MAX_BYTES: String(limit) });
  const api = `${stack.baseUrl}/api`;
  const [player, spent] = await Promise.all([newPlayerOverHttp(api), newPlayerOverHttp(api)]);
  [context, browser] = await Promise.all([prepareRefusals(api, secret, player, spent), launchChromium()]);
  page = await browser.newPage();
  await page.goto(stack.baseUrl);
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Sends `shape` from the page with a Blob body of `bytes` zero bytes (Content-Length declared). */
function sendFromPage(shape: Shape, bytes: number): Promise<Outcome> {
  return page.evaluate(
    async ({ shape, bytes, head, tail }) => {
      const file = new Blob([new Uint8Array(bytes)]);
      const headers: Record<string, string> = { ...shape.headers };
      if (shape.sizeHeader) headers[shape.sizeHeader] = String(bytes);
      let body = file;
      if (shape.body === 'multipart') {
        headers['content-type'] = `multipart/form-data; boundary=${head.slice(2, head.indexOf('\r\n'))}`;
        body = new Blob([head, file, tail]);
      }
      try {
        const response = await fetch(shape.url, { method: shape.method, headers, body });
        return {
          status: response.status,
          contentType: response.headers.get('content-type') ?? '',
          connection: '',
          body: await response.text(),
        };
      } catch (error) {
        return { error: String(error) };
      }
    },
    { shape, bytes, head: formHeadText, tail: formTailText },
  );
}

test(
  'Chromium gets the answer of every early upload refusal, with 1, 20 and 101 MB bodies',
  { timeout: 300_000 },
  async (t) => {
    for (const refusal of refusalCases) {
      await t.test(refusal.title, async () => {
        const { shape, expected } = refusal.request(context);
        const failures: string[] = [];
        for (const bytes of refusal.overLimit ? [limit + MiB] : sizes) {
          const wrong = mismatch(await sendFromPage(shape, bytes), expected);
          if (wrong) failures.push(`${Math.round(bytes / MiB)} MB: ${wrong}`);
        }
        assert.deepEqual(failures, [], `expected ${expected.status} ${expected.code}`);
      });
    }
  },
);

test('Chromium cannot stream a request body over HTTP/1.1, so only declared bodies are checked', async () => {
  const refused = await page.evaluate(async (url) => {
    const body = new ReadableStream({ pull: (controller) => controller.close() });
    try {
      await fetch(url, { method: 'POST', body, duplex: 'half' } as RequestInit);
      return '';
    } catch (error) {
      return String(error);
    }
  }, `${context.api}/videos/upload`);
  assert.match(refused, /TypeError/);
});

import type { Page } from 'playwright-core';

/** One answered tus request of the page, with the headers the resume logic turns on. */
export interface TusExchange {
  method: string;
  url: string;
  status: number;
  /** `Upload-Offset` the client sent (PATCH). */
  sentOffset: number | undefined;
  /** `Upload-Offset` the server answered (HEAD, PATCH). */
  serverOffset: number | undefined;
  videoId: string | undefined;
}

const asNumber = (value: string | undefined) => (value === undefined ? undefined : Number(value));

/** Records every answered request to the tus endpoint, in order; failed ones (no answer) are not listed. */
export function watchTusTraffic(page: Page): TusExchange[] {
  const exchanges: TusExchange[] = [];
  // Synchronous header reads, so the list keeps the order the answers came in.
  page.on('response', (response) => {
    const request = response.request();
    if (!new URL(request.url()).pathname.startsWith('/api/uploads')) return;
    exchanges.push({
      method: request.method(),
      url: request.url(),
      status: response.status(),
      sentOffset: asNumber(request.headers()['upload-offset']),
      serverOffset: asNumber(response.headers()['upload-offset']),
      videoId: response.headers()['video-id'],
    });
  });
  return exchanges;
}

/** Waits until the upload progress bar shows at least `percent`. */
export async function progressReaches(page: Page, percent: number): Promise<void> {
  await page.waitForFunction(
    (atLeast) => (document.querySelector<HTMLProgressElement>('#upload-progress')?.value ?? 0) >= atLeast,
    percent,
    { timeout: 120_000 },
  );
}

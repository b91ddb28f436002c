import type { Page } from 'playwright-core';

const unlimited = { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 };

/** Slows the page's uploads so one spans many progress events (loopback is near instant); returns the undo. */
export async function throttleUpload(page: Page, bytesPerSecond: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { ...unlimited, uploadThroughput: bytesPerSecond });
  return () => cdp.send('Network.emulateNetworkConditions', unlimited);
}

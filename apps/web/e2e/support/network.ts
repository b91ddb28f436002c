import type { Page } from 'playwright-core';

const unlimited = { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 };

/**
 * The page's network through Chrome's own emulation: uploads slowed to `bytesPerSecond` (loopback is near
 * instant), and a switch that cuts the connection (requests in flight fail) and restores it.
 */
export async function controlNetwork(page: Page, bytesPerSecond: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const throttled = { ...unlimited, uploadThroughput: bytesPerSecond };
  await cdp.send('Network.emulateNetworkConditions', throttled);
  return {
    cut: () => cdp.send('Network.emulateNetworkConditions', { ...throttled, offline: true }),
    restore: () => cdp.send('Network.emulateNetworkConditions', throttled),
    release: () => cdp.send('Network.emulateNetworkConditions', unlimited),
  };
}

/** Slows the page's uploads; returns what lifts the limit. */
export async function throttleUpload(page: Page, bytesPerSecond: number) {
  const network = await controlNetwork(page, bytesPerSecond);
  return network.release;
}

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { desktop, phone } from './browser.ts';
import { repoRoot } from './stack.ts';

export const screenshotDir = path.join(repoRoot, 'reports', 'screenshots');

/** Full-page screenshots of one address at desktop width and on a 390 px phone, with the given session. */
export async function screenshotBoth(
  browser: Browser,
  baseUrl: string,
  name: string,
  address: string,
  storageState?: Awaited<ReturnType<BrowserContext['storageState']>>,
): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  for (const [label, device] of [
    ['desktop', desktop],
    ['phone', phone],
  ] as const) {
    const context = await browser.newContext({ ...device, baseURL: baseUrl, locale: 'es-CO', storageState });
    const page = await context.newPage();
    await page.goto(address);
    await page.locator('main h1').waitFor();
    // Wait for the data the page shows, then for lazy posters in view.
    await page
      .locator('[aria-busy="true"]')
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(screenshotDir, `${name}-${label}.png`), fullPage: true });
    if (label === 'phone') {
      // Down to 360 px nothing may need sideways scrolling (tables scroll inside their own box).
      await page.setViewportSize({ width: 360, height: 780 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) throw new Error(`${address} is ${overflow} px wider than a 360 px screen`);
    }
    await context.close();
  }
}

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// Debian's chromium, no browser download; flags for a machine with no network but loopback.
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export const desktop = { viewport: { width: 1280, height: 800 } };
export const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** Console errors and uncaught exceptions of every page of a context (CSP violations land here too). */
export function collectPageErrors(context: BrowserContext): string[] {
  const errors: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (message) => {
      // A refused vote, a bad login or a video that is gone is an expected 4xx the app handles and shows.
      if (message.type() === 'error' && !/status of 40[0134]/.test(message.text())) errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return errors;
}

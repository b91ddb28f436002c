import type { Page } from 'playwright-core';

/** Apple's and WCAG 2.5.5's size for anything pressed with a finger. */
const MIN_TARGET_PX = 44;

// Every control a finger presses. Inline links inside running text would be exempt (WCAG 2.5.8), but the app
// has none left: each link that stands for an action is padded to a full target (`.action-link`).
const CONTROLS = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"]';

/**
 * Opens `path` and lists the visible controls smaller than 44×44 px, each as "path: text (width×height)".
 * A control hidden from sight (`.visually-hidden`, zero size) cannot be pressed and is not measured.
 */
export async function smallTargetsOn(page: Page, path: string): Promise<string[]> {
  await page.goto(path);
  await page.locator('main h1').waitFor();
  await page
    .locator('[aria-busy="true"]')
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
  await page.waitForLoadState('networkidle');
  const small = await page.evaluate(
    ({ selector, min }) =>
      [...document.querySelectorAll<HTMLElement>(selector)].flatMap((element) => {
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') return [];
        if (element.closest('.visually-hidden')) return [];
        // Sub-pixel layout: 43.995 px is 44 px on screen.
        if (box.width >= min - 0.01 && box.height >= min - 0.01) return [];
        const name = (element.getAttribute('aria-label') ?? element.textContent ?? element.id).trim().slice(0, 40);
        return [`${element.tagName.toLowerCase()} "${name}" (${Math.round(box.width)}×${Math.round(box.height)})`];
      }),
    { selector: CONTROLS, min: MIN_TARGET_PX },
  );
  return small.map((control) => `${path}: ${control}`);
}

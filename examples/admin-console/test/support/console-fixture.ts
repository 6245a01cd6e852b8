import { mkdir } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { type RunningConsole, type StartConsoleOptions, startConsole } from '../../src/demo/start-console';
import { launchBrowser, type TestBrowser } from './browser';
import { publishScreenshots, screenshotDir, updateScreenshots } from './screenshots';


/** A console on the simulator and PGlite, and a browser on it. */
export interface ConsoleUnderTest {
  /** The running console (its storage, database and simulator). */
  app: RunningConsole;
  /** The browser. */
  browser: TestBrowser;
  /** The browser's page. */
  page: Page;
  /** Opens a path of the console. */
  open(path: string): Promise<void>;
  /** Saves a screenshot as `<name>.png`: the whole page, or with `fullPage: false` the window only. */
  screenshot(name: string, options?: { fullPage?: boolean }): Promise<void>;
  /** Closes the browser and the console; with `pnpm screenshots`, first copies the README's screenshots this test took into `screenshots/`. */
  close(): Promise<void>;
}

/** Starts a console and a browser. */
export async function startConsoleUnderTest(options: StartConsoleOptions = {}): Promise<ConsoleUnderTest> {
  const app = await startConsole({ clientOptions: { retry: { retries: 1, minDelayMs: 1, maxDelayMs: 5 } }, ...options });
  const browser = await launchBrowser().catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  const { page } = browser;
  await mkdir(screenshotDir, { recursive: true });
  const taken: string[] = [];
  return {
    app,
    browser,
    page,
    async open(path) {
      await page.goto(`${app.url}${path}`);
    },
    async screenshot(name, { fullPage = true } = {}) {
      await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage });
      taken.push(name);
    },
    async close() {
      if (updateScreenshots) await publishScreenshots(taken);
      await browser.close();
      await app.close();
    },
  };
}

/**
 * A gate for the simulator's `delay` faults: the first delayed request passes, the others wait
 * until `open()`, so a test can look at a sync stopped after its first page (no sleeping).
 */
export function createGate(): { wait: (ms: number, signal: AbortSignal) => Promise<void>; open(): void; readonly calls: number } {
  let calls = 0;
  let release: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    wait(_ms, signal) {
      calls += 1;
      if (calls === 1) return Promise.resolve();
      return Promise.race([opened, new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))]);
    },
    open: () => release(),
    get calls() {
      return calls;
    },
  };
}

/**
 * `expect.poll` with room for a loaded machine: it retries until the value matches, for up to 30 s
 * (the default second is too short when a click means a POST, a Pax8 round trip and a new page).
 */
export function poll<T>(read: () => Promise<T>): ReturnType<typeof expect.poll<Promise<T>>> {
  return expect.poll(read, { timeout: 30_000, interval: 50 });
}

/** Waits until the progress bar of `entity` shows a finished sync, and returns its caption. */
export async function waitForSync(page: Page, entity: string): Promise<string> {
  const box = page.locator(`[data-progress-entity="${entity}"][data-state="finished"]`);
  await box.waitFor();
  return (await box.locator('.progress-text').textContent()) ?? '';
}

/** Controls without an accessible name: inputs, selects and progress bars without a label, buttons without text. */
export function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const named = (el: Element): boolean => {
      if (el.getAttribute('aria-label')?.trim() || el.getAttribute('aria-labelledby')) return true;
      const labels = (el as HTMLInputElement).labels;
      if (labels && Array.from(labels).some((label) => (label.textContent ?? '').trim() !== '')) return true;
      return el.tagName === 'BUTTON' && (el.textContent ?? '').trim() !== '';
    };
    return Array.from(document.querySelectorAll('input:not([type="hidden"]), select, textarea, button, progress')).filter((el) => !named(el)).map((el) => el.outerHTML.slice(0, 160));
  });
}

/**
 * Presses Tab through the whole page and returns the controls never focused: every enabled link,
 * button, input and select must be reachable by keyboard.
 */
export async function unreachableByTab(page: Page): Promise<string[]> {
  const total = await page.evaluate(() => {
    const controls = Array.from(document.querySelectorAll('a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), select:not([disabled])'));
    controls.forEach((el, i) => {
      (el as HTMLElement).dataset.kb = String(i);
    });
    // Every focus is recorded in the page, so the test only presses keys and reads the record once.
    const reached: string[] = [];
    (window as unknown as { reached: string[] }).reached = reached;
    document.addEventListener('focusin', (event) => reached.push((event.target as HTMLElement).dataset.kb ?? ''));
    (document.activeElement as HTMLElement | null)?.blur();
    return controls.length;
  });
  for (let i = 0; i < total + 5; i += 1) await page.keyboard.press('Tab');
  return page.evaluate(() => {
    const reached = (window as unknown as { reached: string[] }).reached;
    return Array.from(document.querySelectorAll('[data-kb]'))
      .filter((el) => !reached.includes((el as HTMLElement).dataset.kb ?? ''))
      .map((el) => el.outerHTML.slice(0, 160));
  });
}

/** Presses Tab until `target` has the focus (fails after `max` presses): proves it is reachable by keyboard. */
export async function tabTo(page: Page, target: Locator, max = 400): Promise<void> {
  const element = await target.elementHandle();
  if (element === null) throw new Error('tabTo: the target is not on the page');
  for (let i = 0; i < max; i += 1) {
    if (await element.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reachable with Tab in ${max} presses: ${await element.evaluate((el) => el.outerHTML.slice(0, 160))}`);
}

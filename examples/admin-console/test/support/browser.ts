import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's chromium package (Playwright's own browser download cannot be fetched here). */
export const chromiumPath = '/usr/bin/chromium';

const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A headless Chromium with a fresh profile, and one page in it. */
export interface TestBrowser {
  /** The browser context (its own user-data dir). */
  context: BrowserContext;
  /** The page the test drives. */
  page: Page;
  /** Closes the browser and deletes the profile. */
  close(): Promise<void>;
}

/** Launches Debian's chromium through playwright-core with a fresh user-data dir. */
export async function launchBrowser(): Promise<TestBrowser> {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: install Debian's chromium package (apt-get install -y chromium; .ci/run does it when absent).`);
  const profile = await mkdtemp(join(tmpdir(), 'pax8-console-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(30_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

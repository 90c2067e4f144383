/**
 * Debian's Chromium driven by playwright-core, with WebGPU on SwiftShader (flags from docs/tfjs-backends.md).
 * Never downloads a browser. Console errors and page errors are collected so a failing test can show them.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Headless Chromium with a WebGPU adapter on a machine without a GPU (SwiftShader Vulkan). */
export const WEBGPU_FLAGS = [
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  '--use-angle=swiftshader',
  '--no-sandbox',
  '--disable-gpu-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/** Where e2e screenshots go (ignored by git). */
export const ARTIFACTS = resolve(__dirname, '../../test-artifacts');

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and failed requests seen so far, newest last. */
  problems: string[];
  /** Saves a full-page PNG as test-artifacts/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Launches Chromium (fresh profile, 1400x900) and opens one page. */
export async function launchBrowser(): Promise<BrowserSession> {
  // Playwright gives each launch a fresh temporary profile (the doc's --user-data-dir) and adds --headless.
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: WEBGPU_FLAGS });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text().slice(0, 500)}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message.slice(0, 500)}`));
  page.on('requestfailed', (r) => {
    // ERR_ABORTED is what a reload does to requests in flight; not a problem of the page.
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`requestfailed: ${r.url().slice(0, 200)} ${r.failure()?.errorText ?? ''}`);
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    browser,
    context,
    page,
    problems,
    async screenshot(name) {
      const path = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    close: () => browser.close(),
  };
}

/**
 * The HTML report in a real browser (issue 16): headless Chromium (Debian's
 * `chromium`, which .ci/run installs) through playwright-core opens the report
 * of a known mutant from disk, steps through its S1 counterexample with the
 * keyboard, and must show at the failing step the device states the text report
 * prints for that step. It saves a screenshot (SYNC_SCREENSHOT=docs/html-report.png
 * to refresh the README's). Skips with one line only where there is no browser.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from './support/fixtures.ts';
import { freshOutDir, runCli } from './support/runCli.ts';

const CHROMIUM = process.env.SYNC_CHROMIUM ?? '/usr/bin/chromium';
const HAS_BROWSER = existsSync(CHROMIUM);
if (!HAS_BROWSER) console.log(`test/htmlBrowser.test.ts skipped: no browser at ${CHROMIUM} (apt-get install chromium, or SYNC_CHROMIUM=path)`);

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const dir = mkdtempSync(path.join(tmpdir(), 'sync-check-html-'));
const html = path.join(dir, 'report.html');
let text = '';
let context: BrowserContext | undefined;

/** The "devices after" of the S1 finding's last row in the text report: the step where it breaks (in the liveness phase). */
function failingDevicesInText(report: string): string {
  const start = report.indexOf('S1 agreement FAILED');
  const block = report.slice(start, report.indexOf('  replay:', start));
  const rows = block.split('\n').filter((line) => /^ {2}(\d+|live) /.test(line));
  return rows.at(-1)?.trim().split(/\s{2,}/).at(-1) ?? '';
}

describe.skipIf(!HAS_BROWSER)('the HTML report in headless Chromium', () => {
  beforeAll(async () => {
    const result = await runCli([path.join(FIXTURES, 'mutants/omitsOwnRecords.ts'), '--seed', '1', '--mode', 'fifo', '--runs', '10', '--out', freshOutDir(), '--html', html]);
    expect(result.code).toBe(1);
    text = result.stdout;
    context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), 'sync-check-chromium-')), { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1100, height: 900 } });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
  });

  it('steps through S1 with the keyboard and shows, at the failing step, the devices the text report shows', async () => {
    const page = await context!.newPage();
    const requests: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(html).href);
    const article = page.locator('article.counterexample', { has: page.locator('h3', { hasText: /^S1 agreement FAILED$/ }) });
    const failing = Number(await article.getAttribute('data-failing'));
    const slider = article.getByRole('slider');
    await slider.focus();
    await page.keyboard.press('Home');
    await expect.poll(() => shownLabel(article)).toMatch(/^step 1 of \d+: #1 emit\[0\]$/);
    for (let step = 0; step < failing; step++) await page.keyboard.press('ArrowRight');
    const shown = article.locator('.state:not([hidden])');
    expect(await shownLabel(article)).toMatch(/, the failing step$/);
    expect(await shown.locator('.broken').textContent()).toContain('✗ The property breaks here. The liveness phase\'s last event, deliver[#2], is the first where S1 agreement fails: dev_1 and dev_0 disagree at index 0');
    const cells = await shown.locator('[data-device]').all();
    const devices = (await Promise.all(cells.map(async (cell) => `${await cell.getAttribute('data-device')}=${await cell.textContent()}`))).join(' ');
    expect(devices).toBe(failingDevicesInText(text));
    expect(devices).toBe('dev_0=[r2] dev_1=[r1]');
    expect(await article.locator('svg .step.current').getAttribute('aria-current')).toBe('step');
    expect(await article.locator('svg .step.current').getAttribute('class')).toContain('failing');
    // ← from a button (not the slider) moves too, and the state says where it stands.
    await article.getByRole('button', { name: 'next step' }).focus();
    await page.keyboard.press('ArrowLeft');
    expect(await article.locator('.state:not([hidden]) .relative').textContent()).toBe('1 step before the failing step');
    await page.keyboard.press('ArrowRight');
    await article.scrollIntoViewIfNeeded();
    await article.screenshot({ path: process.env.SYNC_SCREENSHOT ?? path.join(dir, 'html-report.png') });
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('is one file that asks nothing of the network', () => {
    const page = readFileSync(html, 'utf8');
    expect(page).toContain("Content-Security-Policy\" content=\"default-src 'none'");
    // The one URL is SVG's namespace name, which is never fetched.
    expect(page.replaceAll('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/https?:|\bsrc=|<link/);
  });
});

function shownLabel(article: Locator): Promise<string | null> {
  return article.locator('.state:not([hidden])').getAttribute('data-label');
}

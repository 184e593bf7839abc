import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { loadSampleData } from '../../assessments/index.js';
import { axeViolations, launchBrowser, openPage } from '../support/browser.js';
import { startTestServer } from '../support/http.js';
import { openTestStore, type TestStore } from '../support/stores.js';

describe('pages in Chromium', function () {
  this.timeout(60_000);
  let t: TestStore;
  let app: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let dataDir: string;
  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'palermo-pages-'));
    t = await openTestStore('postgres');
    await loadSampleData(t.store);
    app = await startTestServer(t.store, dataDir);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
    await t?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const [name, url] of [
    ['the registry of states', '/'],
    ['the 404 page', '/no/such/page'],
  ] as const) {
    it(`has no axe-core violations on ${name}`, async () => {
      const page = await openPage(browser, `${app.url}${url}`);
      const violations = await axeViolations(page);
      await page.close();
      expect(violations, JSON.stringify(violations, null, 2)).to.deep.equal([]);
    });
  }

  it('lets a keyboard user skip straight to the content', async () => {
    const page = await openPage(browser, `${app.url}/`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(focused).to.equal('Skip to content');
    await page.keyboard.press('Enter');
    const target = await page.evaluate(() => document.activeElement?.id);
    expect(target).to.equal('main');
    await page.close();
  });
});

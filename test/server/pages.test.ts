import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import { loadSampleData } from '../../assessments/index.js';
import { loadDefaultRubric } from '../../rubric/index.js';
import { axeViolations, launchBrowser } from '../support/browser.js';
import { createTestUser, TEST_PASSWORD } from '../support/client.js';
import { openTestAssessment, startTestApp, type TestApp } from '../support/http.js';

describe('pages in Chromium', function () {
  this.timeout(90_000);
  let app: TestApp;
  let browser: Browser;
  let assessmentPath: string;
  let adminEmail: string;
  let managerEmail: string;

  before(async () => {
    app = await startTestApp('postgres');
    await loadSampleData(app.store, await loadDefaultRubric());
    assessmentPath = (await openTestAssessment(app.store, 'XA', 'pages')).path;
    adminEmail = (await createTestUser(app.store, 'administrator')).email;
    managerEmail = (await createTestUser(app.store, 'programme_manager')).email;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** Presses Tab until the element with `id` has the focus, as a keyboard user would (a few presses at most). */
  async function tabTo(page: Page, id: string): Promise<void> {
    for (let presses = 0; presses < 6; presses++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    }
    throw new Error(`${id} cannot be reached with the Tab key`);
  }

  /** Signs in with the keyboard only: Tab to each field, type, Enter. */
  async function signInByKeyboard(context: BrowserContext, email: string): Promise<Page> {
    const page = await context.newPage();
    await page.setBypassCSP(true); // only so axe-core can be injected later
    await page.goto(`${app.url}/login`);
    await tabTo(page, 'field-email');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('field-password');
    await page.keyboard.type(TEST_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    return page;
  }

  async function expectNoViolations(page: Page, url: string): Promise<void> {
    await page.goto(`${app.url}${url}`, { waitUntil: 'load' });
    const violations = await axeViolations(page);
    expect(violations, `${url}: ${JSON.stringify(violations, null, 2)}`).to.deep.equal([]);
  }

  it('lets a keyboard user skip to the content and sign in without a mouse', async () => {
    const context = await browser.createBrowserContext();
    const page = await signInByKeyboard(context, managerEmail);
    expect(new URL(page.url()).pathname).to.equal('/');
    expect(await page.$eval('h1', (h) => h.textContent)).to.contain('Welcome');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).to.equal('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('main');
    await context.close();
  });

  it('has no axe-core violations on the sign-in and 404 pages', async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setBypassCSP(true);
    await expectNoViolations(page, '/login');
    await expectNoViolations(page, '/no/such/page');
    await context.close();
  });

  it('has no axe-core violations on the pages a programme manager uses', async () => {
    const context = await browser.createBrowserContext();
    const page = await signInByKeyboard(context, managerEmail);
    for (const url of ['/', '/states', '/assessments', assessmentPath, `${assessmentPath}/questionnaire/criminalisation`, '/rounds']) {
      await expectNoViolations(page, url);
    }
    await context.close();
  });

  it('has no axe-core violations on the administration pages', async () => {
    const context = await browser.createBrowserContext();
    const page = await signInByKeyboard(context, adminEmail);
    for (const url of ['/', '/admin/users', '/admin/users/new', '/admin/audit', '/rounds']) await expectNoViolations(page, url);
    await context.close();
  });

  it('has no axe-core violations on the dashboard, a state\'s scores page (every "why" opened) and both reports as pages', async () => {
    const context = await browser.createBrowserContext();
    const page = await signInByKeyboard(context, managerEmail);
    const round = (await app.store.query<{ id: number }>(`SELECT id FROM rounds WHERE slug = 'sample-2025'`))[0]!.id;
    const assessment = (await app.store.query<{ id: number }>(`SELECT id FROM assessments WHERE round_id = $1 AND state_code = 'XB'`, [round]))[0]!.id;
    for (const url of [
      `/rounds/${round}/dashboard`, `/rounds/${round}/dashboard?subregion=pacific&pillar=protection`, `/assessments/${assessment}/scores`,
      `/assessments/${assessment}/report`, `/rounds/${round}/report`,
    ]) {
      await page.goto(`${app.url}${url}`, { waitUntil: 'load' });
      await page.waitForFunction('window.__reportReady === true', { timeout: 10_000 });
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      const violations = await axeViolations(page);
      expect(violations, `${url}: ${JSON.stringify(violations, null, 2)}`).to.deep.equal([]);
    }
    await context.close();
  });

  it('marks a SAMPLE state\'s assessment as SAMPLE', async () => {
    const context = await browser.createBrowserContext();
    const page = await signInByKeyboard(context, managerEmail);
    await page.goto(`${app.url}${assessmentPath}`);
    expect(await page.$eval('.notice-sample', (n) => n.textContent)).to.contain('SAMPLE');
    await context.close();
  });
});

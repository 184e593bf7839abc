import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import { launchBrowser } from '../support/browser.js';
import { createTestUser, TEST_PASSWORD } from '../support/client.js';
import { openTestAssessment, startTestApp, type TestApp } from '../support/http.js';

describe('questionnaire with JavaScript: autosave', function () {
  this.timeout(90_000);
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: string;
  let email: string;

  before(async () => {
    app = await startTestApp('postgres');
    page = `${(await openTestAssessment(app.store, 'NP', 'autosave')).path}/questionnaire/criminalisation`;
    email = (await createTestUser(app.store, 'consultant', ['NP'])).email;
    browser = await launchBrowser();
    context = await browser.createBrowserContext();
    const tab = await context.newPage();
    await tab.goto(`${app.url}/login`);
    await tab.type('#field-email', email);
    await tab.type('#field-password', TEST_PASSWORD);
    await Promise.all([tab.waitForNavigation(), tab.click('main button[type=submit]')]);
    await tab.close();
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function open(): Promise<Page> {
    const tab = await context.newPage();
    await tab.goto(`${app.url}${page}`, { waitUntil: 'load' });
    await tab.waitForFunction(() => document.getElementById('autosave-status')?.textContent === 'Changes are saved automatically.');
    return tab;
  }

  // Polled by interval: animation frames, puppeteer's default, do not run in a background tab.
  const saved = (tab: Page) =>
    tab.waitForFunction(() => document.getElementById('autosave-status')?.textContent === 'All changes saved.', { timeout: 10_000, polling: 100 });

  it('saves a question shortly after it is changed with the keyboard, and shows it after a reload', async () => {
    const tab = await open();
    // Keyboard: focus the first status choice of CRIM-INTENT, arrow to nothing else, Tab on to the value.
    await tab.focus('input[name="CRIM-INTENT.status"][value="answered"]');
    await tab.keyboard.press('Space');
    await tab.keyboard.press('Tab');
    await tab.keyboard.press('Space'); // "Yes"
    await saved(tab);
    await tab.focus('#f-CRIM-INTENT-notes');
    await tab.keyboard.type('Section 3 requires intent "for the purpose of exploitation".');
    await saved(tab);
    await tab.reload({ waitUntil: 'load' });
    expect(await tab.$eval('input[name="CRIM-INTENT.value"][value="true"]', (i) => (i).checked)).to.equal(true);
    expect(await tab.$eval('#f-CRIM-INTENT-notes', (t) => (t as HTMLTextAreaElement).value)).to.equal('Section 3 requires intent "for the purpose of exploitation".');
    await tab.close();
  });

  it('lets a keyboard user fill a whole pillar with Tab, Space and typing alone, saved automatically', async () => {
    const tab = await open();
    const pillar = page.replace('criminalisation', 'enforcement');
    await tab.goto(`${app.url}${pillar}`, { waitUntil: 'load' });
    await tab.waitForFunction(() => document.getElementById('autosave-status')?.textContent === 'Changes are saved automatically.');
    const questions = await tab.$$eval('fieldset.question', (all) => all.length);
    // Only keys from here on: the test reads where the focus is, and decides which key a person would press.
    let answered = 0;
    for (let presses = 0; presses < 3000; presses++) {
      await tab.keyboard.press('Tab');
      const at = await tab.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        return el ? { tag: el.tagName, type: el.type, name: el.name ?? '', value: el.value, text: el.textContent?.trim() ?? '' } : null;
      });
      if (!at) continue;
      if (at.tag === 'BUTTON' && at.text === 'Save this part') break;
      if (at.name.endsWith('.status') && at.value === 'answered') {
        await tab.keyboard.press('Space');
        answered += 1;
      } else if (at.name.endsWith('.value') && (at.type === 'checkbox' || at.type === 'radio')) {
        await tab.keyboard.press('Space');
      } else if (at.name.endsWith('.value') && at.tag === 'INPUT') {
        await tab.keyboard.type('15');
      } else if (at.name.endsWith('.value') && at.tag === 'TEXTAREA') {
        await tab.keyboard.type('Typed with the keyboard.');
      }
    }
    expect(answered).to.equal(questions);
    await saved(tab);
    await tab.reload({ waitUntil: 'load' });
    const progress = await tab.$eval('nav[aria-label] a[aria-current="page"]', (a) => a.parentElement?.textContent ?? '');
    expect(progress).to.contain(`${questions} of ${questions}`);
    await tab.close();
  });

  it('shows a problem in plain words next to the question once autosaved, keeping the input', async () => {
    const tab = await open();
    await tab.click('input[name="CRIM-ATTEMPT.status"][value="not_applicable"]');
    await saved(tab);
    const note = await tab.$eval('#q-CRIM-ATTEMPT .autosave-note', (n) => n.textContent ?? '');
    expect(note).to.contain('A justification is required');
    const stored = await app.store.query<{ document: { status: string } }>(`SELECT document FROM answers WHERE indicator_id = 'CRIM-ATTEMPT'`);
    expect(stored[0]?.document.status).to.equal('not_applicable');
    await tab.close();
  });

  it('turns two tabs editing the same answer into a conflict view, not a lost update', async () => {
    const first = await open();
    const second = await open();
    await first.type('#f-CRIM-CONSENT-notes', 'From the first tab.');
    await saved(first);
    await second.type('#f-CRIM-CONSENT-notes', 'From the second tab.');
    await second.waitForSelector('#q-CRIM-CONSENT .autosave-note pre', { timeout: 10_000 });
    const view = await second.$eval('#q-CRIM-CONSENT .autosave-note', (n) => n.textContent ?? '');
    expect(view).to.contain('Someone else saved this answer').and.contain('From the first tab.');
    expect(await second.$eval('#f-CRIM-CONSENT-notes', (t) => (t as HTMLTextAreaElement).value)).to.equal('From the second tab.');
    const stored = await app.store.query<{ document: { notes: string } }>(`SELECT document FROM answers WHERE indicator_id = 'CRIM-CONSENT'`);
    expect(stored[0]?.document.notes).to.equal('From the first tab.');

    // Choosing to keep one's own version saves it knowingly, on top of the other.
    await second.focus('#q-CRIM-CONSENT .autosave-note button');
    await second.keyboard.press('Enter');
    await saved(second);
    const after = await app.store.query<{ document: { notes: string }; revision: number }>(`SELECT document, revision FROM answers WHERE indicator_id = 'CRIM-CONSENT'`);
    expect(after[0]?.document.notes).to.equal('From the second tab.');
    expect(after[0]?.revision).to.equal(2);
    await first.close();
    await second.close();
  });
});

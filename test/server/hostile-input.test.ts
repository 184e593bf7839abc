import { expect } from 'chai';
import type { Browser } from 'puppeteer-core';
import { saveAnswer } from '../../assessments/index.js';
import { launchBrowser } from '../support/browser.js';
import { createTestUser, signedInClient, TEST_PASSWORD, type Client } from '../support/client.js';
import { openTestAssessment, startTestApp, type TestApp } from '../support/http.js';

const SCRIPT = '<script>window.__pwned = true</script>';
const IMG = '<img src=x onerror="window.__pwned = true">';

describe('hostile input', function () {
  this.timeout(90_000);
  let app: TestApp;
  let manager: Client;
  let page: string;
  let consultantEmail: string;

  before(async () => {
    app = await startTestApp('postgres');
    const assessment = await openTestAssessment(app.store, 'TH', 'hostile');
    page = assessment.path;
    await saveAnswer(app.store, { assessmentId: assessment.id, indicatorId: 'CRIM-OFFENCE', baseRevision: 0, userId: null, problems: [], document: {
      status: 'answered',
      value: true,
      notes: `Notes ${IMG}`,
      citations: [{ instrument: `Act ${SCRIPT}`, provision: 's. 6', year: 2008, url: 'javascript:alert(1)', excerpt: `Section 6 ${SCRIPT} ${IMG}`, language: 'en' }],
    } });
    consultantEmail = (await createTestUser(app.store, 'consultant', ['TH'], `Mallory ${SCRIPT}`)).email;
    manager = await signedInClient(app.url, app.store, 'programme_manager');
    await manager.post(`${page}/comments`, { body: `Comment ${IMG}` });
  });
  after(async () => {
    await app.stop();
  });

  it('shows script and markup in legal excerpts, notes, comments and names as text', async () => {
    const html = await (await manager.get(page)).text();
    expect(html).not.to.contain(SCRIPT).and.not.to.contain(IMG);
    expect(html).to.contain('Section 6 &lt;script&gt;window.__pwned &#x3D; true&lt;/script&gt;');
    expect(html).to.contain('Comment &lt;img src&#x3D;x onerror&#x3D;&quot;window.__pwned &#x3D; true&quot;&gt;');
    const admin = await signedInClient(app.url, app.store, 'administrator');
    const users = await (await admin.get('/admin/users')).text();
    expect(users).to.contain('Mallory &lt;script&gt;').and.not.to.contain(`Mallory ${SCRIPT}`);
  });

  it('runs none of it in Chromium, and links no javascript: URL', async () => {
    const browser: Browser = await launchBrowser();
    try {
      const tab = await browser.newPage();
      let dialogs = 0;
      tab.on('dialog', (d) => {
        dialogs += 1;
        void d.dismiss();
      });
      await tab.goto(`${app.url}/login?next=${encodeURIComponent(page)}`);
      await tab.type('#field-email', consultantEmail);
      await tab.type('#field-password', TEST_PASSWORD);
      await Promise.all([tab.waitForNavigation(), tab.click('button[type=submit]')]);
      expect(tab.url()).to.equal(`${app.url}${page}`);
      const result = await tab.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: boolean }).__pwned === true,
        excerpt: document.querySelector('.citation blockquote')?.textContent ?? '',
        name: document.querySelector('.account span')?.textContent ?? '',
        links: [...document.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? ''),
      }));
      expect(result.pwned).to.equal(false);
      expect(dialogs).to.equal(0);
      expect(result.excerpt).to.equal(`Section 6 ${SCRIPT} ${IMG}`);
      expect(result.name).to.equal(`Mallory ${SCRIPT}`);
      expect(result.links.some((href) => href.toLowerCase().startsWith('javascript:'))).to.equal(false);
    } finally {
      await browser.close();
    }
  });

  it('rejects __proto__ and constructor keys anywhere in a JSON body, saying where', async () => {
    const proto = await manager.request('POST', `/api/v1${page}/comments`, { raw: '{"body":"x","__proto__":{"admin":true}}', headers: { 'content-type': 'application/json' } });
    expect(proto.status).to.equal(400);
    expect(((await proto.json()) as { detail: string }).detail).to.equal('The request contains the key "__proto__" at /__proto__, which is not allowed.');
    const nested = await manager.request('POST', `/api/v1${page}/comments`, { json: { body: 'x', meta: { constructor: { prototype: 1 } } } });
    expect(nested.status).to.equal(400);
    expect(((await nested.json()) as { detail: string }).detail).to.contain('"constructor" at /meta/constructor');
    expect(({} as Record<string, unknown>).admin).to.equal(undefined);
  });

  it('keeps a __proto__ field of a form inert: the parser drops it and no prototype changes', async () => {
    // Built from entries: a `__proto__` in an object literal would set the prototype, not a key.
    const form = Object.fromEntries([['body', 'Form with a prototype key'], ['__proto__', 'polluted']]) as Record<string, string>;
    const res = await manager.post(`${page}/comments`, form);
    expect(res.status).to.equal(303);
    expect(Object.prototype.toString.call(Object.getPrototypeOf({}))).to.equal('[object Object]');
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });

  it('answers an unknown JSON field with 422 and a pointer to it', async () => {
    const res = await manager.request('POST', `/api/v1${page}/comments`, { json: { body: 'fine', sneaky: true } });
    expect(res.status).to.equal(422);
    const body = (await res.json()) as { errors: { pointer: string }[] };
    expect(body.errors.map((e) => e.pointer)).to.deep.equal(['/sneaky']);
  });

  it('answers an oversized form with 413', async () => {
    const res = await manager.post(`${page}/comments`, { body: 'x'.repeat(700 * 1024) });
    expect(res.status).to.equal(413);
  });
});

import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FONT_CSS, Printer, PrintError, type PrinterEvent, type PrinterOptions } from '../../reports/index.js';
import { projectRoot } from '../../server/root.js';
import { FixtureServer, nextHit } from './fixture-server.js';
import { pdfFonts, pdfInfo, pdfOutline, pdfStructure, pdfText, squeeze } from './pdf-tools.js';

const fixtureHtml = readFileSync(path.join(projectRoot, 'test/fixtures/reports/scripts.html'), 'utf8');
/** Every `<p lang>` of the fixture: the law's name or a sentence about trafficking, in that language's script. */
const samples = [...fixtureHtml.matchAll(/<p lang="([^"]+)"[^>]*>([^<]+)<\/p>/g)].map(([, lang, text]) => ({
  lang: lang!,
  text: text!,
}));
/** Markup and a Thai name in the title: the header must print them as text. */
const TITLE = 'Script coverage <b>&</b> — ราชอาณาจักรไทย';

/** The Noto face each language must be printed with (CJK faces are CFF, which Chromium prints as Type 3 outlines). */
const expectedFaces: Record<string, string> = {
  th: 'NotoSansThai-Regular',
  km: 'NotoSansKhmer-Regular',
  lo: 'NotoSansLao-Regular',
  my: 'NotoSansMyanmar-Regular',
  bn: 'NotoSansBengali-Regular',
  ne: 'NotoSansDevanagari-Regular',
  si: 'NotoSansSinhala-Regular',
  ta: 'NotoSansTamil-Regular',
  dv: 'NotoSansThaana-Regular',
  ar: 'NotoNaskhArabic-Regular',
  ur: 'NotoNastaliqUrdu-Regular',
  dz: 'NotoSerifTibetan-Regular',
  vi: 'NotoSans-Regular',
};

function chromiumPath(): string {
  const executablePath = process.env.TEST_CHROMIUM_PATH;
  if (!executablePath) throw new Error('TEST_CHROMIUM_PATH is not set: run the tests through mocha (npm test)');
  return executablePath;
}

async function rejectionOf(promise: Promise<unknown>): Promise<PrintError> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(PrintError);
    return err as PrintError;
  }
  throw new Error('expected the print to fail, but it succeeded');
}

describe('printing reports to PDF', function () {
  this.timeout(60_000);
  let server: FixtureServer;
  let dir: string;
  let printers: Printer[] = [];

  function newPrinter(events: PrinterEvent[] = [], options: PrinterOptions = {}): Printer {
    const printer = new Printer({ executablePath: chromiumPath(), onEvent: (e) => events.push(e), ...options });
    printers.push(printer);
    return printer;
  }

  function save(pdf: Buffer, name: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, pdf);
    return file;
  }

  before(async () => {
    server = await new FixtureServer().start();
    dir = mkdtempSync(path.join(tmpdir(), 'palermo-print-'));
  });
  after(async () => {
    await Promise.all(printers.map((p) => p.close()));
    printers = [];
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('a report in the scripts of the region', () => {
    const events: PrinterEvent[] = [];
    let printer: Printer;
    let file: string;
    let reportUrl: string;

    before(async () => {
      printer = newPrinter(events);
      reportUrl = `${server.origin}/report`;
      file = save(await printer.print({ url: reportUrl, title: TITLE }), 'scripts.pdf');
    });

    it('is an A4, tagged PDF of more than one page whose headings are tagged as headings', () => {
      const info = pdfInfo(file);
      expect(info['Page size']).to.equal('594.96 x 841.92 pts (A4)');
      expect(info.Tagged).to.equal('yes');
      expect(Number(info.Pages)).to.be.at.least(2);
      const structure = pdfStructure(file);
      for (const tag of ['H1', 'H2', 'P', 'Figure']) expect(structure).to.match(new RegExp(`^\\s*${tag}\\b`, 'm'));
    });

    it('embeds every font, each script in its Noto face, and falls back to no other family', () => {
      const fonts = pdfFonts(file);
      expect(fonts.filter((f) => !f.embedded), 'fonts not embedded').to.deep.equal([]);
      const names = fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
      for (const [lang, face] of Object.entries(expectedFaces)) expect(names, `face for ${lang}`).to.include(face);
      expect(names.filter((n) => n !== '[none]' && !n.startsWith('Noto')), 'non-Noto fonts').to.deep.equal([]);
      // The CJK faces: Skia embeds CFF glyphs as Type 3 outlines.
      expect(fonts.some((f) => f.type === 'Type 3')).to.equal(true);
    });

    it('keeps every sample as text a reader can search and copy', () => {
      const text = pdfText(file);
      for (const { lang, text: sample } of samples) {
        if (lang === 'dv') continue;
        expect(squeeze(text), `${lang}: ${sample}`).to.include(squeeze(sample));
      }
      // Poppler puts the vowel signs of Thaana (Dhivehi) in visual order; every letter is there.
      const dhivehi = /Dhivehi\n+([^\n]+)\n/.exec(text)?.[1] ?? '';
      const sorted = (s: string) => [...squeeze(s)].sort().join('');
      expect(sorted(dhivehi)).to.equal(sorted(samples.find((s) => s.lang === 'dv')!.text));
    });

    it('prints the report title at the top and "Page X of Y" at the bottom of every page', () => {
      const pages = Number(pdfInfo(file).Pages);
      for (let page = 1; page <= pages; page++) {
        const text = pdfText(file, { first: page, last: page });
        expect(text, `page ${page}`).to.include(TITLE);
        expect(text, `page ${page}`).to.include(`Page ${page} of ${pages}`);
      }
    });

    it('has a bookmark for every heading, nested as the headings are', () => {
      const outline = pdfOutline(file);
      expect(outline[0]).to.equal('1 Script coverage');
      for (const heading of ['Thai', 'Khmer', 'Myanmar', 'Urdu', 'Korean', 'Scores']) expect(outline).to.include(`2 ${heading}`);
    });

    it('blocks the requests the page makes outside the app, and says so', () => {
      const blocked = events.filter((e) => e.kind === 'blocked').map((e) => e.url);
      expect(blocked).to.include.members(['http://example.com/x.png', 'http://203.0.113.9/beacon']);
      expect(blocked.filter((url) => url.startsWith(server.origin))).to.deep.equal([]);
    });

    it('prints the same report from HTML in memory, with every request blocked (the benchmark floor)', async () => {
      const chartJs = readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
      const html = fixtureHtml
        .replace('<link rel="stylesheet" href="/fonts.css">', () => `<style>${FONT_CSS}</style>`)
        .replace('<script src="/vendor/chart.umd.min.js"></script>', () => `<script>${chartJs}</script>`);
      const before = events.length;
      const floorFile = save(await printer.printHtml({ html, title: TITLE }), 'floor.pdf');
      expect(squeeze(pdfText(floorFile))).to.include(squeeze(samples[0]!.text));
      expect(pdfInfo(floorFile).Pages).to.equal(pdfInfo(file).Pages);
      const blocked = events.slice(before).filter((e) => e.kind === 'blocked');
      expect(blocked.map((e) => e.url)).to.include('http://example.com/x.png');
      expect(blocked.every((e) => e.report.includes('HTML in memory'))).to.equal(true);
    });
  });

  describe('jobs', () => {
    let printer: Printer;
    before(() => {
      printer = newPrinter([], { concurrency: 2 });
    });

    it('sends the job its headers and cookies, and no cookie of an earlier report', async () => {
      const whoami = `${server.origin}/whoami`;
      const signedIn = await printer.print({
        url: whoami,
        title: 'Who am I',
        headers: { 'x-report-auth': 'token-1' },
        cookies: [{ name: 'sid', value: 's-1' }],
      });
      const text = pdfText(save(signedIn, 'whoami-1.pdf'));
      expect(text).to.include('Authorisation: token-1');
      expect(text).to.include('Cookies: sid=s-1');

      await printer.print({ url: `${server.origin}/sets-cookie`, title: 'Sets a cookie' });
      const anonymous = pdfText(save(await printer.print({ url: whoami, title: 'Who am I' }), 'whoami-2.pdf'));
      expect(anonymous).to.include('Authorisation: none');
      expect(anonymous).to.include('Cookies: none');
    });

    it('stops a report whose page never signals ready, names what it waited for, and closes its tab', async () => {
      const closedBefore = server.hangsClosed;
      const started = Date.now();
      const err = await rejectionOf(printer.print({ url: `${server.origin}/never-ready`, title: 'Never ready', timeoutMs: 1500 }));
      expect(err.code).to.equal('TIMEOUT');
      expect(err.message).to.include('"Never ready"').and.include('1500 ms').and.include('window.__reportReady');
      expect(Date.now() - started).to.be.below(10_000);
      // The tab is gone, so the request it held open is closed.
      if (server.hangsClosed === closedBefore) await new Promise((resolve) => server.events.once('hang-closed', resolve));
      expect(server.hangsClosed).to.equal(closedBefore + 1);
      // And the printer carries on.
      const pdf = await printer.print({ url: `${server.origin}/plain?label=After+a+timeout`, title: 'After' });
      expect(pdfText(save(pdf, 'after-timeout.pdf'))).to.include('After a timeout');
    });

    it('fails at once, with the page\'s own words, when the page signals it cannot draw', async () => {
      const started = Date.now();
      const err = await rejectionOf(printer.print({ url: `${server.origin}/report-error`, title: 'Broken', timeoutMs: 20_000 }));
      expect(err.code).to.equal('PAGE_ERROR');
      expect(err.message).to.include('chart data missing for pillar scores');
      expect(Date.now() - started).to.be.below(10_000);
    });

    it('refuses to print an error page in place of the report', async () => {
      const err = await rejectionOf(printer.print({ url: `${server.origin}/no-such-report`, title: 'Missing' }));
      expect(err.code).to.equal('HTTP_ERROR');
      expect(err.message).to.include('HTTP 404');
    });

    it('says what Chromium reported when the page cannot be reached', async () => {
      const closed = new FixtureServer();
      await closed.start();
      await closed.stop();
      const err = await rejectionOf(printer.print({ url: `${closed.origin}/report`, title: 'Unreachable' }));
      expect(err.code).to.equal('CHROMIUM_ERROR');
      expect(err.message).to.include('"Unreachable"').and.include('ERR_CONNECTION_REFUSED');
    });

    it('prints no more reports at once than its concurrency, and that many in parallel', async () => {
      server.maxHolding = 0;
      const pdfs = await Promise.all(
        [1, 2, 3, 4, 5].map((n) => printer.print({ url: `${server.origin}/plain?label=Report+${n}&holdMs=300`, title: `Report ${n}` })),
      );
      expect(pdfs).to.have.length(5);
      expect(server.maxHolding).to.equal(2);
    });
  });

  describe('when Chromium dies', () => {
    function pids(events: PrinterEvent[]): number[] {
      return events.flatMap((e) => (e.kind === 'launched' && e.pid ? [e.pid] : []));
    }

    it('starts it again and prints the report on the second try', async () => {
      const events: PrinterEvent[] = [];
      const printer = newPrinter(events);
      const hit = nextHit(server, /^\/flaky\?key=one$/);
      const printing = printer.print({ url: `${server.origin}/flaky?key=one`, title: 'Retried one' });
      await hit;
      process.kill(pids(events)[0]!, 'SIGKILL');
      const text = pdfText(save(await printing, 'retried.pdf'));
      expect(text).to.include('Printed on the second try');
      expect(pids(events)).to.have.length(2);
      expect(events.map((e) => e.kind)).to.include.members(['browser-died', 'retrying']);
    });

    it('starts one new Chromium for all the reports that were printing', async () => {
      const events: PrinterEvent[] = [];
      const printer = newPrinter(events, { concurrency: 3 });
      const hits = ['a', 'b', 'c'].map((key) => nextHit(server, new RegExp(`^/flaky\\?key=many-${key}$`)));
      const printing = ['a', 'b', 'c'].map((key) => printer.print({ url: `${server.origin}/flaky?key=many-${key}`, title: `Retried ${key}` }));
      await Promise.all(hits);
      process.kill(pids(events)[0]!, 'SIGKILL');
      const pdfs = await Promise.all(printing);
      expect(pdfs).to.have.length(3);
      expect(pids(events)).to.have.length(2);
      expect(events.filter((e) => e.kind === 'retrying')).to.have.length(3);
    });

    it('gives up on a report when Chromium dies again on the retry, and starts afresh for the next', async () => {
      const events: PrinterEvent[] = [];
      const printer = newPrinter(events);
      const killer = (hit: string) => {
        if (hit === '/never-ready') process.kill(pids(events).at(-1)!, 'SIGKILL');
      };
      server.events.on('hit', killer);
      try {
        const err = await rejectionOf(printer.print({ url: `${server.origin}/never-ready`, title: 'Doomed' }));
        expect(err.code).to.equal('BROWSER_DIED');
        expect(err.message).to.include('"Doomed"').and.include('stopped again on the retry');
        expect(pids(events)).to.have.length(2);
      } finally {
        server.events.off('hit', killer);
      }
      await printer.print({ url: `${server.origin}/plain`, title: 'Next' });
      expect(pids(events)).to.have.length(3);
    });
  });

  it('says which Chromium it could not start', async () => {
    const printer = newPrinter([], { executablePath: '/nonexistent/chromium' });
    const err = await rejectionOf(printer.print({ url: `${server.origin}/plain`, title: 'Plain' }));
    expect(err.code).to.equal('LAUNCH_FAILED');
    expect(err.message).to.include('/nonexistent/chromium');
  });

  it('refuses reports once closed', async () => {
    const printer = newPrinter();
    await printer.print({ url: `${server.origin}/plain`, title: 'Plain' });
    await printer.close();
    const err = await rejectionOf(printer.print({ url: `${server.origin}/plain`, title: 'Too late' }));
    expect(err.code).to.equal('CLOSED');
  });
});

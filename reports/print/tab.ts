import type { Browser, BrowserContext, HTTPRequest, Page } from 'puppeteer-core';
import { PrintError, messages } from './errors.js';
import { VIEWPORT, pdfOptions } from './paper.js';

/** What is printed: an app page loaded from its URL, or final HTML already in memory (the benchmarks' floor). */
export type PrintSource = { url: string } | { html: string };

export interface Cookie {
  name: string;
  value: string;
}

/** One print as a tab sees it. */
export interface TabJob {
  source: PrintSource;
  title: string;
  /** Plain-words name of the report for error messages. */
  what: string;
  headers: Record<string, string>;
  cookies: Cookie[];
  timeoutMs: number;
  onBlocked: (url: string) => void;
}

/** Where a print got to, kept up to date so a timeout can say what it was waiting for. */
export interface Progress {
  stage: string;
  pageErrors: string[];
}

/** The ready signal of a report page (see reports/CONTEXT.md). */
interface ReportWindow {
  __reportReady?: unknown;
  __reportError?: unknown;
}

/**
 * A Chromium tab in its own browser context, reused report after report: a new tab per report
 * cost about 250 ms more here, a new context per report about 500 ms more. The context keeps the
 * cookies of concurrent reports apart; they are cleared before each report. Every request outside
 * the report's origin is aborted.
 */
export class Tab {
  #job: { origin: string | null; onBlocked: (url: string) => void; pageErrors: string[] } | null = null;

  private constructor(
    readonly launch: number,
    private readonly context: BrowserContext,
    private readonly page: Page,
  ) {
    page.on('request', (request) => this.#guard(request));
    page.on('pageerror', (error) => this.#job?.pageErrors.push(error instanceof Error ? error.message : String(error)));
  }

  static async open(browser: Browser, launch: number): Promise<Tab> {
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      const tab = new Tab(launch, context, page);
      await page.setViewport(VIEWPORT);
      // Before the first load, so that the page lays out (and charts size themselves) for print.
      await page.emulateMediaType('print');
      await page.setRequestInterception(true);
      return tab;
    } catch (err) {
      await context.close().catch(() => {});
      throw err;
    }
  }

  async print(job: TabJob, progress: Progress): Promise<Uint8Array> {
    const origin = 'url' in job.source ? new URL(job.source.url).origin : null;
    this.#job = { origin, onBlocked: job.onBlocked, pageErrors: progress.pageErrors };
    try {
      await this.#prepare(job, origin);
      progress.stage = 'loading the page';
      await this.#load(job);
      progress.stage = 'waiting for the page to set window.__reportReady (all charts drawn)';
      await this.#waitUntilReady(job);
      progress.stage = 'printing the PDF';
      return await this.page.pdf(pdfOptions(job.title, job.timeoutMs));
    } finally {
      this.#job = null;
    }
  }

  /** Calls `listener` if the tab's renderer crashes (the tab is then useless); returns the undo. */
  onCrash(listener: () => void): () => void {
    this.page.once('error', listener);
    return () => this.page.off('error', listener);
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => {});
  }

  async #prepare(job: TabJob, origin: string | null): Promise<void> {
    await this.page.setExtraHTTPHeaders(job.headers);
    const left = await this.context.cookies();
    if (left.length > 0) await this.context.deleteCookie(...left);
    if (origin && job.cookies.length > 0) {
      const domain = new URL(origin).hostname;
      await this.context.setCookie(...job.cookies.map((c) => ({ ...c, domain, path: '/' })));
    }
  }

  async #load(job: TabJob): Promise<void> {
    const options = { waitUntil: 'load', timeout: job.timeoutMs } as const;
    if ('html' in job.source) {
      await this.page.setContent(job.source.html, options);
      return;
    }
    const response = await this.page.goto(job.source.url, options);
    if (response && !response.ok()) throw new PrintError('HTTP_ERROR', messages.httpError(job.what, response.status()));
  }

  async #waitUntilReady(job: TabJob): Promise<void> {
    const handle = await this.page.waitForFunction(
      () => {
        const w = window as ReportWindow;
        if (w.__reportReady === true) return 'ready';
        return typeof w.__reportError === 'string' && w.__reportError !== '' ? w.__reportError : false;
      },
      { timeout: job.timeoutMs },
    );
    const outcome = await handle.jsonValue();
    await handle.dispose();
    if (outcome !== 'ready') throw new PrintError('PAGE_ERROR', messages.pageError(job.what, String(outcome)));
  }

  /** Only the app's own origin, and data:/blob: URLs it made itself; between jobs nothing at all. */
  #guard(request: HTTPRequest): void {
    if (request.isInterceptResolutionHandled()) return;
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:') || (this.#job?.origin && originOf(url) === this.#job.origin)) {
      request.continue().catch(() => {});
      return;
    }
    this.#job?.onBlocked(url);
    request.abort('blockedbyclient').catch(() => {});
  }
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

import puppeteer, { type Browser } from 'puppeteer-core';
import { PrintError, messages } from './errors.js';
import { Permits } from './permits.js';
import { Tab, type Cookie, type PrintSource, type Progress, type TabJob } from './tab.js';

export const DEFAULT_EXECUTABLE_PATH = '/usr/bin/chromium';
/** Two tabs saturate two cores (TOOLCHAIN.md, section 4); more only adds memory. */
export const DEFAULT_CONCURRENCY = 2;
/** A country report prints in about a second; a minute means something is stuck. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** Flags for the system Chromium running as root in CI, with no network but the app. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--disable-default-apps',
  '--mute-audio',
  '--font-render-hinting=none',
];

export interface PrinterOptions {
  /** Chromium binary; the server passes `config.chromiumPath`. */
  executablePath?: string;
  /** How many reports print at once (tabs open at once). */
  concurrency?: number;
  /** Default per-report timeout; a job may set its own. */
  timeoutMs?: number;
  /** For the log: launches, deaths, retries and every blocked request. */
  onEvent?: (event: PrinterEvent) => void;
}

/** An app page to print as a report. */
export interface PrintJob {
  url: string;
  /** Printed in the running header of every page. */
  title: string;
  /** Sent with every request of the page, e.g. an internal authorisation header. */
  headers?: Record<string, string>;
  /** Set for the page's origin only, in a cookie jar no other job sees. */
  cookies?: Cookie[];
  timeoutMs?: number;
}

/** Final, self-contained HTML already in memory: any request other than data:/blob: is blocked. */
export interface HtmlPrintJob {
  html: string;
  title: string;
  timeoutMs?: number;
}

export type PrinterEvent =
  | { kind: 'launched'; launch: number; pid: number | undefined }
  | { kind: 'browser-died'; launch: number }
  | { kind: 'retrying'; report: string }
  | { kind: 'blocked'; report: string; url: string };

interface Session {
  launch: number;
  browser: Browser;
}

/** The browser a job was using went away under it; the job may be retried once on a new one. */
class BrowserGone extends Error {}

/**
 * Prints reports to PDF with one shared Chromium, started on first use, and at most
 * `concurrency` tabs. Each report has a timeout; if Chromium dies under a report, it is started
 * again (once, however many reports were in flight) and the report is retried once.
 */
export class Printer {
  readonly #executablePath: string;
  readonly #timeoutMs: number;
  readonly #onEvent: (event: PrinterEvent) => void;
  readonly #permits: Permits;
  #current: { launch: number; session: Promise<Session> } | null = null;
  #launches = 0;
  #idle: Tab[] = [];
  #closed = false;

  constructor(options: PrinterOptions = {}) {
    this.#executablePath = options.executablePath ?? DEFAULT_EXECUTABLE_PATH;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#onEvent = options.onEvent ?? (() => {});
    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new RangeError(`concurrency must be a whole number of at least 1, got ${concurrency}`);
    }
    this.#permits = new Permits(concurrency);
  }

  /** Loads the page, waits for its ready signal (reports/CONTEXT.md) and prints it. */
  print(job: PrintJob): Promise<Buffer> {
    return this.#run(job.title, `"${job.title}" (${job.url})`, { url: job.url }, job);
  }

  /** The same print from HTML in memory, with no HTTP: what benchmarks compare `print` against. */
  printHtml(job: HtmlPrintJob): Promise<Buffer> {
    return this.#run(job.title, `"${job.title}" (HTML in memory)`, { html: job.html }, job);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const current = this.#current;
    this.#current = null;
    this.#idle = [];
    const session = await current?.session.catch(() => null);
    await session?.browser.close();
  }

  async #run(
    title: string,
    what: string,
    source: PrintSource,
    options: { headers?: Record<string, string>; cookies?: Cookie[]; timeoutMs?: number },
  ): Promise<Buffer> {
    const job: TabJob = {
      source,
      title,
      what,
      headers: options.headers ?? {},
      cookies: options.cookies ?? [],
      timeoutMs: options.timeoutMs ?? this.#timeoutMs,
      onBlocked: (url) => this.#onEvent({ kind: 'blocked', report: what, url }),
    };
    await this.#permits.acquire();
    try {
      try {
        return await this.#attempt(job);
      } catch (err) {
        if (!(err instanceof BrowserGone)) throw err;
        this.#onEvent({ kind: 'retrying', report: what });
      }
      try {
        return await this.#attempt(job);
      } catch (err) {
        throw err instanceof BrowserGone ? new PrintError('BROWSER_DIED', messages.diedTwice(what)) : err;
      }
    } finally {
      this.#permits.release();
    }
  }

  /** One try on the current browser; the timeout covers launch, load, ready signal and PDF. */
  async #attempt(job: TabJob): Promise<Buffer> {
    if (this.#closed) throw new PrintError('CLOSED', messages.closed(job.what));
    const progress: Progress = { stage: 'starting Chromium', pageErrors: [] };
    const stop = new Interruptions(job.timeoutMs, () =>
      messages.timeout(job.what, job.timeoutMs, progress.stage, progress.pageErrors),
    );
    try {
      const session = await stop.race(this.#session());
      stop.onDisconnect(session.browser);
      progress.stage = 'opening a tab';
      const opening = this.#tabFor(session);
      let tab: Tab | null = null;
      try {
        tab = await stop.race(opening);
        stop.onCrash(tab, job.what);
        const pdf = await stop.race(tab.print(job, progress));
        this.#putBack(tab);
        return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      } catch (err) {
        // A tab that failed may hold a half-loaded or hung page: close it rather than reuse it.
        if (tab) await tab.close();
        else void opening.then((late) => late.close(), () => {});
        if (this.#closed) throw new PrintError('CLOSED', messages.closed(job.what));
        if (!session.browser.connected) {
          this.#forget(session.launch);
          throw new BrowserGone();
        }
        if (err instanceof PrintError) throw err;
        // Chromium's own words, e.g. net::ERR_CONNECTION_REFUSED when the app is not listening.
        throw new PrintError('CHROMIUM_ERROR', messages.chromiumError(job.what, progress.stage, (err as Error).message));
      }
    } finally {
      stop.dispose();
    }
  }

  #session(): Promise<Session> {
    if (!this.#current) {
      const launch = ++this.#launches;
      this.#current = { launch, session: this.#launch(launch) };
    }
    return this.#current.session;
  }

  async #launch(launch: number): Promise<Session> {
    let browser: Browser;
    try {
      browser = await puppeteer.launch({
        executablePath: this.#executablePath,
        headless: true,
        args: CHROMIUM_ARGS,
        // A pipe rather than a DevTools port another local process could connect to.
        pipe: true,
        // The server shuts the printer down itself; puppeteer's handlers would exit the process.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
    } catch (err) {
      this.#forget(launch);
      throw new PrintError('LAUNCH_FAILED', messages.launchFailed(this.#executablePath, (err as Error).message));
    }
    browser.once('disconnected', () => {
      if (this.#closed) return;
      this.#forget(launch);
      this.#onEvent({ kind: 'browser-died', launch });
    });
    this.#onEvent({ kind: 'launched', launch, pid: browser.process()?.pid });
    return { launch, browser };
  }

  /** Drops a dead browser; the next job to ask starts the one replacement. */
  #forget(launch: number): void {
    if (this.#current?.launch === launch) this.#current = null;
    this.#idle = this.#idle.filter((tab) => tab.launch !== launch);
  }

  async #tabFor(session: Session): Promise<Tab> {
    const idle = this.#idle.findIndex((tab) => tab.launch === session.launch);
    if (idle >= 0) return this.#idle.splice(idle, 1)[0]!;
    return Tab.open(session.browser, session.launch);
  }

  #putBack(tab: Tab): void {
    if (this.#closed || this.#current?.launch !== tab.launch) void tab.close();
    else this.#idle.push(tab);
  }
}

/**
 * What can cut one attempt short: its timeout, Chromium disconnecting, the tab crashing. Steps
 * race against it; listeners are removed afterwards so that a long-lived browser does not
 * collect one per report.
 */
class Interruptions {
  readonly #interrupted: Promise<never>;
  #reject: (reason: Error) => void = () => {};
  readonly #cleanups: (() => void)[] = [];

  constructor(timeoutMs: number, timeoutMessage: () => string) {
    this.#interrupted = new Promise<never>((_, reject) => {
      this.#reject = reject;
    });
    this.#interrupted.catch(() => {});
    const timer = setTimeout(() => this.#reject(new PrintError('TIMEOUT', timeoutMessage())), timeoutMs);
    this.#cleanups.push(() => clearTimeout(timer));
  }

  race<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.#interrupted]);
  }

  onDisconnect(browser: Browser): void {
    const gone = () => this.#reject(new BrowserGone());
    if (!browser.connected) gone();
    browser.once('disconnected', gone);
    this.#cleanups.push(() => browser.off('disconnected', gone));
  }

  onCrash(tab: Tab, what: string): void {
    this.#cleanups.push(tab.onCrash(() => this.#reject(new PrintError('PAGE_CRASHED', messages.pageCrashed(what)))));
  }

  dispose(): void {
    for (const cleanup of this.#cleanups) cleanup();
  }
}

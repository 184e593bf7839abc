import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { FONT_CSS } from '../../reports/index.js';
import { projectRoot } from '../../server/root.js';

const chartJs = readFileSync(
  path.join(path.dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js'),
);
const scriptsPage = readFileSync(path.join(projectRoot, 'test/fixtures/reports/scripts.html'));

/** A page that keeps the ready-signal contract with an optional script before it signals. */
function reportPage(title: string, body: string, script = 'window.__reportReady = true;'): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/fonts.css"></head>
<body><main><h1>${title}</h1>${body}</main><script>${script}</script></body></html>`;
}

const neverReady = reportPage('Never ready', '<p>Waits for an answer that never comes.</p>', "fetch('/hang');");

/**
 * The stand-in for the app while printing: real HTTP on 127.0.0.1, a few report pages, and
 * counters that let tests see what the browser did (requests, concurrent loads, closed tabs).
 */
export class FixtureServer {
  readonly events = new EventEmitter();
  readonly hits: string[] = [];
  /** Pages holding a `/hold` request right now, and the most there ever were at once. */
  holding = 0;
  maxHolding = 0;
  /** `/hang` requests whose tab went away. */
  hangsClosed = 0;
  readonly #seenKeys = new Set<string>();
  readonly #server = http.createServer((req, res) => this.#handle(req, res));
  origin = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.origin);
    this.hits.push(url.pathname + url.search);
    this.events.emit('hit', url.pathname + url.search);
    const html = (body: string | Buffer, status = 200) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    };
    switch (url.pathname) {
      case '/report':
        return html(scriptsPage);
      case '/fonts.css':
        res.writeHead(200, { 'content-type': 'text/css' }).end(FONT_CSS);
        return;
      case '/vendor/chart.umd.min.js':
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(chartJs);
        return;
      case '/plain': {
        const label = url.searchParams.get('label') ?? 'Plain report';
        const holdMs = url.searchParams.get('holdMs');
        const script = holdMs
          ? `fetch('/hold?ms=${Number(holdMs)}').then(() => { window.__reportReady = true; });`
          : undefined;
        return html(reportPage(label, '<p>A report with nothing but text.</p>', script));
      }
      case '/hold': {
        this.holding++;
        this.maxHolding = Math.max(this.maxHolding, this.holding);
        setTimeout(() => {
          this.holding--;
          res.end('ok');
        }, Number(url.searchParams.get('ms')));
        return;
      }
      case '/whoami': {
        const auth = req.headers['x-report-auth'] ?? 'none';
        const cookie = req.headers.cookie ?? 'none';
        return html(reportPage('Who am I', `<p>Authorisation: ${String(auth)}</p><p>Cookies: ${cookie}</p>`));
      }
      case '/sets-cookie':
        res.setHeader('set-cookie', 'leaked=from-an-earlier-report; Path=/');
        return html(reportPage('Sets a cookie', '<p>This response sets a cookie.</p>'));
      case '/never-ready':
        return html(neverReady);
      case '/hang':
        res.on('close', () => {
          this.hangsClosed++;
          this.events.emit('hang-closed');
        });
        return;
      case '/report-error':
        return html(reportPage('Broken chart', '<p>The chart data is missing.</p>', "window.__reportError = 'chart data missing for pillar scores';"));
      case '/flaky': {
        // First request per key: a page that never gets ready (the test kills Chromium meanwhile); then a good one.
        const key = url.searchParams.get('key') ?? '';
        const first = !this.#seenKeys.has(key);
        this.#seenKeys.add(key);
        return html(first ? neverReady : reportPage(`Retried ${key}`, '<p>Printed on the second try.</p>'));
      }
      default:
        return html('<!DOCTYPE html><title>Not found</title><p>Not found</p>', 404);
    }
  }
}

/** Resolves when the server has seen a request whose path (with query) matches `pattern`. */
export function nextHit(server: FixtureServer, pattern: RegExp): Promise<string> {
  return new Promise((resolve) => {
    const onHit = (hit: string) => {
      if (!pattern.test(hit)) return;
      server.events.off('hit', onHit);
      resolve(hit);
    };
    server.events.on('hit', onHit);
  });
}

import { expect } from 'chai';
import { storeKinds } from '../support/stores.js';
import { startTestApp, type TestApp } from '../support/http.js';
import { signedInClient, type Client } from '../support/client.js';

for (const kind of storeKinds) {
  describe(`web app on ${kind}`, function () {
    let app: TestApp;
    let manager: Client;
    before(async () => {
      app = await startTestApp(kind);
      manager = await signedInClient(app.url, app.store, 'programme_manager');
    });
    after(async () => {
      await app.stop();
    });

    it('reports the store kind and schema version at /healthz', async () => {
      const res = await fetch(`${app.url}/healthz`);
      expect(res.status).to.equal(200);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).to.include({ status: 'ok', store: kind });
      expect(body.schemaVersion).to.match(/^\d{12}-/);
    });

    it('asks a visitor who is not signed in to sign in first, then brings them back', async () => {
      const res = await fetch(`${app.url}/states`, { redirect: 'manual' });
      expect(res.status).to.equal(303);
      expect(res.headers.get('location')).to.equal('/login?next=%2Fstates');
    });

    it('lists the registry of states with status, source and confidence', async () => {
      const res = await manager.get('/states');
      expect(res.status).to.equal(200);
      const html = await res.text();
      expect(html).to.contain('Viet Nam').and.contain('Reservation to article 15(2)').and.contain('Uncertain: verify');
      expect(html).to.contain('Measures the legal framework, not its implementation.');
    });

    it('answers an unknown page with a 404 page in HTML', async () => {
      const res = await manager.get('/no/such/page');
      expect(res.status).to.equal(404);
      expect(res.headers.get('content-type')).to.contain('text/html');
      expect(await res.text()).to.contain('There is no page at this address.');
    });

    it('answers an unknown API route with problem+json carrying the request id', async () => {
      const res = await fetch(`${app.url}/api/v1/nothing`);
      expect(res.status).to.equal(404);
      expect(res.headers.get('content-type')).to.contain('application/problem+json');
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).to.include({ status: 404, code: 'NOT_FOUND', title: 'Not found' });
      expect(body.requestId).to.equal(res.headers.get('x-request-id'));
    });

    it('refuses an oversized body with 413 and a malformed JSON body with 400, in plain words', async () => {
      const big = await manager.request('POST', '/api/v1/anything', { json: { text: 'x'.repeat(600 * 1024) } });
      expect(big.status).to.equal(413);
      expect(((await big.json()) as { detail: string }).detail).to.equal('The request is larger than the server accepts.');
      const bad = await manager.request('POST', '/api/v1/anything', { headers: { 'content-type': 'application/json' }, raw: '{"unterminated": ' });
      expect(bad.status).to.equal(400);
      expect(((await bad.json()) as { detail: string }).detail).to.contain('not well-formed');
    });

    it('sends a strict Content-Security-Policy with a fresh script nonce on every page', async () => {
      const first = (await fetch(`${app.url}/login`)).headers.get('content-security-policy') ?? '';
      const second = (await fetch(`${app.url}/login`)).headers.get('content-security-policy') ?? '';
      expect(first).to.contain("default-src 'self'").and.contain("object-src 'none'").and.contain("frame-ancestors 'none'");
      expect(first).to.match(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'/);
      expect(first).not.to.contain('unsafe-inline');
      expect(first).not.to.equal(second);
    });

    it('stamps every log line of a request with its request id, keeping a well-formed incoming one', async () => {
      const res = await fetch(`${app.url}/no-such-page`, { headers: { 'x-request-id': 'trace-abc-12345' } });
      expect(res.headers.get('x-request-id')).to.equal('trace-abc-12345');
      const lines = app.logs.filter((l) => l.reqId === 'trace-abc-12345');
      expect(lines.length).to.be.at.least(2);
    });

    it('serves its own stylesheet', async () => {
      const res = await fetch(`${app.url}/static/app.css`);
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.contain('text/css');
    });
  });
}

import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MAX_FAILURES_PER_EMAIL } from '../../server/auth/throttle.js';
import { Client, createTestUser, TEST_PASSWORD } from '../support/client.js';
import { openTestAssessment, startTestApp, startTestServer, type TestApp } from '../support/http.js';
import { openTestStore, storeKinds } from '../support/stores.js';

for (const kind of storeKinds) {
  describe(`signing in and sessions on ${kind}`, function () {
    this.timeout(60_000);
    let app: TestApp;
    before(async () => {
      app = await startTestApp(kind);
    });
    after(async () => {
      await app.stop();
    });

    it('stores passwords as argon2id hashes, never as typed', async () => {
      const user = await createTestUser(app.store, 'consultant', ['FJ']);
      const rows = await app.store.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [user.id]);
      expect(rows[0]?.password_hash).to.match(/^\$argon2id\$/).and.not.contain(TEST_PASSWORD);
    });

    it('signs in with a session cookie that scripts cannot read, and signs out', async () => {
      const user = await createTestUser(app.store, 'programme_manager');
      const client = new Client(app.url);
      const res = await client.login(user.email);
      expect(res.headers.get('location')).to.equal('/');
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('palermo.sid='));
      expect(cookie).to.match(/HttpOnly/i).and.match(/SameSite=Lax/i);
      const me = (await (await client.get('/api/v1/me')).json()) as { email: string; role: string };
      expect(me).to.include({ email: user.email, role: 'programme_manager' });
      await client.post('/logout');
      expect((await client.get('/api/v1/me')).status).to.equal(401);
    });

    it('gives the same answer for a wrong password and for an unknown account', async () => {
      const user = await createTestUser(app.store, 'consultant', ['FJ']);
      const wrong = await new Client(app.url).post('/login', { email: user.email, password: 'not the password at all' });
      const unknown = await new Client(app.url).post('/login', { email: 'nobody@example.org', password: 'not the password at all' });
      expect(wrong.status).to.equal(401);
      expect(unknown.status).to.equal(401);
      expect(await wrong.text()).to.contain('The email or password is not right.');
      expect(await unknown.text()).to.contain('The email or password is not right.');
    });

    it('answers 429 after repeated failures, for existing and unknown accounts alike, even with the right password', async () => {
      const user = await createTestUser(app.store, 'consultant', ['FJ']);
      for (const email of [user.email, 'ghost@example.org']) {
        const client = new Client(app.url);
        for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
          expect((await client.post('/login', { email, password: 'wrong password here' })).status).to.equal(401);
        }
        const blocked = await client.post('/login', { email, password: TEST_PASSWORD });
        expect(blocked.status).to.equal(429);
        expect(await blocked.text()).to.contain('Too many failed attempts');
      }
    });

    it('refuses a state-changing request without a CSRF token, or with a forged one, with 403', async () => {
      const user = await createTestUser(app.store, 'programme_manager');
      const client = new Client(app.url);
      await client.login(user.email);
      const missing = await client.request('POST', '/logout', { form: {}, csrf: false });
      expect(missing.status).to.equal(403);
      expect(await missing.text()).to.contain('security token is missing or out of date');
      const forged = await client.request('POST', '/logout', { form: { _csrf: 'forged-token' }, csrf: false });
      expect(forged.status).to.equal(403);
      expect((await client.get('/api/v1/me')).status).to.equal(200);
    });

    it('ends a session after its idle time', async () => {
      const user = await createTestUser(app.store, 'programme_manager');
      const client = new Client(app.url);
      await client.login(user.email);
      await app.store.query(`UPDATE sessions SET expires_at = now() - interval '1 second'`);
      const res = await client.get('/assessments');
      expect(res.status).to.equal(303);
      expect(res.headers.get('location')).to.equal('/login?next=%2Fassessments');
    });

    it('stops a deactivated account at its next request', async () => {
      const user = await createTestUser(app.store, 'programme_manager');
      const client = new Client(app.url);
      await client.login(user.email);
      await app.store.query('UPDATE users SET active = false WHERE id = $1', [user.id]);
      expect((await client.get('/api/v1/me')).status).to.equal(401);
    });

    it('never sends a signed-in user to another site after signing in', async () => {
      const user = await createTestUser(app.store, 'programme_manager');
      const res = await new Client(app.url).post('/login', { email: user.email, password: TEST_PASSWORD, next: '//evil.example/phish' });
      expect(res.headers.get('location')).to.equal('/');
    });

    it('keeps a comment typed when the session had expired, and fills it in again after signing in', async () => {
      const assessment = await openTestAssessment(app.store, 'FJ', `expiry-${kind}`);
      const user = await createTestUser(app.store, 'consultant', ['FJ']);
      const client = new Client(app.url);
      await client.login(user.email);
      await app.store.query(`UPDATE sessions SET expires_at = now() - interval '1 second'`);
      const page = assessment.path;
      const typed = 'Section 12 was amended in 2025; the new text covers abuse of a position of vulnerability.';
      const res = await client.request('POST', `${page}/comments`, {
        form: { body: typed, indicatorId: 'CRIM-MEANS' },
        headers: { referer: `${app.url}${page}` },
      });
      expect(res.status).to.equal(303);
      expect(res.headers.get('location')).to.equal(`/login?next=${encodeURIComponent(page)}`);
      const login = await client.post('/login', { email: user.email, password: TEST_PASSWORD, next: page });
      expect(login.headers.get('location')).to.equal(page);
      const html = await (await client.get(page)).text();
      expect(html).to.contain(`>${typed}</textarea>`);
      expect(html).to.match(/<option value="CRIM-MEANS" selected>/);
      expect(html).to.contain('has been filled in again');
      const saved = await app.store.query<{ n: number }>('SELECT count(*)::int AS n FROM comments WHERE assessment_id = $1', [assessment.id]);
      expect(saved[0]?.n, 'nothing is saved until the user saves it').to.equal(0);
    });

    it('writes sign-ins and changes to the audit log with who, what, when and from where', async () => {
      const user = await createTestUser(app.store, 'programme_manager');
      await new Client(app.url).login(user.email);
      const rows = await app.store.query<{ action: string; ip: string; request_id: string; at: Date }>(
        `SELECT action, ip, request_id, at FROM audit_log WHERE user_id = $1`,
        [user.id],
      );
      expect(rows.map((r) => r.action)).to.deep.equal(['login']);
      expect(rows[0]?.ip).to.match(/127\.0\.0\.1/);
      expect(rows[0]?.request_id).to.have.length.greaterThan(8);
      expect(rows[0]?.at).to.be.instanceOf(Date);
    });
  });
}

describe('sessions shared by two app processes', function () {
  it('lets a session started on one app instance be used on another over the same database', async () => {
    const t = await openTestStore('postgres');
    const dirs = [mkdtempSync(path.join(tmpdir(), 'palermo-a-')), mkdtempSync(path.join(tmpdir(), 'palermo-b-'))];
    // Two instances share the session secret, as a deployment behind a load balancer does.
    const env = { SESSION_SECRET: 'x'.repeat(48) };
    const first = await startTestServer(t.store, dirs[0]!, env);
    const second = await startTestServer(t.store, dirs[1]!, env);
    try {
      const user = await createTestUser(t.store, 'programme_manager');
      const client = new Client(first.url);
      await client.login(user.email);
      expect((await client.at(second.url).get('/api/v1/me')).status).to.equal(200);
    } finally {
      await first.stop();
      await second.stop();
      await t.dispose();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    }
  });
});

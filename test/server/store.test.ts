import { expect } from 'chai';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listStates, findState, createRound, listRounds } from '../../assessments/index.js';
import { MIGRATIONS_DIR, MigrationError, migrate, schemaVersion } from '../../server/store/index.js';
import { openTestStore, storeKinds, type TestStore } from '../support/stores.js';

for (const kind of storeKinds) {
  describe(`store on ${kind}`, function () {
    let t: TestStore;
    before(async () => {
      t = await openTestStore(kind);
    });
    after(async () => {
      await t.dispose();
    });

    it('reports its kind', () => {
      expect(t.store.kind).to.equal(kind);
    });

    it('applies every migration and reports the newest as the schema version', async () => {
      const version = await schemaVersion(t.store);
      expect(version).to.equal(readdirSync(MIGRATIONS_DIR).sort().at(-1)?.replace(/\.sql$/, ''));
    });

    it('does nothing when migrated again', async () => {
      const result = await migrate(t.store);
      expect(result.applied).to.deep.equal([]);
    });

    it('holds the 45 Bali Process members, including the three territories, and no SAMPLE state', async () => {
      const states = await listStates(t.store, { includeSamples: true });
      expect(states).to.have.length(45);
      expect(states.every((s) => s.baliProcessMember && !s.isSample)).to.equal(true);
      expect(states.filter((s) => s.kind === 'territory').map((s) => s.code).sort()).to.deep.equal(['HK', 'MO', 'NC']);
    });

    it('keeps the source and confidence of a state\'s Protocol status, with partial dates as written', async () => {
      const vn = await findState(t.store, 'VN');
      expect(vn?.protocol).to.include({ status: 'party', action: 'accession', date: '2012-06-08', confidence: 'source' });
      expect(vn?.protocol.note).to.contain('15(2)');
      const ws = await findState(t.store, 'WS');
      expect(ws?.protocol).to.include({ status: 'unknown', confidence: 'uncertain' });
      const af = await findState(t.store, 'AF');
      expect(af?.protocol.date).to.equal('2014-08');
    });

    it('refuses a SAMPLE state whose code is not a user-assigned one (QA is Qatar; QM-QZ are free)', async () => {
      let failure: unknown;
      try {
        await t.store.query(
          `INSERT INTO states (code, name, subregion, kind, bali_process_member, protocol_status, protocol_source, protocol_confidence, status_as_of, is_sample)
           VALUES ('QA', 'Nowhere', 'pacific', 'state', false, 'unknown', 'test', 'uncertain', '2026-01-01', true)`,
        );
      } catch (error) {
        failure = error;
      }
      expect(failure, 'insert should fail').to.be.instanceOf(Error);
    });

    it('returns dates as YYYY-MM-DD strings, whatever the time zone', async () => {
      const round = await createRound(t.store, { slug: `r-${kind}`, title: 'Baseline', startsOn: '2024-01-01' });
      expect(round.startsOn).to.equal('2024-01-01');
      const rounds = await listRounds(t.store);
      expect(rounds.map((r) => r.slug)).to.include(`r-${kind}`);
    });

    it('commits a transaction that resolves', async () => {
      await t.store.transaction(async (tx) => {
        await tx.query(`INSERT INTO rounds (slug, title, starts_on) VALUES ('commit-me', 'Kept', '2025-01-01')`);
      });
      const rows = await t.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM rounds WHERE slug = 'commit-me'`);
      expect(rows[0]?.n).to.equal(1);
    });

    it('rolls back a transaction that throws, keeping none of its writes', async () => {
      let thrown: unknown;
      try {
        await t.store.transaction(async (tx) => {
          await tx.query(`INSERT INTO rounds (slug, title, starts_on) VALUES ('roll-me-back', 'Gone', '2025-01-01')`);
          throw new Error('boom');
        });
      } catch (error) {
        thrown = error;
      }
      expect((thrown as Error).message).to.equal('boom');
      const rows = await t.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM rounds WHERE slug = 'roll-me-back'`);
      expect(rows[0]?.n).to.equal(0);
    });
  });

  describe(`migrations on ${kind}`, function () {
    let t: TestStore;
    let dir: string;
    before(async () => {
      t = await openTestStore(kind, { migrate: false });
      dir = mkdtempSync(path.join(tmpdir(), 'palermo-migrations-'));
      cpSync(MIGRATIONS_DIR, dir, { recursive: true });
      // A good migration followed by a broken one: neither may land.
      writeFileSync(path.join(dir, '209901010000-create-extras.sql'), 'CREATE TABLE extras (id integer PRIMARY KEY);');
      writeFileSync(path.join(dir, '209901010001-break-things.sql'), 'ALTER TABLE no_such_table ADD COLUMN x integer;');
    });
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await t.dispose();
    });

    it('stops at a failing migration with its file name and leaves the database as it was', async () => {
      let failure: unknown;
      try {
        await migrate(t.store, dir);
      } catch (error) {
        failure = error;
      }
      expect(failure).to.be.instanceOf(MigrationError);
      expect((failure as Error).message).to.contain('209901010001-break-things.sql').and.contain('no_such_table');
      const tables = await t.store.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`,
      );
      expect(tables[0]?.n).to.equal(0);
    });

    it('applies the same migrations cleanly once the broken one is gone', async () => {
      rmSync(path.join(dir, '209901010001-break-things.sql'));
      const result = await migrate(t.store, dir);
      expect(result.applied.at(-1)).to.equal('209901010000-create-extras');
      expect(await schemaVersion(t.store)).to.equal('209901010000-create-extras');
    });

    it('refuses a migration file whose name does not follow <timestamp>-<verb-noun>.sql', async () => {
      writeFileSync(path.join(dir, 'oops.sql'), 'SELECT 1;');
      let failure: unknown;
      try {
        await migrate(t.store, dir);
      } catch (error) {
        failure = error;
      }
      expect((failure as Error).message).to.contain('oops.sql');
      rmSync(path.join(dir, 'oops.sql'));
    });
  });
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAssessment, createRound, registerRubric, saveAnswer } from '../assessments/index.js';
import { openPglite, openPostgres, migrate, type Store } from '../server/store/index.js';
import { createDatabase } from '../test/support/pg-cluster.js';
import { figure, median, time, type Figure } from './measure.js';

const SAVES = 1000;
const RUNS = 3;

/** A realistic answer document: a checklist value, one citation with a verbatim excerpt, notes. */
function answerDocument(n: number): unknown {
  return {
    status: 'answered',
    value: ['recruitment', 'transportation', 'transfer', 'harbouring', 'receipt'],
    citations: [
      {
        instrument: 'Anti-Trafficking in Persons Act (SAMPLE)',
        provision: `s. ${n % 40}`,
        year: 2016,
        url: 'https://legislation.example/act-2016',
        excerpt: 'A person who recruits, transports, transfers, harbours or receives a person for the purpose of exploitation commits an offence. '.repeat(4),
        language: 'en',
      },
    ],
    notes: `Benchmark answer ${n}.`,
  };
}

async function prepare(store: Store): Promise<number[]> {
  await migrate(store);
  await store.query(`CREATE TABLE IF NOT EXISTS bench_bare (assessment_id integer, indicator_id text, document jsonb)`);
  await registerRubric(store, { key: 'bench@1.0.0', id: 'bench', version: '1.0.0', hash: '0'.repeat(64), schema: {} });
  const round = await createRound(store, { slug: `bench-${Date.now()}`, title: 'Bench', startsOn: '2025-01-01', isSample: true });
  await store.query(
    `INSERT INTO states (code, name, subregion, kind, bali_process_member, protocol_status, protocol_source, protocol_confidence, status_as_of, is_sample)
     VALUES ('XZ', 'Benchland', 'pacific', 'state', false, 'unknown', 'SAMPLE', 'uncertain', '2025-01-01', true) ON CONFLICT DO NOTHING`,
  );
  const assessment = await createAssessment(store, { stateCode: 'XZ', roundId: round.id, rubricKey: 'bench@1.0.0' });
  return [assessment.id];
}

async function measure(store: Store, label: string): Promise<Figure> {
  const [assessmentId] = await prepare(store);
  const ours: number[] = [];
  const bare: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    ours.push(
      await time(async () => {
        for (let i = 0; i < SAVES; i++) {
          // As the app saves: the answer and its history entry in one transaction.
          await store.transaction((tx) =>
            saveAnswer(tx, { assessmentId: assessmentId!, indicatorId: `IND-${run}-${i}`, document: answerDocument(i), baseRevision: 0, userId: null, problems: [] }),
          );
        }
      }),
    );
    bare.push(
      await time(async () => {
        for (let i = 0; i < SAVES; i++) {
          await store.query('INSERT INTO bench_bare VALUES ($1, $2, $3)', [assessmentId, `IND-${run}-${i}`, JSON.stringify(answerDocument(i))]);
        }
      }),
    );
  }
  return figure(`save ${SAVES} answers one by one (${label})`, median(ours), median(bare), 'ms');
}

export async function run(serverUrl: string): Promise<Figure[]> {
  const folder = mkdtempSync(path.join(tmpdir(), 'palermo-bench-'));
  const pglite = await openPglite(path.join(folder, 'pglite'));
  const results: Figure[] = [];
  try {
    results.push(await measure(pglite, 'pglite, on disk'));
  } finally {
    await pglite.close();
    rmSync(folder, { recursive: true, force: true });
  }
  const database = await createDatabase(serverUrl);
  const postgres = await openPostgres(database.url);
  try {
    results.push(await measure(postgres, 'postgres server'));
  } finally {
    await postgres.close();
    await database.drop();
  }
  return results;
}

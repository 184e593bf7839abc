import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createAssessment, createRound, registerRubric } from '../../assessments/index.js';
import { loadDefaultRubric } from '../../rubric/index.js';
import { projectRoot } from '../../server/root.js';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/log.js';
import { startServer, type Running } from '../../server/server.js';
import type { Store, StoreKind } from '../../server/store/index.js';
import { openTestStore } from './stores.js';

/** Lines the app logged during a test, parsed. */
export type LogLines = Record<string, unknown>[];

/** The real HTTP server on a free port of 127.0.0.1, over the given store; logs captured for assertions. */
export async function startTestServer(store: Store, dataDir: string, env: Record<string, string> = {}): Promise<Running & { logs: LogLines }> {
  const logs: LogLines = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', ...env });
  const running = await startServer(config, createLogger('info', sink), store);
  return Object.assign(running, { logs });
}

/** A migrated store of `kind`, a data folder and the real server on it; `stop` removes all three. */
export interface TestApp {
  store: Store;
  url: string;
  logs: LogLines;
  stop(): Promise<void>;
}

export async function startTestApp(kind: StoreKind, env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'palermo-test-'));
  const t = await openTestStore(kind);
  const running = await startTestServer(t.store, dataDir, env);
  return {
    store: t.store,
    url: running.url,
    logs: running.logs,
    async stop() {
      await running.stop();
      await t.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A new draft assessment of `stateCode` in a new round, on the default rubric; returns its id and page path. */
export async function openTestAssessment(store: Store, stateCode: string, roundSlug: string): Promise<{ id: number; path: string }> {
  const rubric = await loadDefaultRubric();
  await registerRubric(store, rubric);
  const round = await createRound(store, { slug: roundSlug, title: `Round ${roundSlug}`, startsOn: '2025-01-01' });
  const { id } = await createAssessment(store, { stateCode, roundId: round.id, rubricKey: rubric.key });
  return { id, path: `/assessments/${id}` };
}

/** Answers every question of the default rubric validly (the rubric's complete fixture), so the assessment can be submitted. */
export async function fillCompleteAnswers(store: Store, assessmentId: number): Promise<void> {
  const file = path.join(projectRoot, 'test', 'fixtures', 'rubric', 'answers', 'complete-valid.json');
  const { answers } = JSON.parse(readFileSync(file, 'utf8')) as { answers: Record<string, unknown> };
  for (const [indicatorId, document] of Object.entries(answers)) {
    await store.query(
      `INSERT INTO answers (assessment_id, indicator_id, document) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (assessment_id, indicator_id) DO UPDATE SET document = EXCLUDED.document, revision = answers.revision + 1`,
      [assessmentId, indicatorId, JSON.stringify(document)],
    );
  }
}

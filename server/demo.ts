import { loadSampleData } from '../assessments/index.js';
import { currentRubric } from './routes/pinned-rubric.js';
import { loadConfig } from './config.js';
import { exitWithStartupError } from './fatal.js';
import { openStore } from './store/index.js';

/** `npm run demo`: loads the fictional SAMPLE states, rounds and answered assessments into the configured store. */
async function main(): Promise<void> {
  const config = loadConfig();
  const store = await openStore(config);
  try {
    const rubric = await currentRubric();
    const added = await store.transaction((tx) => loadSampleData(tx, rubric));
    process.stdout.write(
      `SAMPLE data loaded into the ${store.kind} store: ${added.states} fictional states, ${added.rounds} rounds and ` +
        `${added.assessments} assessments with generated answers added ` +
        `(already present ones were kept). Start the app with npm start.\n`,
    );
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => exitWithStartupError('palermo-assess demo', error));

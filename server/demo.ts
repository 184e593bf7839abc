import { loadSampleData } from '../assessments/index.js';
import { loadConfig } from './config.js';
import { exitWithStartupError } from './fatal.js';
import { openStore } from './store/index.js';

/** `npm run demo`: loads the fictional SAMPLE states and round into the configured store. */
async function main(): Promise<void> {
  const config = loadConfig();
  const store = await openStore(config);
  try {
    const added = await store.transaction((tx) => loadSampleData(tx));
    process.stdout.write(
      `SAMPLE data loaded into the ${store.kind} store: ${added.states} fictional states and ${added.rounds} round added ` +
        `(already present ones were kept). Start the app with npm start.\n`,
    );
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => exitWithStartupError('palermo-assess demo', error));

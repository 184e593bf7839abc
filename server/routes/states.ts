import { Router } from 'express';
import { listStates } from '../../assessments/index.js';
import type { Store } from '../store/index.js';

const statusLabels = { party: 'Party', not_party: 'Not a party', unknown: 'Unknown' } as const;
const confidenceLabels = { source: 'Seen in a source', knowledge: 'Not re-verified', uncertain: 'Uncertain: verify' } as const;

/** The registry of states with their status under the Protocol. */
export function stateRoutes(store: Store): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const states = await listStates(store, { includeSamples: true });
    const rows = states.map((s) => ({
      ...s,
      statusLabel: statusLabels[s.protocol.status],
      confidenceLabel: confidenceLabels[s.protocol.confidence],
    }));
    res.render('pages/states', {
      title: 'States',
      states: rows.filter((s) => !s.isSample),
      samples: rows.filter((s) => s.isSample),
      counts: {
        members: states.filter((s) => s.baliProcessMember && !s.isSample).length,
        parties: states.filter((s) => s.protocol.status === 'party' && !s.isSample).length,
        samples: states.filter((s) => s.isSample).length,
      },
    });
  });
  return router;
}

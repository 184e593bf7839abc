import { Router } from 'express';
import { schemaVersion, type Store } from '../store/index.js';

/** For load balancers and operators: the store kind and the schema version, with no secrets. */
export function healthRoutes(store: Store): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    res.json({ status: 'ok', store: store.kind, schemaVersion: await schemaVersion(store) });
  });
  return router;
}

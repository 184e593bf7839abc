import { listAssessments, listStates, statusLabels, type Assessment } from '../../assessments/index.js';
import { may } from '../auth/policy.js';
import type { User } from '../auth/roles.js';
import { countUsers } from '../auth/users.js';
import type { Store } from '../store/index.js';
import type { RouteSpec } from '../web/routing.js';

const protocolLabels = { party: 'Party', not_party: 'Not a party', unknown: 'Unknown' } as const;
const confidenceLabels = { source: 'Seen in a source', knowledge: 'Not re-verified', uncertain: 'Uncertain: verify' } as const;

/** What waits for this person: the assessments on which the next step is theirs. */
function awaiting(user: User, all: Assessment[]): Assessment[] {
  switch (user.role) {
    case 'consultant':
      return all.filter((a) => may(user, 'edit', a) && (a.status === 'draft' || a.status === 'changes_requested'));
    case 'programme_manager':
      return all.filter((a) => a.status === 'submitted' || a.status === 'approved');
    case 'focal_point':
      return all.filter((a) => may(user, 'comment', a));
    case 'administrator':
      return [];
  }
}

export function homeRoutes(store: Store): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/',
      access: 'signed-in',
      async handle(req, res) {
        const user = req.user!;
        const all = await listAssessments(store);
        const visible = all.filter((a) => may(user, 'read', a));
        res.render('pages/home', {
          title: 'Home',
          awaiting: awaiting(user, visible).map((a) => ({ ...a, statusLabel: statusLabels[a.status] })),
          visibleCount: visible.length,
          isAdministrator: user.role === 'administrator',
          userCount: user.role === 'administrator' ? await countUsers(store) : null,
        });
      },
    },
    {
      method: 'get',
      path: '/states',
      access: 'signed-in',
      async handle(_req, res) {
        const states = (await listStates(store, { includeSamples: true })).map((s) => ({
          ...s,
          statusLabel: protocolLabels[s.protocol.status],
          confidenceLabel: confidenceLabels[s.protocol.confidence],
        }));
        res.render('pages/states', {
          title: 'States',
          states: states.filter((s) => !s.isSample),
          samples: states.filter((s) => s.isSample),
          counts: {
            members: states.filter((s) => s.baliProcessMember && !s.isSample).length,
            parties: states.filter((s) => s.protocol.status === 'party' && !s.isSample).length,
            samples: states.filter((s) => s.isSample).length,
          },
        });
      },
    },
  ];
}

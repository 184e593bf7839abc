import { AppError } from '../errors.js';
import type { User } from './roles.js';

/** What the policy needs to know of an assessment: whose it is and how far it has gone. */
export interface AssessmentScope {
  stateCode: string;
  status: string;
  sharedWithFocalPointAt: string | null;
}

export type AssessmentAction = 'read' | 'edit' | 'submit' | 'comment' | 'review' | 'share' | 'publish';

/**
 * Who may do what to an assessment. Roles and state scope only: whether the workflow allows the
 * step now (e.g. approving a draft) is the lifecycle's question, answered with 409, not 403.
 */
export function may(user: User, action: AssessmentAction, a: AssessmentScope): boolean {
  const ownState = user.states.includes(a.stateCode);
  switch (user.role) {
    case 'administrator':
      return action === 'read';
    case 'programme_manager':
      return action !== 'edit' && action !== 'submit';
    case 'consultant':
      return ownState && (action === 'read' || action === 'edit' || action === 'submit' || action === 'comment');
    case 'focal_point': {
      // A state sees its assessment only once shared for validation, or published.
      const visible = ownState && (a.sharedWithFocalPointAt !== null || a.status === 'published');
      return visible && (action === 'read' || (action === 'comment' && a.status !== 'published'));
    }
  }
}

/**
 * Throws unless the user may act. An assessment the user may not even read answers 404, so ids of
 * other states' assessments reveal nothing; a readable one answers 403 for a step not theirs.
 */
export function authorize(user: User, action: AssessmentAction, a: AssessmentScope): void {
  if (may(user, action, a)) return;
  if (!may(user, 'read', a)) throw new AppError('NOT_FOUND', 404, 'There is no page at this address.');
  throw new AppError('FORBIDDEN', 403, 'Your role does not allow this step on this assessment.');
}

import type { Request, Response } from 'express';
import { listStates } from '../../assessments/index.js';
import { recentAudit, recordAudit } from '../audit.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../auth/passwords.js';
import { roleLabels, roles, type Role } from '../auth/roles.js';
import { createUser, findUserById, listUsers, setPassword, updateUser, type UserRecord } from '../auth/users.js';
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';
import { inputParser, type FieldProblem } from '../web/input.js';
import type { RouteSpec } from '../web/routing.js';

const AUDIT_PAGE = 200;

interface UserForm {
  email?: string;
  displayName: string;
  password?: string;
  role: Role;
  states?: string | string[];
  active?: string;
  _csrf?: string;
}

const fieldMessages = {
  email: 'Enter a valid email address.',
  displayName: 'Enter a name of 1 to 120 characters.',
  password: `Enter a password of ${PASSWORD_MIN} to ${PASSWORD_MAX} characters.`,
  role: 'Choose a role.',
  states: 'Choose states from the list.',
  active: 'Tick the box or leave it empty.',
  _csrf: '',
};

const stateCode = { type: 'string', pattern: '^[A-Z][A-Z0-9]$' };
const commonFields = {
  displayName: { type: 'string', minLength: 1, maxLength: 120, pattern: '\\S' },
  role: { enum: [...roles] },
  states: { anyOf: [stateCode, { type: 'array', items: stateCode, maxItems: 60 }] },
  _csrf: { type: 'string' },
};
const parseNewUser = inputParser<UserForm>(
  {
    type: 'object',
    required: ['email', 'displayName', 'password', 'role'],
    properties: {
      ...commonFields,
      email: { type: 'string', maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' },
      password: { type: 'string', minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX },
    },
  },
  fieldMessages,
);
const parseUserChanges = inputParser<UserForm>(
  {
    type: 'object',
    required: ['displayName', 'role'],
    properties: {
      ...commonFields,
      active: { const: 'on' },
      // Left empty, the password stays as it is.
      password: { anyOf: [{ const: '' }, { type: 'string', minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX }] },
    },
  },
  fieldMessages,
);

const asList = (states: string | string[] | undefined): string[] => (states === undefined ? [] : Array.isArray(states) ? states : [states]);

async function renderForm(store: Store, res: Response, view: { user?: UserRecord; values: Record<string, unknown>; problems?: FieldProblem[]; status?: number }) {
  const chosen = new Set(asList(view.values.states as string | string[] | undefined));
  const states = (await listStates(store, { includeSamples: true })).map((s) => ({ code: s.code, name: s.name, isSample: s.isSample, selected: chosen.has(s.code) }));
  res.status(view.status ?? 200).render('pages/admin/user-form', {
    title: view.user ? `Edit ${view.user.displayName}` : 'New user',
    editing: view.user,
    values: view.values,
    roles: roles.map((r) => ({ value: r, label: roleLabels[r], selected: view.values.role === r })),
    states,
    problems: view.problems,
    problemFor: Object.fromEntries((view.problems ?? []).map((p) => [p.field, p.message])),
  });
}

function domainProblem(error: unknown): FieldProblem[] | null {
  if (error instanceof AppError && (error.status === 422 || error.code === 'EMAIL_TAKEN')) {
    const field = error.details.field;
    return [{ field: typeof field === 'string' ? field : '', message: error.message }];
  }
  return null;
}

async function loadUser(store: Store, req: Request): Promise<UserRecord> {
  const id = Number(req.params.userId);
  const user = Number.isInteger(id) ? await findUserById(store, id) : null;
  if (!user) throw new AppError('NOT_FOUND', 404, 'There is no such user.');
  return user;
}

export function adminRoutes(store: Store): RouteSpec[] {
  const admin = ['administrator'] as const;
  return [
    {
      method: 'get',
      path: '/admin/users',
      access: admin,
      async handle(_req, res) {
        const users = (await listUsers(store)).map((u) => ({ ...u, roleLabel: roleLabels[u.role] }));
        res.render('pages/admin/users', { title: 'Users', users });
      },
    },
    {
      method: 'get',
      path: '/admin/users/new',
      access: admin,
      handle: (_req, res) => renderForm(store, res, { values: { role: 'consultant' } }),
    },
    {
      method: 'post',
      path: '/admin/users',
      access: admin,
      async handle(req, res) {
        const values = req.body as Record<string, unknown>;
        const parsed = parseNewUser(values);
        if (!parsed.ok) return renderForm(store, res, { values, problems: parsed.problems, status: 422 });
        const form = parsed.value;
        try {
          const user = await store.transaction(async (tx) => {
            const created = await createUser(tx, { email: form.email!, displayName: form.displayName.trim(), password: form.password!, role: form.role, states: asList(form.states) });
            await recordAudit(tx, req, { action: 'user.create', entityType: 'user', entityId: created.id, details: { email: created.email, role: created.role, states: created.states } });
            return created;
          });
          req.session.notice = `${user.displayName} can now sign in as ${roleLabels[user.role].toLowerCase()}.`;
          res.redirect(303, '/admin/users');
        } catch (error) {
          const problems = domainProblem(error);
          if (!problems) throw error;
          return renderForm(store, res, { values, problems, status: 422 });
        }
      },
    },
    {
      method: 'get',
      path: '/admin/users/:userId',
      access: admin,
      async handle(req, res) {
        const user = await loadUser(store, req);
        await renderForm(store, res, { user, values: { displayName: user.displayName, role: user.role, states: user.states, active: user.active ? 'on' : undefined } });
      },
    },
    {
      method: 'post',
      path: '/admin/users/:userId',
      access: admin,
      async handle(req, res) {
        const user = await loadUser(store, req);
        const values = req.body as Record<string, unknown>;
        const parsed = parseUserChanges(values);
        if (!parsed.ok) return renderForm(store, res, { user, values, problems: parsed.problems, status: 422 });
        const form = parsed.value;
        if (user.id === req.user!.id && (form.role !== 'administrator' || form.active !== 'on')) {
          return renderForm(store, res, { user, values, status: 422, problems: [{ field: 'role', message: 'You cannot remove your own administrator role or deactivate yourself.' }] });
        }
        try {
          await store.transaction(async (tx) => {
            const changed = await updateUser(tx, user.id, { displayName: form.displayName.trim(), role: form.role, states: asList(form.states), active: form.active === 'on' });
            if (form.password) await setPassword(tx, user.id, form.password);
            await recordAudit(tx, req, {
              action: 'user.update',
              entityType: 'user',
              entityId: user.id,
              details: {
                before: { displayName: user.displayName, role: user.role, states: user.states, active: user.active },
                after: { displayName: changed.displayName, role: changed.role, states: changed.states, active: changed.active },
                passwordChanged: Boolean(form.password),
              },
            });
          });
        } catch (error) {
          const problems = domainProblem(error);
          if (!problems) throw error;
          return renderForm(store, res, { user, values, problems, status: 422 });
        }
        res.redirect(303, '/admin/users');
      },
    },
    {
      method: 'get',
      path: '/admin/audit',
      access: admin,
      async handle(_req, res) {
        const entries = (await recentAudit(store, AUDIT_PAGE)).map((e) => ({ ...e, at: e.at.toISOString().replace('T', ' ').slice(0, 19), details: JSON.stringify(e.details) }));
        res.render('pages/admin/audit', { title: 'Audit log', entries, limit: AUDIT_PAGE });
      },
    },
  ];
}

import type { Queryable } from '../store/index.js';
import { AppError } from '../errors.js';
import { hashPassword } from './passwords.js';
import type { Role, User } from './roles.js';

export interface UserRecord extends User {
  passwordHash: string;
  createdAt: string;
}

export interface NewUser {
  email: string;
  displayName: string;
  password: string;
  role: Role;
  states: string[];
}

export interface UserChanges {
  displayName: string;
  role: Role;
  states: string[];
  active: boolean;
}

interface UserRow {
  id: number;
  email: string;
  display_name: string;
  password_hash: string;
  role: Role;
  focal_state: string | null;
  active: boolean;
  created_at: Date;
  states: string[] | null;
}

const SELECT_USERS = `
  SELECT u.*, (SELECT array_agg(s.state_code ORDER BY s.state_code) FROM user_states s WHERE s.user_id = u.id) AS states
  FROM users u`;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRecord | null> {
  const rows = await db.query<UserRow>(`${SELECT_USERS} WHERE u.email = $1`, [normaliseEmail(email)]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function findUserById(db: Queryable, id: number): Promise<UserRecord | null> {
  const rows = await db.query<UserRow>(`${SELECT_USERS} WHERE u.id = $1`, [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function listUsers(db: Queryable): Promise<UserRecord[]> {
  const rows = await db.query<UserRow>(`${SELECT_USERS} ORDER BY u.active DESC, u.display_name`);
  return rows.map(toUser);
}

export async function countUsers(db: Queryable): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return rows[0]?.n ?? 0;
}

/** Only consultants have several states and only focal points have one; the others have none. */
function checkStates(role: Role, states: string[]): void {
  if (role === 'focal_point' && states.length !== 1) {
    throw new AppError('FOCAL_POINT_STATE', 422, 'A focal point must be bound to exactly one state.', { field: 'states' });
  }
  if ((role === 'administrator' || role === 'programme_manager') && states.length > 0) {
    throw new AppError('ROLE_HAS_NO_STATES', 422, 'Administrators and programme managers are not assigned to states.', { field: 'states' });
  }
}

export async function createUser(db: Queryable, user: NewUser): Promise<UserRecord> {
  checkStates(user.role, user.states);
  const email = normaliseEmail(user.email);
  if ((await findUserByEmail(db, email)) !== null) {
    throw new AppError('EMAIL_TAKEN', 409, `There is already an account with the email ${email}.`, { field: 'email' });
  }
  const passwordHash = await hashPassword(user.password);
  const rows = await db.query<{ id: number }>(
    `INSERT INTO users (email, display_name, password_hash, role, focal_state) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [email, user.displayName, passwordHash, user.role, user.role === 'focal_point' ? user.states[0] : null],
  );
  const id = rows[0]!.id;
  await writeAssignments(db, id, user.role, user.states);
  return (await findUserById(db, id))!;
}

export async function updateUser(db: Queryable, id: number, changes: UserChanges): Promise<UserRecord> {
  checkStates(changes.role, changes.states);
  const rows = await db.query(
    `UPDATE users SET display_name = $2, role = $3, focal_state = $4, active = $5, updated_at = now() WHERE id = $1 RETURNING id`,
    [id, changes.displayName, changes.role, changes.role === 'focal_point' ? changes.states[0] : null, changes.active],
  );
  if (rows.length === 0) throw new AppError('NOT_FOUND', 404, 'There is no such user.');
  await writeAssignments(db, id, changes.role, changes.states);
  return (await findUserById(db, id))!;
}

export async function setPassword(db: Queryable, id: number, password: string): Promise<void> {
  await db.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [id, await hashPassword(password)]);
}

async function writeAssignments(db: Queryable, userId: number, role: Role, states: string[]): Promise<void> {
  await db.query('DELETE FROM user_states WHERE user_id = $1', [userId]);
  if (role !== 'consultant') return;
  for (const code of states) await db.query('INSERT INTO user_states (user_id, state_code) VALUES ($1, $2)', [userId, code]);
}

function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    states: row.role === 'focal_point' && row.focal_state ? [row.focal_state] : (row.states ?? []),
    active: row.active,
    passwordHash: row.password_hash,
    createdAt: row.created_at.toISOString(),
  };
}

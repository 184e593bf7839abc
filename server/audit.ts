import type { Request } from 'express';
import type { Queryable } from './store/index.js';

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  details?: Record<string, unknown>;
}

/** Records who changed what, when and from where; call it inside the transaction of the change. */
export async function recordAudit(db: Queryable, req: Request, event: AuditEvent): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (user_id, action, entity_type, entity_id, details, ip, request_id) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
    [
      req.user?.id ?? null,
      event.action,
      event.entityType,
      event.entityId === undefined || event.entityId === null ? null : String(event.entityId),
      JSON.stringify(event.details ?? {}),
      req.ip ?? null,
      req.id as string,
    ],
  );
}

/** For commands run outside a request (the command line): no user, no address. */
export async function recordAuditWithoutRequest(db: Queryable, event: AuditEvent): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (action, entity_type, entity_id, details) VALUES ($1, $2, $3, $4::jsonb)`,
    [event.action, event.entityType, event.entityId === undefined || event.entityId === null ? null : String(event.entityId), JSON.stringify(event.details ?? {})],
  );
}

export interface AuditEntry {
  at: Date;
  userName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown>;
  ip: string | null;
}

export async function recentAudit(db: Queryable, limit: number): Promise<AuditEntry[]> {
  const rows = await db.query<{
    at: Date; user_name: string | null; action: string; entity_type: string; entity_id: string | null; details: Record<string, unknown>; ip: string | null;
  }>(
    `SELECT a.at, u.display_name AS user_name, a.action, a.entity_type, a.entity_id, a.details, a.ip
     FROM audit_log a LEFT JOIN users u ON u.id = a.user_id ORDER BY a.id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({ at: r.at, userName: r.user_name, action: r.action, entityType: r.entity_type, entityId: r.entity_id, details: r.details, ip: r.ip }));
}

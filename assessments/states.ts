import type { Queryable } from '../server/store/index.js';

/** ISO 3166-1 alpha-2 code of a member state (or a user-assigned X* code for a fictional SAMPLE state). */
export type StateCode = string;
export type ProtocolStatus = 'party' | 'not_party' | 'unknown';
export type Confidence = 'source' | 'knowledge' | 'uncertain';

export interface State {
  code: StateCode;
  name: string;
  subregion: string;
  subregionName: string;
  kind: 'state' | 'territory';
  parentCode: StateCode | null;
  baliProcessMember: boolean;
  protocol: {
    status: ProtocolStatus;
    action: string | null;
    date: string | null;
    note: string | null;
    source: string;
    confidence: Confidence;
    asOf: string;
  };
  isSample: boolean;
}

interface StateRow {
  code: string;
  name: string;
  subregion: string;
  subregion_name: string;
  kind: 'state' | 'territory';
  parent_code: string | null;
  bali_process_member: boolean;
  protocol_status: ProtocolStatus;
  protocol_action: string | null;
  protocol_date: string | null;
  protocol_note: string | null;
  protocol_source: string;
  protocol_confidence: Confidence;
  status_as_of: string;
  is_sample: boolean;
}

const SELECT_STATES = `
  SELECT s.*, r.name AS subregion_name
  FROM states s JOIN subregions r ON r.id = s.subregion`;

export async function listStates(db: Queryable, options: { includeSamples: boolean }): Promise<State[]> {
  const rows = await db.query<StateRow>(
    `${SELECT_STATES} WHERE s.is_sample = false OR $1 ORDER BY r.sort_order, s.name`,
    [options.includeSamples],
  );
  return rows.map(toState);
}

export async function findState(db: Queryable, code: StateCode): Promise<State | null> {
  const rows = await db.query<StateRow>(`${SELECT_STATES} WHERE s.code = $1`, [code]);
  return rows[0] ? toState(rows[0]) : null;
}

function toState(row: StateRow): State {
  return {
    code: row.code,
    name: row.name,
    subregion: row.subregion,
    subregionName: row.subregion_name,
    kind: row.kind,
    parentCode: row.parent_code,
    baliProcessMember: row.bali_process_member,
    protocol: {
      status: row.protocol_status,
      action: row.protocol_action,
      date: row.protocol_date,
      note: row.protocol_note,
      source: row.protocol_source,
      confidence: row.protocol_confidence,
      asOf: row.status_as_of,
    },
    isSample: row.is_sample,
  };
}

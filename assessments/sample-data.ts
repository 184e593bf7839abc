import type { Queryable } from '../server/store/index.js';

/**
 * Fictional states for demonstrations and tests. Their codes are in the ISO 3166 user-assigned
 * range (X*), so they can never collide with a real state, and every one is flagged is_sample so
 * each page and report that shows them is marked SAMPLE.
 */
export const sampleStates = [
  { code: 'XA', name: 'Azuria', subregion: 'south-east-asia' },
  { code: 'XB', name: 'Borealis', subregion: 'south-east-asia' },
  { code: 'XC', name: 'Coralia', subregion: 'pacific' },
  { code: 'XD', name: 'Dunmore', subregion: 'pacific' },
  { code: 'XE', name: 'Estrela', subregion: 'south-asia' },
  { code: 'XF', name: 'Fernhold', subregion: 'east-asia' },
] as const;

export const sampleRound = { slug: 'sample-2025', title: 'SAMPLE round 2025', startsOn: '2025-01-01' } as const;

/** Loads the sample states and round; loading twice changes nothing. */
export async function loadSampleData(db: Queryable): Promise<{ states: number; rounds: number }> {
  let states = 0;
  for (const s of sampleStates) {
    const rows = await db.query(
      `INSERT INTO states (code, name, subregion, kind, bali_process_member, protocol_status, protocol_action,
         protocol_date, protocol_note, protocol_source, protocol_confidence, status_as_of, is_sample)
       VALUES ($1, $2, $3, 'state', false, 'party', 'accession', '2010', 'Fictional state for demonstration.',
         'SAMPLE data: not a real state', 'source', '2025-01-01', true)
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [s.code, s.name, s.subregion],
    );
    states += rows.length;
  }
  const rounds = await db.query(
    `INSERT INTO rounds (slug, title, starts_on, is_sample) VALUES ($1, $2, $3, true)
     ON CONFLICT (slug) DO NOTHING RETURNING id`,
    [sampleRound.slug, sampleRound.title, sampleRound.startsOn],
  );
  return { states, rounds: rounds.length };
}

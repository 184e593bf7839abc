import type { Answer, CompiledRubric, Indicator } from '../rubric/index.js';
import type { Queryable } from '../server/store/index.js';
import { registerRubric } from './rubrics.js';

/**
 * Fictional states for demonstrations, tests and benchmarks: as many as the Bali Process has
 * members (45), spread over its sub-regions. Their codes are user-assigned (X*, QM-QZ), so they
 * can never collide with a real state, and every one is flagged is_sample so each page and report
 * that shows them is marked SAMPLE.
 */
const NAMES = [
  'Azuria', 'Borealis', 'Coralia', 'Dunmore', 'Estrela', 'Fernhold', 'Galvania', 'Halcyra', 'Istmoria', 'Jadeport',
  'Kestrel Isles', 'Lunavia', 'Marindor', 'Norvale', 'Oriana', 'Pelagia', 'Quillon', 'Rosmera', 'Saltria', 'Tamberlin',
  'Umbria Nova', 'Valdoria', 'Westerly', 'Xanthe', 'Yarrowmere', 'Zephyria', 'Amberlea', 'Brightwater', 'Cindervale',
  'Driftmoor', 'Emberline', 'Frostmark', 'Glimmerstone', 'Harbourne', 'Ivorra', 'Junipera', 'Kelpford', 'Lanternis',
  'Mistral Bay', 'Nettlecombe', 'Opaline', 'Pinecrest', 'Quartzholm', 'Rainmere', 'Sundara',
] as const;
const CODES = [
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((c) => `X${c}`),
  ...'0123456789'.split('').map((c) => `X${c}`),
  ...'MNOPQRSTUVWXYZ'.split('').map((c) => `Q${c}`),
];
const SUBREGIONS = ['south-east-asia', 'pacific', 'south-asia', 'east-asia', 'west-asia', 'south-east-asia', 'pacific', 'south-asia'] as const;

export const sampleStates = NAMES.map((name, i) => ({ code: CODES[i]!, name, subregion: SUBREGIONS[i % SUBREGIONS.length]! }));

export const sampleRounds = [
  { slug: 'sample-2023', title: 'SAMPLE round 2023', startsOn: '2023-01-01' },
  { slug: 'sample-2024', title: 'SAMPLE round 2024', startsOn: '2024-01-01' },
  { slug: 'sample-2025', title: 'SAMPLE round 2025', startsOn: '2025-01-01' },
] as const;

/** The latest SAMPLE round, the one the demo opens on. */
export const sampleRound = sampleRounds[2];

/** A small, seeded generator (mulberry32): the same SAMPLE data (and benchmark data) on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Excerpts in the languages of the region, so reports show their scripts (fictional text). */
const EXCERPTS: readonly { language: string; text: string }[] = [
  { language: 'en', text: 'A person who recruits, transports, transfers, harbours or receives another person by means of threat, force, deception or abuse of a position of vulnerability, for the purpose of exploitation, commits the offence of trafficking in persons.' },
  { language: 'en', text: 'A victim of trafficking in persons shall not be held criminally or administratively liable for offences committed as a direct consequence of having been trafficked, including offences committed while compelled to work in online fraud operations.' },
  { language: 'th', text: 'ผู้ใดจัดหา ลำเลียง ส่งต่อ หน่วงเหนี่ยว หรือรับไว้ซึ่งบุคคลใด โดยข่มขู่ ใช้กำลังบังคับ หรือหลอกลวง เพื่อแสวงหาประโยชน์โดยมิชอบ ผู้นั้นกระทำความผิดฐานค้ามนุษย์' },
  { language: 'km', text: 'ជនណាដែលជ្រើសរើស ដឹកជញ្ជូន ឬទទួលយកបុគ្គលណាម្នាក់ ដោយការគំរាមកំហែង ឬការបោកប្រាស់ ក្នុងគោលបំណងកេងប្រវ័ញ្ច ត្រូវផ្តន្ទាទោស។' },
  { language: 'id', text: 'Setiap orang yang melakukan perekrutan, pengangkutan, penampungan, pengiriman, pemindahan, atau penerimaan seseorang dengan ancaman kekerasan untuk tujuan mengeksploitasi orang tersebut dipidana.' },
  { language: 'vi', text: 'Người nào mua bán người, tuyển mộ, vận chuyển, chuyển giao người khác bằng thủ đoạn lừa gạt hoặc cưỡng ép nhằm mục đích bóc lột thì bị phạt tù.' },
];

interface Profile {
  /** 0-1: how far the state's law goes in this round. */
  level: number;
  rnd: () => number;
  code: string;
  name: string;
  year: number;
}

function citation(p: Profile, indicator: Indicator, n: number) {
  const excerpt = EXCERPTS[(n + p.code.charCodeAt(1)) % EXCERPTS.length]!;
  return {
    instrument: `${p.name} Anti-Trafficking in Persons Act (SAMPLE)`,
    provision: `s. ${3 + (n % 40)}`,
    year: p.year,
    url: `https://legislation.example.org/${p.code.toLowerCase()}/atip-${p.year}#${indicator.id.toLowerCase()}`,
    excerpt: excerpt.text,
    language: excerpt.language,
  };
}

function valueFor(indicator: Indicator, p: Profile): Answer['value'] | undefined {
  const chance = () => p.rnd() < p.level;
  switch (indicator.questionType) {
    case 'elements':
      return (indicator.elements ?? []).filter(chance).map((e) => e.id);
    case 'level':
      return Math.max(0, Math.min(3, Math.round(p.level * 3 + (p.rnd() - 0.5) * 1.5)));
    case 'yesno':
      return chance();
    case 'years':
      return p.rnd() < 0.1 * p.level ? 'life' : Math.round(1 + p.level * 14 * (0.6 + p.rnd() * 0.6));
    case 'text':
      return `${p.name} (SAMPLE): the anti-trafficking framework rests on the ${p.year} Act and its regulations.`;
  }
}

/** A plausible, valid answer to every indicator for a state at `profile.level`. */
export function sampleAnswers(rubric: CompiledRubric, profile: Profile): Record<string, Answer> {
  const answers: Record<string, Answer> = {};
  rubric.indicators.forEach((indicator, n) => {
    const roll = profile.rnd();
    if (roll < 0.04) {
      answers[indicator.id] = { status: 'unknown', notes: 'SAMPLE: the consultant could not find the implementing regulation.' };
      return;
    }
    if (roll < 0.06 && indicator.obligation !== 'mandatory') {
      answers[indicator.id] = { status: 'not_applicable', naReason: 'not_relevant', justification: 'SAMPLE: no such institution exists in this legal system.' };
      return;
    }
    const value = valueFor(indicator, profile);
    const answer: Answer = { status: 'answered', value: value! };
    const positive = value === true || (typeof value === 'number' && value > 0) || value === 'life' || (Array.isArray(value) && value.length > 0);
    if (positive && profile.rnd() < 0.85) answer.citations = [citation(profile, indicator, n)];
    if (profile.rnd() < 0.15) answer.notes = 'SAMPLE: confirmed with the Ministry of Justice.';
    answers[indicator.id] = answer;
  });
  return answers;
}

/**
 * Loads the SAMPLE states, three rounds and one assessment per state and round with generated,
 * valid answers; states improve from round to round. Loading twice changes nothing.
 */
export async function loadSampleData(db: Queryable, rubric: CompiledRubric): Promise<{ states: number; rounds: number; assessments: number }> {
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
  await registerRubric(db, rubric);
  let rounds = 0;
  let assessments = 0;
  let previous: number | null = null;
  for (const [r, round] of sampleRounds.entries()) {
    const inserted: { id: number }[] = await db.query<{ id: number }>(
      `INSERT INTO rounds (slug, title, starts_on, is_sample, previous_round_id) VALUES ($1, $2, $3, true, $4)
       ON CONFLICT (slug) DO NOTHING RETURNING id`,
      [round.slug, round.title, round.startsOn, previous],
    );
    rounds += inserted.length;
    const roundId: number = inserted[0]?.id ?? (await db.query<{ id: number }>('SELECT id FROM rounds WHERE slug = $1', [round.slug]))[0]!.id;
    previous = roundId;
    const latest = r === sampleRounds.length - 1;
    for (const [i, s] of sampleStates.entries()) {
      const status = !latest ? 'approved' : (['approved', 'submitted', 'draft', 'approved', 'changes_requested'] as const)[i % 5]!;
      const created = await db.query<{ id: number }>(
        `INSERT INTO assessments (state_code, round_id, rubric_key, status) VALUES ($1, $2, $3, $4)
         ON CONFLICT (state_code, round_id) DO NOTHING RETURNING id`,
        [s.code, roundId, rubric.key, status],
      );
      if (!created[0]) continue;
      assessments += 1;
      const rnd = random(i * 7919 + r * 104729 + 17);
      const base = 0.25 + ((i * 37) % 60) / 100;
      const profile: Profile = { level: Math.min(0.97, base + r * 0.06), rnd, code: s.code, name: s.name, year: 2012 + ((i * 3) % 12) };
      await db.query(
        `INSERT INTO answers (assessment_id, indicator_id, document)
         SELECT $1, key, value FROM jsonb_each($2::jsonb)`,
        [created[0].id, JSON.stringify(sampleAnswers(rubric, profile))],
      );
    }
  }
  return { states, rounds, assessments };
}

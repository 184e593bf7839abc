import type { Answer, CompiledRubric, Indicator } from '../rubric/index.js';
import { loadDefaultRubric } from '../rubric/index.js';
import type { Comparison, StateRef } from '../scoring/index.js';
import { changeBetweenRounds, compareStates, scoreAssessment } from '../scoring/index.js';
import { figure, median, type Figure } from './measure.js';
import { random } from '../assessments/sample-data.js';

const SIZES = [
  { states: 45, rounds: 3 },
  { states: 500, rounds: 5 },
] as const;
const REPEATS = 7;
const SUBREGIONS = ['east-asia', 'pacific', 'south-asia', 'south-east-asia', 'west-asia'];

type Answers = Record<string, Answer>;


function valueOf(indicator: Indicator, next: () => number): Answer['value'] {
  switch (indicator.questionType) {
    case 'elements':
      return (indicator.elements ?? []).filter(() => next() < 0.7).map((e) => e.id);
    case 'level':
      return Math.floor(next() * 4);
    case 'yesno':
      return next() < 0.6;
    case 'years':
      return next() < 0.1 ? 'life' : Math.round(next() * 20);
    case 'text':
      return 'Penal Code (SAMPLE) 1960, as amended 2019.';
  }
}

/** Every indicator answered, each with one citation: the heaviest assessment scoring meets. */
function fullyAnswered(rubric: CompiledRubric, next: () => number): Answers {
  const citations = [{ instrument: 'Anti-Trafficking Act (SAMPLE)', provision: 's. 3', excerpt: '...' }];
  return Object.fromEntries(rubric.indicators.map((i) => [i.id, { status: 'answered', value: valueOf(i, next), citations }]));
}

function scoreAndCompare(rubric: CompiledRubric, states: readonly StateRef[], rounds: readonly Answers[][]): void {
  let previous: Comparison | null = null;
  rounds.forEach((round, r) => {
    const comparison = compareStates(round.map((answers, s) => ({ state: states[s]!, round: `R${r}`, card: scoreAssessment(rubric, answers) })));
    if (previous) changeBetweenRounds(previous, comparison);
    previous = comparison;
  });
}

/** The simplest pass over the same data: read every answer value once. */
function readEveryValue(rubric: CompiledRubric, rounds: readonly Answers[][]): number {
  let read = 0;
  for (const round of rounds) for (const answers of round) for (const i of rubric.indicators) if (answers[i.id]?.value !== undefined) read++;
  return read;
}

/** Milliseconds taken by one run of `work`. */
function timed(work: () => unknown): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Scoring and comparing fully answered assessments of the default rubric (every state scored,
 * compared per round, and each round set against the previous one), at 45 states × 3 rounds and
 * 500 states × 5 rounds, in microseconds per assessment; against a bare loop reading every answer
 * value of the same assessments. Linear growth shows as a per-assessment cost that stays level.
 * Each repeat times every size and its baseline back to back, so a busy machine weighs on all alike.
 */
export async function run(): Promise<Figure[]> {
  const rubric = await loadDefaultRubric();
  const next = random(2024);
  const sizes = SIZES.map(({ states, rounds }) => ({
    name: `${states} states × ${rounds} rounds`,
    count: states * rounds,
    refs: Array.from({ length: states }, (_, s): StateRef => ({ code: `S${String(s).padStart(3, '0')}`, name: `State ${s}`, subregion: SUBREGIONS[s % SUBREGIONS.length]! })),
    data: Array.from({ length: rounds }, () => Array.from({ length: states }, () => fullyAnswered(rubric, next))),
    ours: [] as number[],
    bare: [] as number[],
  }));
  for (let n = -1; n < REPEATS; n++) {
    for (const size of sizes) {
      const ours = timed(() => scoreAndCompare(rubric, size.refs, size.data));
      const bare = timed(() => readEveryValue(rubric, size.data));
      if (n < 0) continue; // warm-up
      size.ours.push((ours * 1000) / size.count);
      size.bare.push((bare * 1000) / size.count);
    }
  }
  const [small, large] = sizes as [(typeof sizes)[number], (typeof sizes)[number]];
  return [
    ...sizes.map((size) => figure(`score and compare, ${size.name} (µs per assessment; baseline = reading every answer value)`, median(size.ours), median(size.bare), 'µs')),
    figure(`growth: cost per assessment at ${large.name} against ${small.name} (ratio near 1 = linear)`, median(large.ours), median(small.ours), 'µs'),
  ];
}

import { expect } from 'chai';
import type { Comparison, StateCard, Statistics } from '../../scoring/index.js';
import { changeBetweenRounds, compareStates, rankStates, scoreAssessment } from '../../scoring/index.js';
import { answered, cardWith, fixtureAnswers, fixtureRubric, state } from './helpers.js';

/*
 * Round 2024, four states with scores and one (EE) with every indicator not applicable:
 *
 * | state | sub-region | TIP.5.1 | TIP.11.3 | UNTOC.20 (consider) | GP.nonpunishment (good practice) | overall |
 * | AA | pacific | 100 | 50 | 0 | 0 | 80 |
 * | BB | pacific | 60 | 100 | 0 | 100 | 70 |
 * | CC | south-east-asia | 40 | 100 | 50 | 100 | 80 |
 * | DD | south-east-asia | 20 | 0 | - | 100 | 60 |
 * | EE | south-asia | - | - | - | - | - |
 */
const obligations = { 'UNTOC.20': 'consider', 'GP.nonpunishment': 'good_practice' } as const;
function entry(code: string, subregion: string, overall: number | null, scores: (number | null)[], pillars: (number | null)[] = []): StateCard {
  // Provisions listed out of catalogue order on purpose: the comparison puts them in order.
  const [tip51, tip113, untoc20, gp] = scores;
  const [crim, coop] = pillars;
  return {
    state: state(code, subregion),
    round: '2024',
    card: cardWith({
      provisions: { 'GP.nonpunishment': gp ?? null, 'UNTOC.20': untoc20 ?? null, 'TIP.5.1': tip51 ?? null, 'TIP.11.3': tip113 ?? null },
      pillars: { criminalisation: crim ?? null, cooperation: coop ?? null },
      overall,
      goodPractice: gp ?? null,
      obligations,
    }),
  };
}
const round2024 = (): StateCard[] => [
  entry('DD', 'south-east-asia', 60, [20, 0, null, 100], [20, 0]),
  entry('BB', 'pacific', 70, [60, 100, 0, 100], [60, 100]),
  entry('EE', 'south-asia', null, [null, null, null, null]),
  entry('AA', 'pacific', 80, [100, 50, 0, 0], [100, 50]),
  entry('CC', 'south-east-asia', 80, [40, 100, 50, 100], [40, 100]),
];

const stats = (count: number, mean: number | null, median: number | null, min: number | null, max: number | null): Statistics => ({ count, mean, median, min, max });

describe('compareStates', () => {
  let comparison: Comparison;
  before(() => {
    comparison = compareStates(round2024());
  });
  const column = (name: string) => comparison.provisions.statistics.find((s) => s.column === name)!;

  it('lays out states × provisions in state-code and catalogue order, with null where a state has no score', () => {
    expect(comparison.provisions.columns).to.deep.equal(['TIP.5.1', 'TIP.11.3', 'UNTOC.20', 'GP.nonpunishment']);
    expect(comparison.provisions.rows.map((r) => [r.state.code, ...r.values])).to.deep.equal([
      ['AA', 100, 50, 0, 0],
      ['BB', 60, 100, 0, 100],
      ['CC', 40, 100, 50, 100],
      ['DD', 20, 0, null, 100],
      ['EE', null, null, null, null],
    ]);
  });

  it('lays out states × pillars and the two indices', () => {
    expect(comparison.pillars.columns).to.deep.equal(['criminalisation', 'cooperation']);
    expect(comparison.pillars.rows[3]!.values).to.deep.equal([20, 0]);
    expect(comparison.indices.columns).to.deep.equal(['overall', 'goodPractice']);
    expect(comparison.indices.rows.map((r) => r.values)).to.deep.equal([[80, 0], [70, 100], [80, 100], [60, 100], [null, null]]);
  });

  it('gives the median of an even count as the mean of the middle two', () => {
    // TIP.5.1: 20, 40, 60, 100 → median (40 + 60) / 2 = 50, mean 220 / 4 = 55.
    expect(column('TIP.5.1').region).to.deep.equal(stats(4, 55, 50, 20, 100));
  });

  it('gives the median of an odd count as the middle value', () => {
    // UNTOC.20: 0, 0, 50 → median 0, mean 50 / 3.
    const { region } = column('UNTOC.20');
    expect(region).to.deep.include({ count: 3, median: 0, min: 0, max: 50 });
    expect(region.mean).to.be.closeTo(50 / 3, 1e-9);
  });

  it('gives the statistics of each sub-region, in alphabetical order, none for a sub-region without scores', () => {
    expect(column('TIP.5.1').subregions).to.deep.equal([
      { subregion: 'pacific', statistics: stats(2, 80, 80, 60, 100) },
      { subregion: 'south-asia', statistics: stats(0, null, null, null, null) },
      { subregion: 'south-east-asia', statistics: stats(2, 30, 30, 20, 40) },
    ]);
  });

  it('gives pillar and index statistics the same way', () => {
    expect(comparison.pillars.statistics[1]!.region).to.deep.equal(stats(4, 62.5, 75, 0, 100));
    expect(comparison.indices.statistics[0]!.region).to.deep.equal(stats(4, 72.5, 75, 60, 80));
  });

  it('ranks by the overall index with standard competition ranking, states without a score last', () => {
    expect(comparison.ranking.map((r) => [r.state.code, r.score, r.rank])).to.deep.equal([
      ['AA', 80, 1],
      ['CC', 80, 1],
      ['BB', 70, 3],
      ['DD', 60, 4],
      ['EE', null, null],
    ]);
  });

  it('ranks 1, 2, 2, 4 and counts scores equal up to float noise as a tie', () => {
    const ranked = rankStates([
      { state: state('D', 'p'), score: 50 },
      { state: state('C', 'p'), score: 0.1 + 0.2 },
      { state: state('B', 'p'), score: 0.3 },
      { state: state('A', 'p'), score: 90 },
    ]);
    expect(ranked.map((r) => [r.state.code, r.rank])).to.deep.equal([['A', 1], ['D', 2], ['B', 3], ['C', 3]]);
    const fourth = rankStates([80, 70, 70, 60].map((score, i) => ({ state: state(`S${i}`, 'p'), score })));
    expect(fourth.map((r) => r.rank)).to.deep.equal([1, 2, 2, 4]);
  });

  it('lists the most common gaps: states short of full per provision, weighted by obligation', () => {
    // TIP.5.1 3 short × 3 = 9; UNTOC.20 3 × 2 = 6 (mean shortfall 250/3); TIP.11.3 2 × 3 = 6 (shortfall 75);
    // GP.nonpunishment 1 × 1 = 1, an opportunity.
    expect(comparison.commonGaps.map((g) => [g.provisionId, g.statesShort, g.statesScored, g.weighted, g.kind, g.states])).to.deep.equal([
      ['TIP.5.1', 3, 4, 9, 'gap', ['BB', 'CC', 'DD']],
      ['UNTOC.20', 3, 3, 6, 'gap', ['AA', 'BB', 'CC']],
      ['TIP.11.3', 2, 4, 6, 'gap', ['AA', 'DD']],
      ['GP.nonpunishment', 1, 4, 1, 'opportunity', ['AA']],
    ]);
    expect(comparison.commonGaps[0]!.meanShortfall).to.equal(60);
    expect(comparison.commonGaps[1]!.meanShortfall).to.be.closeTo(250 / 3, 1e-9);
  });

  it('says the round and that these are real states', () => {
    expect(comparison).to.include({ round: '2024', sample: false });
    expect(comparison.states.map((s) => s.code)).to.deep.equal(['AA', 'BB', 'CC', 'DD', 'EE']);
  });

  it('gives the same comparison whatever the order of the input', () => {
    expect(compareStates([...round2024()].reverse())).to.deep.equal(comparison);
  });

  it('refuses an empty list, mixed rounds, a state listed twice, and SAMPLE states mixed with real ones', () => {
    expect(() => compareStates([])).to.throw(/no score cards/);
    const [a, b] = round2024();
    expect(() => compareStates([a!, { ...b!, round: '2026' }])).to.throw(/rounds '2024' and '2026'/);
    expect(() => compareStates([a!, a!])).to.throw(/listed twice/);
    expect(() => compareStates([a!, { ...b!, state: { ...b!.state, sample: true } }])).to.throw(/SAMPLE/);
  });

  it('marks a comparison of SAMPLE states as sample', () => {
    const samples = round2024().map((e) => ({ ...e, state: { ...e.state, sample: true } }));
    expect(compareStates(samples).sample).to.equal(true);
  });

  it('compares real score cards: each cell is the card score', () => {
    const rubric = fixtureRubric();
    const strong = scoreAssessment(rubric, { ...fixtureAnswers(), 'C-OFFENCE': answered(3) });
    const weak = scoreAssessment(rubric, fixtureAnswers());
    const real = compareStates([
      { state: state('XB', 'pacific', true), round: 'sample', card: weak },
      { state: state('XA', 'pacific', true), round: 'sample', card: strong },
    ]);
    expect(real.provisions.columns).to.deep.equal(weak.provisions.map((p) => p.provisionId));
    expect(real.provisions.rows[1]!.values).to.deep.equal(weak.provisions.map((p) => p.score));
    expect(real.ranking.map((r) => [r.state.code, r.rank])).to.deep.equal([['XA', 1], ['XB', 2]]);
  });
});

describe('changeBetweenRounds', () => {
  /*
   * 2024 (rubric with UNTOC.20): AA 100/0 (overall 80), BB 60/0 (70), CC 40/50 (80).
   * 2026 (rubric with TIP.7 instead): BB 80/50 (75), CC 40/- (80), DD 20/100 (60).
   */
  const card = (code: string, round: string, overall: number, provisions: Record<string, number | null>): StateCard => ({
    state: state(code, 'pacific'),
    round,
    card: cardWith({ provisions, overall, obligations }),
  });
  const from = () =>
    compareStates([
      card('AA', '2024', 80, { 'TIP.5.1': 100, 'UNTOC.20': 0 }),
      card('BB', '2024', 70, { 'TIP.5.1': 60, 'UNTOC.20': 0 }),
      card('CC', '2024', 80, { 'TIP.5.1': 40, 'UNTOC.20': 50 }),
    ]);
  const to = () =>
    compareStates([
      card('BB', '2026', 75, { 'TIP.5.1': 80, 'TIP.7': 50 }),
      card('CC', '2026', 80, { 'TIP.5.1': 40, 'TIP.7': null }),
      card('DD', '2026', 60, { 'TIP.5.1': 20, 'TIP.7': 100 }),
    ]);

  it('gives the delta per state and provision', () => {
    const change = changeBetweenRounds(from(), to());
    expect(change).to.deep.include({ from: '2024', to: '2026' });
    const bb = change.states.find((s) => s.state.code === 'BB')!;
    expect(bb.presence).to.equal('both');
    expect(bb.overall).to.deep.equal({ from: 70, to: 75, delta: 5 });
    expect(bb.provisions).to.deep.equal([
      { provisionId: 'TIP.5.1', from: 60, to: 80, delta: 20 },
      { provisionId: 'TIP.7', from: null, to: 50, delta: null },
      { provisionId: 'UNTOC.20', from: 0, to: null, delta: null },
    ]);
    expect(change.states.find((s) => s.state.code === 'CC')!.provisions[0]).to.deep.equal({ provisionId: 'TIP.5.1', from: 40, to: 40, delta: 0 });
  });

  it('lists states and provisions present in only one round, with a null side and no delta', () => {
    const change = changeBetweenRounds(from(), to());
    expect(change.states.map((s) => [s.state.code, s.presence])).to.deep.equal([['AA', 'from_only'], ['BB', 'both'], ['CC', 'both'], ['DD', 'to_only']]);
    expect(change.provisionsOnlyIn).to.deep.equal({ from: ['UNTOC.20'], to: ['TIP.7'] });
    expect(change.states[0]!.overall).to.deep.equal({ from: 80, to: null, delta: null });
    expect(change.states[3]!.provisions[0]).to.deep.equal({ provisionId: 'TIP.5.1', from: null, to: 20, delta: null });
  });

  it('refuses to set a SAMPLE round against a real one', () => {
    const sample = compareStates([{ ...card('XA', 'sample', 50, { 'TIP.5.1': 50 }), state: state('XA', 'pacific', true) }]);
    expect(() => changeBetweenRounds(sample, to())).to.throw(/SAMPLE/);
  });
});

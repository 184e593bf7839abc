import { expect } from 'chai';
import type { CompiledRubric } from '../../rubric/index.js';
import type { ScoreCard } from '../../scoring/index.js';
import { OBLIGATION_FACTOR, scoreAssessment } from '../../scoring/index.js';
import { answered, fixtureAnswers, fixtureRubric, notApplicable, type Answers } from './helpers.js';

/*
 * Hand computation for test/fixtures/scoring (rubric.json, answers.json). Factors: mandatory 3,
 * consider 2, optional 1, good practice 1; "eff" is weight × factor.
 *
 * | indicator | type, obligation, weight | answer | score | eff | score × eff |
 * | C-OFFENCE | level, mandatory, 2 | 2 | 2/3 | 6 | 4 |
 * | C-MEANS | elements 1+1+2, mandatory, 1 | threat, vulnerability | 3/4 | 3 | 2.25 |
 * | C-FRAMEWORK | text | recorded | - | - | - |
 * | E-PENALTY | years (min 4), mandatory, 1 | 2 years | 2/4 | 3 | 1.5 |
 * | E-CHECKS | yesno, mandatory, 1 | no | 0 | 3 | 0 |
 * | E-SANCTIONS | yesno, mandatory, 1, asked if E-CHECKS = yes | (yes, left over) moot | 0 | 3 | 0 |
 * | E-TECHNIQUES | elements 1+1, consider, 2 | unknown | 0 | 4 | 0 |
 * | E-EXTRA | yesno, optional, 1 | not applicable | - | (1) | - |
 * | G-NONPUNISHMENT | yesno, good practice, 2 | yes | 1 | 2 | 2 |
 * | G-WORK | yesno, good practice, 1 (names TIP.7) | no answer | 0 | 1 | 0 |
 * | G-PLATFORMS | level, good practice, 1 | 1 | 1/3 | 1 | 1/3 |
 *
 * criminalisation = (4 + 2.25) / (6 + 3) = 6.25 / 9 = 69.444...
 * enforcement = 1.5 / (3 + 3 + 3 + 4) = 1.5 / 13 = 11.538...
 * good practice = (2 + 0 + 1/3) / (2 + 1 + 1) = 7/12 = 58.333...
 * overall (treaty) = (6.25 + 1.5) / (9 + 13) = 7.75 / 22 = 35.227...
 * completeness = every non-text eff (6+3+3+3+3+4+1+2+1+1 = 27) less unknown E-TECHNIQUES (4) and
 *   unanswered G-WORK (1) = 22 / 27 = 81.481...
 * evidence = positive findings C-OFFENCE 6 (cited), C-MEANS 3 (blank provision: not cited),
 *   E-PENALTY 3 (cited), G-NONPUNISHMENT 2 (cited), G-PLATFORMS 1 (none) = 11 / 15 = 73.333...
 * technology = E-TECHNIQUES 0 × 4 + G-PLATFORMS 1/3 × 1 over 5 = 6.666...
 * priorities = factor × weight × (1 − score): E-TECHNIQUES 2×2×1 = 4, E-CHECKS 3, E-SANCTIONS 3,
 *   C-OFFENCE 3×2×1/3 = 2, E-PENALTY 1.5, G-WORK 1, C-MEANS 3×1×1/4 = 0.75, G-PLATFORMS 2/3.
 */
describe('scoreAssessment on the hand-computed fixture', () => {
  let rubric: CompiledRubric;
  let card: ScoreCard;
  before(() => {
    rubric = fixtureRubric();
    card = scoreAssessment(rubric, fixtureAnswers());
  });
  const indicator = (id: string) => card.indicators.find((i) => i.indicatorId === id)!;
  const pillar = (id: string) => card.pillars.find((p) => p.pillarId === id)!;
  const provision = (id: string) => card.provisions.find((p) => p.provisionId === id);

  it('weighs each indicator by its weight times the factor of its obligation', () => {
    expect(OBLIGATION_FACTOR).to.deep.equal({ mandatory: 3, consider: 2, optional: 1, good_practice: 1 });
    expect(indicator('E-TECHNIQUES')).to.include({ weight: 2, factor: 2 });
  });

  it('scores a checklist as ticked weight over total weight, with its arithmetic', () => {
    expect(indicator('C-MEANS')).to.deep.include({
      treatment: 'scored',
      score: 0.75,
      finding: 'partial',
      arithmetic: { numerator: 3, denominator: 4, ticked: ['threat', 'vulnerability'] },
    });
  });

  it('scores a level out of 3, and years as the share of the threshold reached', () => {
    expect(indicator('C-OFFENCE').arithmetic).to.deep.equal({ numerator: 2, denominator: 3 });
    expect(indicator('E-PENALTY')).to.deep.include({ score: 0.5, finding: 'partial', arithmetic: { numerator: 2, denominator: 4 } });
  });

  it('gives each pillar the weighted mean of its indicators, with the parts that make it', () => {
    expect(pillar('criminalisation').score).to.be.closeTo((100 * 6.25) / 9, 1e-9);
    expect(pillar('criminalisation')).to.deep.include({ numerator: 6.25, denominator: 9 });
    expect(pillar('criminalisation').parts.map((p) => [p.indicatorId, p.weight, p.factor])).to.deep.equal([
      ['C-OFFENCE', 2, 3],
      ['C-MEANS', 1, 3],
    ]);
    expect(pillar('enforcement').score).to.be.closeTo((100 * 1.5) / 13, 1e-9);
    expect(pillar('good-practice').score).to.be.closeTo((100 * 7) / 12, 1e-9);
  });

  it('gives an optional provision credit when present and no gap when absent (PROVISIONS.md)', () => {
    const absent = scoreAssessment(rubric, { ...fixtureAnswers(), 'E-EXTRA': answered(false) });
    expect(absent.overall.score).to.be.closeTo((100 * 7.75) / 22, 1e-9);
    expect(absent.pillars.find((p) => p.pillarId === 'enforcement')!.score).to.be.closeTo((100 * 1.5) / 13, 1e-9);
    expect(absent.gaps.find((g) => g.indicatorId === 'E-EXTRA')?.kind).to.equal('opportunity');
    const present = scoreAssessment(rubric, { ...fixtureAnswers(), 'E-EXTRA': answered(true) });
    expect(present.overall.score).to.be.closeTo((100 * 7.75) / 22, 1e-9);
    // (2 + 0 + 1/3 + 1 × 1) / (2 + 1 + 1 + 1) = (10/3) / 5
    expect(present.goodPractice.score).to.be.closeTo((100 * 2) / 3, 1e-9);
    expect(present.provisions.find((p) => p.provisionId === 'UNTOC.15.2')!.score).to.equal(100);
  });

  it('keeps good practice out of the overall index and reports it apart', () => {
    expect(card.overall.score).to.be.closeTo((100 * 7.75) / 22, 1e-9);
    expect(card.overall.parts.map((p) => p.indicatorId)).to.not.include('G-NONPUNISHMENT');
    expect(card.goodPractice.score).to.be.closeTo((100 * 7) / 12, 1e-9);
    expect(card.pillars.map((p) => [p.pillarId, p.inOverall])).to.deep.equal([
      ['criminalisation', true],
      ['enforcement', true],
      ['good-practice', false],
    ]);
  });

  it('records a text answer without scoring it anywhere', () => {
    expect(indicator('C-FRAMEWORK')).to.deep.include({ treatment: 'recorded', score: null, finding: null });
    expect(provision('TIP.5.1')!.parts.map((p) => p.indicatorId)).to.deep.equal(['C-OFFENCE']);
    expect(card.completeness.parts.map((p) => p.indicatorId)).to.not.include('C-FRAMEWORK');
  });

  it('ignores not-applicable indicators in every denominator', () => {
    expect(indicator('E-EXTRA')).to.deep.include({ treatment: 'not_applicable', score: null, finding: null, missingInformation: false });
    expect(provision('UNTOC.15.2')).to.deep.include({ score: null, denominator: 0, parts: [] });
    expect(pillar('enforcement').parts.map((p) => p.indicatorId)).to.not.include('E-EXTRA');
  });

  it('scores unknown and unanswered indicators 0 and flags them as missing information', () => {
    expect(indicator('E-TECHNIQUES')).to.deep.include({ treatment: 'unknown', score: 0, finding: null, missingInformation: true });
    expect(indicator('G-WORK')).to.deep.include({ treatment: 'not_answered', score: 0, finding: null, missingInformation: true });
  });

  it('scores a follow-up ruled out by its trigger as absent, not missing, ignoring its left-over answer', () => {
    expect(indicator('E-SANCTIONS')).to.deep.include({ treatment: 'moot', decidedBy: 'E-CHECKS', score: 0, finding: 'absent', missingInformation: false });
    expect(provision('TIP.11.4')!.score).to.equal(0);
  });

  it('scores each provision from the indicators that test it, in catalogue order', () => {
    const expected: [string, number | null][] = [
      ['TIP.3.a.means', 75],
      ['TIP.5.1', (100 * 2) / 3],
      ['TIP.11.3', 0],
      ['TIP.11.4', 0],
      ['UNTOC.2.b', 50],
      ['UNTOC.15.2', null],
      ['UNTOC.20', 0],
      ['GP.nonpunishment', 100],
      ['GP.technology', 100 / 3],
    ];
    expect(card.provisions.map((p) => p.provisionId)).to.deep.equal(expected.map(([id]) => id));
    expected.forEach(([id, value], i) => {
      const actual = card.provisions[i]!.score;
      if (value === null) expect(actual, id).to.equal(null);
      else expect(actual, id).to.be.closeTo(value, 1e-9);
    });
  });

  it('never counts a good-practice indicator towards a treaty provision', () => {
    expect(provision('TIP.7')).to.equal(undefined);
    expect(pillar('good-practice').parts.map((p) => p.indicatorId)).to.include('G-WORK');
  });

  it('scores each RSO concern from the indicators tagged with it', () => {
    expect(card.concerns.technology.score).to.be.closeTo(100 / 3 / 5, 1e-9);
    expect(card.concerns['non-punishment'].score).to.equal(100);
    expect(card.concerns['forced-criminality']).to.deep.include({ score: null, parts: [] });
  });

  it('measures completeness as the share of weight answered, not applicable counting as answered', () => {
    expect(card.completeness).to.deep.include({ numerator: 22, denominator: 27 });
    expect(card.completeness.parts.find((p) => p.indicatorId === 'E-EXTRA')?.score).to.equal(1);
    expect(card.completeness.parts.find((p) => p.indicatorId === 'E-SANCTIONS')?.score).to.equal(1);
  });

  it('measures evidence as the share of positive findings backed by a citation with a provision or excerpt', () => {
    expect(card.evidence).to.deep.include({ numerator: 11, denominator: 15 });
    expect(card.evidence.parts.map((p) => [p.indicatorId, p.score])).to.deep.equal([
      ['C-OFFENCE', 1],
      ['C-MEANS', 0],
      ['E-PENALTY', 1],
      ['G-NONPUNISHMENT', 1],
      ['G-PLATFORMS', 0],
    ]);
  });

  it('ranks gaps by obligation factor × weight × size of the gap, ties in rubric order', () => {
    expect(card.gaps.map((g) => g.indicatorId)).to.deep.equal(['E-TECHNIQUES', 'E-CHECKS', 'E-SANCTIONS', 'C-OFFENCE', 'E-PENALTY', 'G-WORK', 'C-MEANS', 'G-PLATFORMS']);
    const priorities = card.gaps.map((g) => g.priority);
    [4, 3, 3, 2, 1.5, 1, 0.75, 2 / 3].forEach((expected, i) => expect(priorities[i]).to.be.closeTo(expected, 1e-9));
  });

  it("gives each gap the rubric's advice: the level's, partial or absent, and each missing element's", () => {
    const gap = (id: string) => card.gaps.find((g) => g.indicatorId === id)!;
    expect(gap('C-OFFENCE').recommendation).to.equal('Raise the offence from level 2.');
    expect(gap('E-PENALTY').recommendation).to.equal('Raise the maximum to four years.');
    expect(gap('E-CHECKS').recommendation).to.equal('Oblige carriers to check documents.');
    expect(gap('C-MEANS')).to.deep.include({ recommendation: 'Complete the means.', kind: 'gap' });
    expect(gap('C-MEANS').missingElements).to.deep.equal([{ id: 'fraud', label: 'Fraud', weight: 1, recommendation: 'Add fraud.' }]);
    expect(gap('E-SANCTIONS')).to.deep.include({ decidedBy: 'E-CHECKS', recommendation: 'Sanction carriers.', missingInformation: false });
  });

  it('flags a gap of missing information and gives the advice for an absent finding without guessing elements', () => {
    expect(card.gaps.find((g) => g.indicatorId === 'E-TECHNIQUES')).to.deep.include({
      missingInformation: true,
      finding: null,
      recommendation: 'Consider providing the techniques.',
      missingElements: [],
    });
  });

  it('reports good-practice and optional shortfalls as opportunities, never as gaps', () => {
    expect(card.gaps.filter((g) => g.kind === 'opportunity').map((g) => g.indicatorId)).to.deep.equal(['G-WORK', 'G-PLATFORMS']);
    const optional = scoreAssessment(rubric, { 'E-EXTRA': answered(false) }).gaps.find((g) => g.indicatorId === 'E-EXTRA');
    expect(optional).to.deep.include({ kind: 'opportunity', recommendation: 'Consider extraterritorial jurisdiction.' });
  });

  it('lists full findings on mandatory indicators as strengths', () => {
    expect(card.strengths).to.deep.equal([]);
    const strong = scoreAssessment(rubric, { ...fixtureAnswers(), 'C-OFFENCE': answered(3, [{ instrument: 'Act', provision: 's. 1' }]), 'E-PENALTY': answered('life') });
    expect(strong.strengths).to.deep.equal([
      { indicatorId: 'C-OFFENCE', pillar: 'criminalisation', provisions: ['TIP.5.1'], cited: true },
      { indicatorId: 'E-PENALTY', pillar: 'enforcement', provisions: ['UNTOC.2.b'], cited: false },
    ]);
  });

  it('names the rubric the card was scored against', () => {
    expect(card).to.include({ rubric: 'scoring-fixture@1.0.0', rubricHash: rubric.hash });
  });
});

describe('scoreAssessment rules', () => {
  let rubric: CompiledRubric;
  before(() => {
    rubric = fixtureRubric();
  });
  const score = (answers: Answers, id: string) => scoreAssessment(rubric, answers).indicators.find((i) => i.indicatorId === id)!;

  it('meets the years threshold at or above the minimum and with life imprisonment', () => {
    for (const value of [4, 10, 'life']) expect(score({ 'E-PENALTY': answered(value) }, 'E-PENALTY')).to.include({ score: 1, finding: 'full' });
    expect(score({ 'E-PENALTY': answered(1) }, 'E-PENALTY').score).to.equal(0.25);
    expect(score({ 'E-PENALTY': answered(0) }, 'E-PENALTY')).to.include({ score: 0, finding: 'absent' });
  });

  it('gives the partial advice under the threshold and the absent advice at 0 years', () => {
    const gap = (value: number) => scoreAssessment(rubric, { 'E-PENALTY': answered(value) }).gaps.find((g) => g.indicatorId === 'E-PENALTY')?.recommendation;
    expect(gap(3)).to.equal('Raise the maximum to four years.');
    expect(gap(0)).to.equal('Make trafficking punishable by imprisonment.');
  });

  it('scores yes as 1 and no as 0', () => {
    expect(score({ 'E-CHECKS': answered(true) }, 'E-CHECKS')).to.include({ score: 1, finding: 'full' });
    expect(score({ 'E-CHECKS': answered(false) }, 'E-CHECKS')).to.include({ score: 0, finding: 'absent' });
  });

  it('scores an asked follow-up from its own answer', () => {
    const answers = { 'E-CHECKS': answered(true), 'E-SANCTIONS': answered(true) };
    expect(score(answers, 'E-SANCTIONS')).to.include({ treatment: 'scored', score: 1 });
    expect(score(answers, 'E-SANCTIONS').decidedBy).to.equal(null);
  });

  it('leaves a follow-up not answered (0, missing) while its trigger is unknown or unanswered', () => {
    for (const trigger of [{ status: 'unknown' } as const, undefined]) {
      const answers: Answers = { 'E-SANCTIONS': answered(true), ...(trigger && { 'E-CHECKS': trigger }) };
      expect(score(answers, 'E-SANCTIONS')).to.deep.include({ treatment: 'not_answered', decidedBy: 'E-CHECKS', score: 0, missingInformation: true });
    }
  });

  it('makes a follow-up not applicable when its trigger is', () => {
    expect(score({ 'E-CHECKS': notApplicable, 'E-SANCTIONS': answered(false) }, 'E-SANCTIONS')).to.deep.include({ treatment: 'not_applicable', score: null });
  });

  it('keeps a follow-up marked not applicable (a reservation) not applicable whatever its trigger says', () => {
    for (const checks of [answered(false), answered(true), { status: 'unknown' } as const]) {
      expect(score({ 'E-CHECKS': checks, 'E-SANCTIONS': notApplicable }, 'E-SANCTIONS')).to.deep.include({ treatment: 'not_applicable', score: null });
    }
  });

  it('treats a value that does not fit the question as invalid: 0 and missing information, never a throw', () => {
    const answers = {
      'C-OFFENCE': answered(7),
      'C-MEANS': answered('threat'),
      'E-PENALTY': answered(-1),
      'E-CHECKS': answered('yes'),
      'G-PLATFORMS': { status: 'maybe' } as unknown as Answers[string],
    };
    for (const id of Object.keys(answers)) {
      expect(score(answers, id), id).to.deep.include({ treatment: 'invalid', score: 0, finding: null, missingInformation: true });
    }
  });

  it('counts an element once however often it is ticked, and ignores ids that are not elements', () => {
    expect(score({ 'C-MEANS': answered(['fraud', 'fraud', 'bribery']) }, 'C-MEANS').score).to.equal(0.25);
  });

  it('gives the absent advice and every element when nothing is ticked', () => {
    const gap = scoreAssessment(rubric, { 'C-MEANS': answered([]) }).gaps.find((g) => g.indicatorId === 'C-MEANS')!;
    expect(gap.recommendation).to.equal('Cover the means.');
    expect(gap.missingElements.map((e) => e.id)).to.deep.equal(['threat', 'fraud', 'vulnerability']);
  });

  it('scores an empty draft 0 everywhere, with nothing complete', () => {
    const card = scoreAssessment(rubric, {});
    expect(card.overall.score).to.equal(0);
    expect(card.completeness.score).to.equal(0);
    expect(card.evidence).to.deep.include({ score: null, parts: [] });
    expect(card.gaps.every((g) => g.missingInformation)).to.equal(true);
  });

  it('gives no score at all when every indicator is not applicable', () => {
    const all = Object.fromEntries(rubric.indicators.map((i) => [i.id, notApplicable]));
    const card = scoreAssessment(rubric, all);
    expect(card.overall.score).to.equal(null);
    expect(card.pillars.every((p) => p.score === null)).to.equal(true);
    expect(card.completeness.score).to.equal(100);
  });

  it('ignores answers to indicators the rubric does not have, and the order of the answers', () => {
    const answers = fixtureAnswers();
    const reversed = Object.fromEntries(Object.entries(answers).reverse());
    expect(scoreAssessment(rubric, { ...reversed, 'NOT-IN-RUBRIC': answered(true) })).to.deep.equal(scoreAssessment(rubric, answers));
  });
});

import { expect } from 'chai';
import fc from 'fast-check';
import type { Answer, CompiledRubric, Indicator } from '../../rubric/index.js';
import { loadDefaultRubric } from '../../rubric/index.js';
import type { ScoreCard, WeightedMean } from '../../scoring/index.js';
import { compareStates, scoreAssessment } from '../../scoring/index.js';
import { everyScore, fixtureRubric, notApplicable, state, type Answers } from './helpers.js';

type Maybe = Answer | undefined;
const cited = [{ instrument: 'Act (SAMPLE)', provision: 's. 1' }];

/** A valid answer value for the indicator's question type. */
function valueOf(indicator: Indicator): fc.Arbitrary<unknown> {
  switch (indicator.questionType) {
    case 'elements':
      return fc.subarray((indicator.elements ?? []).map((e) => e.id));
    case 'level':
      return fc.integer({ min: 0, max: 3 });
    case 'yesno':
      return fc.boolean();
    case 'years':
      return fc.oneof(fc.double({ min: 0, max: 40, noNaN: true }), fc.constant('life'));
    case 'text':
      return fc.string({ maxLength: 20 });
  }
}

/** A value at least as good as `base`. */
function betterValue(indicator: Indicator, base: unknown): fc.Arbitrary<unknown> {
  switch (indicator.questionType) {
    case 'elements':
      return fc.subarray((indicator.elements ?? []).map((e) => e.id)).map((more) => [...new Set([...(base as string[]), ...more])]);
    case 'level':
      return fc.integer({ min: base as number, max: 3 });
    case 'yesno':
      return base === true ? fc.constant(true) : fc.boolean();
    case 'years':
      return base === 'life' ? fc.constant('life') : fc.oneof(fc.double({ min: base as number, max: 60, noNaN: true }), fc.constant('life'));
    case 'text':
      return fc.string({ maxLength: 20 });
  }
}

/** Any answer a consultant can give, or none. */
function answerOf(indicator: Indicator): fc.Arbitrary<Maybe> {
  return fc.oneof(
    fc.constant(undefined),
    fc.constant<Answer>({ status: 'unknown' }),
    fc.constant(notApplicable),
    fc.tuple(valueOf(indicator), fc.boolean()).map(([value, withCitation]): Answer => ({
      status: 'answered',
      value: value as Answer['value'],
      ...(withCitation && { citations: cited }),
    })),
  );
}

/**
 * An answer and an improvement of it: more elements, a higher level, no → yes, more years,
 * unknown or unanswered → answered; or the same answer. Not applicable stays as it is.
 */
function improvementOf(indicator: Indicator): fc.Arbitrary<[Maybe, Maybe]> {
  return answerOf(indicator).chain((base): fc.Arbitrary<[Maybe, Maybe]> => {
    if (base?.status === 'not_applicable') return fc.constant([base, base]);
    if (base?.status === 'answered') {
      return betterValue(indicator, base.value).map((value) => [base, { ...base, value: value as Answer['value'] }]);
    }
    return fc.oneof(fc.constant(base), valueOf(indicator).map((value): Answer => ({ status: 'answered', value: value as Answer['value'] }))).map((better) => [base, better]);
  });
}

function answersOf(rubric: CompiledRubric): fc.Arbitrary<Answers> {
  return fc.record(Object.fromEntries(rubric.indicators.map((i) => [i.id, answerOf(i)]))).map(defined);
}

function defined(record: Record<string, Maybe>): Answers {
  return Object.fromEntries(Object.entries(record).filter((entry): entry is [string, Answer] => entry[1] !== undefined));
}

/** Anything at all where the answers should be, as an invalid draft could hold. */
function draftOf(rubric: CompiledRubric): fc.Arbitrary<Answers> {
  const junk = fc.record({ status: fc.constantFrom('answered', 'unknown', 'not_applicable', 'draft'), value: fc.anything(), citations: fc.anything() }, { requiredKeys: ['status'] });
  return fc.record(Object.fromEntries(rubric.indicators.map((i) => [i.id, fc.oneof(answerOf(i), junk as fc.Arbitrary<Maybe>)]))).map(defined);
}

function means(card: ScoreCard): WeightedMean[] {
  return [...card.provisions, ...card.pillars, card.overall, card.goodPractice, ...Object.values(card.concerns), card.completeness, card.evidence];
}

/** Indicators whose condition leads back to `id`, however indirectly. */
function followUpsOf(rubric: CompiledRubric, id: string): Set<string> {
  const found = new Set<string>([id]);
  for (const i of rubric.indicators) if (i.condition && found.has(i.condition.indicator)) found.add(i.id);
  return found;
}

const RUNS = { numRuns: 200 };

for (const [name, load] of [
  ['the default rubric', () => loadDefaultRubric()],
  ['the fixture rubric', () => Promise.resolve(fixtureRubric())],
] as const) {
  describe(`scoring properties on ${name}`, () => {
    let rubric: CompiledRubric;
    before(async () => {
      rubric = await load();
    });

    it('keeps every score within 0-100 (indicators 0-1), whatever a draft holds', () => {
      fc.assert(
        fc.property(draftOf(rubric), (answers) => {
          const card = scoreAssessment(rubric, answers);
          for (const m of means(card)) if (m.score !== null) expect(m.score).to.be.within(0, 100);
          for (const i of card.indicators) if (i.score !== null) expect(i.score).to.be.within(0, 1);
          for (const g of card.gaps) expect(g.priority).to.be.greaterThan(0);
        }),
        RUNS,
      );
    });

    it('never lowers any score when answers improve', () => {
      const pairs = fc.record(Object.fromEntries(rubric.indicators.map((i) => [i.id, improvementOf(i)])));
      fc.assert(
        fc.property(pairs, (record) => {
          const before = everyScore(scoreAssessment(rubric, defined(Object.fromEntries(Object.entries(record).map(([id, [a]]) => [id, a])))));
          const after = everyScore(scoreAssessment(rubric, defined(Object.fromEntries(Object.entries(record).map(([id, [, b]]) => [id, b])))));
          before.forEach(([where, was], k) => {
            const now = after[k]![1];
            if (was === null || now === null) expect(now, where).to.equal(was);
            else expect(now, where).to.be.at.least(was);
          });
        }),
        RUNS,
      );
    });

    it("never changes another pillar's score when an indicator is marked not applicable", () => {
      const cases = answersOf(rubric).chain((answers) => fc.constantFrom(...rubric.indicators).map((indicator) => ({ answers, indicator })));
      fc.assert(
        fc.property(cases, ({ answers, indicator }) => {
          // A follow-up in another pillar follows its trigger (PROT-RESIDENCE → GP-RESIDENCE-WORK): that pillar is not "another".
          const touched = new Set([...followUpsOf(rubric, indicator.id)].map((id) => rubric.indicator(id)!.pillar));
          const before = scoreAssessment(rubric, answers);
          const after = scoreAssessment(rubric, { ...answers, [indicator.id]: notApplicable });
          before.pillars.forEach((pillar, p) => {
            if (!touched.has(pillar.pillarId)) expect(after.pillars[p]!.score, pillar.pillarId).to.equal(pillar.score);
          });
        }),
        RUNS,
      );
    });
  });
}

describe('comparison properties', () => {
  it('keeps every statistic within 0-100 and between min and max', async () => {
    const rubric = await loadDefaultRubric();
    const states = fc.array(fc.tuple(answersOf(rubric), fc.constantFrom('pacific', 'south-asia', 'south-east-asia')), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(states, (list) => {
        const comparison = compareStates(list.map(([answers, subregion], i) => ({ state: state(`S${i}`, subregion), round: 'r', card: scoreAssessment(rubric, answers) })));
        for (const table of [comparison.provisions, comparison.pillars, comparison.indices]) {
          for (const { region, subregions } of table.statistics) {
            for (const s of [region, ...subregions.map((x) => x.statistics)]) {
              if (s.count === 0) continue;
              for (const v of [s.mean!, s.median!]) expect(v).to.be.within(s.min! - 1e-9, s.max! + 1e-9);
              expect(s.min).to.be.at.least(0);
              expect(s.max).to.be.at.most(100);
            }
          }
        }
      }),
      { numRuns: 50 },
    );
  });
});

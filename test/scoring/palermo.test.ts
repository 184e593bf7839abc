import { expect } from 'chai';
import type { CompiledRubric } from '../../rubric/index.js';
import { loadDefaultRubric } from '../../rubric/index.js';
import type { ScoreCard } from '../../scoring/index.js';
import { scoreAssessment } from '../../scoring/index.js';
import { answered, completeValidAnswers, notApplicable } from './helpers.js';

/**
 * Reviewed by reading each question of palermo-tip@1.0.0: every one is phrased so that "yes" is the
 * compliant answer (ENF-NO-FINE-ALTERNATIVE asks whether the law *rules out* a fine alone). A new
 * yes/no question fails this list until someone has read it and added it, or handled a reversed one.
 */
const POSITIVE_YES_NO = [
  'CRIM-INTENT', 'CRIM-CONSENT', 'CRIM-CHILD-NO-MEANS', 'CRIM-CHILD-AGE', 'CRIM-DOMESTIC', 'CRIM-ATTEMPT',
  'CRIM-ACCOMPLICE', 'CRIM-ORGANISING', 'CRIM-OCG', 'CRIM-LAUNDERING', 'ENF-NO-FINE-ALTERNATIVE',
  'PROT-CONFISCATED-ASSETS', 'PROT-RETURN-NATIONALS', 'PROT-VERIFY-NATIONALITY', 'PROT-TRAVEL-DOCUMENTS',
  'PREV-CIVIL-SOCIETY', 'COOP-BORDER-CONTROLS', 'COOP-CARRIERS', 'COOP-CARRIER-DOCUMENT-CHECKS',
  'COOP-CARRIER-SANCTIONS', 'COOP-ENTRY-DENIAL', 'COOP-BORDER-AGENCIES', 'COOP-DOCUMENT-VERIFICATION',
  'GP-NONPUNISHMENT', 'GP-FORCED-CRIMINALITY', 'GP-KNOWING-USE', 'GP-ASSISTANCE-UNCONDITIONAL',
  'GP-LEGAL-AID', 'GP-RESIDENCE-WORK',
];

describe('scoring the default rubric (palermo-tip@1.0.0)', () => {
  let rubric: CompiledRubric;
  let card: ScoreCard;
  before(async () => {
    rubric = await loadDefaultRubric();
    card = scoreAssessment(rubric, completeValidAnswers());
  });
  const indicator = (id: string) => card.indicators.find((i) => i.indicatorId === id)!;

  it('has only yes/no questions whose "yes" is the compliant answer (reviewed list)', () => {
    const yesNo = rubric.indicators.filter((i) => i.questionType === 'yesno').map((i) => i.id);
    expect(yesNo).to.deep.equal(POSITIVE_YES_NO);
    expect(indicator('ENF-NO-FINE-ALTERNATIVE')).to.include({ score: 0, finding: 'absent' }); // answered no: a fine alone is possible
  });

  it('asks every follow-up on an upward-closed set of trigger answers, so improving a trigger never makes it moot', () => {
    const conditions = rubric.indicators.flatMap((i) => (i.condition ? [[i.id, i.condition] as const] : []));
    expect(conditions.map(([id]) => id)).to.deep.equal(['COOP-CARRIER-SANCTIONS', 'GP-NONPUNISHMENT-SCOPE', 'GP-NONPUNISHMENT-FORM', 'GP-RESIDENCE-WORK']);
    for (const [id, condition] of conditions) {
      const trigger = rubric.indicator(condition.indicator)!;
      const accepted = 'equals' in condition ? [condition.equals] : condition.in;
      const possible = trigger.questionType === 'yesno' ? [false, true] : [0, 1, 2, 3];
      const firstAccepted = possible.findIndex((v) => accepted.includes(v));
      expect(possible.slice(firstAccepted).every((v) => accepted.includes(v)), id).to.equal(true);
    }
  });

  it('scores every indicator of a complete answer document, with no missing information but the one unknown', () => {
    expect(card.indicators).to.have.length(84);
    expect(card.indicators.filter((i) => i.missingInformation).map((i) => i.indicatorId)).to.deep.equal(['GP-PLATFORMS']);
    expect(card.indicators.filter((i) => i.treatment === 'recorded').map((i) => i.indicatorId)).to.deep.equal(['CRIM-FRAMEWORK', 'ENF-PENALTY-RANGE']);
  });

  it('pins completeness and evidence: 341 of 342 weighted points answered, every positive finding cited', () => {
    // Non-text weight × factor over the rubric is 342; GP-PLATFORMS (good practice, weight 1) is unknown.
    expect(card.completeness).to.deep.include({ numerator: 341, denominator: 342 });
    expect(card.evidence.score).to.equal(100);
  });

  it('pins the prevention pillar', () => {
    // PREV-POLICY 0 × 6, PREV-AWARENESS 1/3 × 2, PREV-CIVIL-SOCIETY 1 × 3, PREV-VULNERABILITY 1 × 3,
    // PREV-DEMAND 1/3 × 3, PREV-TRAINING 1 × 6: (0 + 2/3 + 3 + 3 + 1 + 6) / 23 = 41/69.
    const prevention = card.pillars.find((p) => p.pillarId === 'prevention')!;
    expect(prevention.denominator).to.equal(23);
    expect(prevention.score).to.be.closeTo((100 * 41) / 69, 1e-9);
  });

  it('pins the non-punishment and forced-criminality concerns', () => {
    // GP-NONPUNISHMENT yes (3), GP-NONPUNISHMENT-SCOPE 4.5 of 7.5 = 0.6 (3), GP-NONPUNISHMENT-FORM level 0 (2).
    expect(card.concerns['non-punishment'].score).to.be.closeTo((100 * 4.8) / 8, 1e-9);
    // GP-NONPUNISHMENT-SCOPE 0.6 (3), GP-FORCED-CRIMINALITY no (3), GP-SCAM-VICTIMS level 2 (2).
    expect(card.concerns['forced-criminality'].score).to.be.closeTo((100 * (1.8 + 4 / 3)) / 8, 1e-9);
  });

  it('puts the weight-3 mandatory "no" answers first among the gaps, in rubric order', () => {
    expect(card.gaps.slice(0, 2).map((g) => [g.indicatorId, g.priority])).to.deep.equal([
      ['CRIM-CHILD-NO-MEANS', 9],
      ['CRIM-DOMESTIC', 9],
    ]);
  });

  it('leaves the good-practice pillar out of the overall index', () => {
    expect(card.pillars.filter((p) => !p.inOverall).map((p) => p.pillarId)).to.deep.equal(['good-practice']);
    // Treaty weight × factor is 294, less ENF-JURISDICTION-EXTRA (optional, weight 1), not applicable.
    expect(card.overall.denominator).to.equal(293);
    expect(card.overall.parts.some((p) => p.indicatorId.startsWith('GP-'))).to.equal(false);
  });

  it('scores every catalogue provision named by an indicator, and the not-applicable one as none', () => {
    expect(card.provisions.map((p) => p.provisionId)).to.deep.equal(rubric.provisions.map((p) => p.id));
    expect(card.provisions.find((p) => p.provisionId === 'UNTOC.15.2')!.score).to.equal(null);
    expect(card.provisions.find((p) => p.provisionId === 'TIP.7')!.parts.map((p) => p.indicatorId)).to.deep.equal(['PROT-RESIDENCE']);
  });

  it('reports the carrier-sanctions follow-up as absent when carriers have no duty to check documents', () => {
    const noDuty = scoreAssessment(rubric, { ...completeValidAnswers(), 'COOP-CARRIER-DOCUMENT-CHECKS': answered(false) });
    const sanctions = noDuty.indicators.find((i) => i.indicatorId === 'COOP-CARRIER-SANCTIONS')!;
    expect(sanctions).to.deep.include({ treatment: 'moot', decidedBy: 'COOP-CARRIER-DOCUMENT-CHECKS', score: 0, missingInformation: false });
  });

  it('makes work rights moot when no residence is available, and not applicable when residence is', () => {
    const none = scoreAssessment(rubric, { ...completeValidAnswers(), 'PROT-RESIDENCE': answered(0) });
    expect(none.indicators.find((i) => i.indicatorId === 'GP-RESIDENCE-WORK')).to.deep.include({ treatment: 'moot', score: 0 });
    const na = scoreAssessment(rubric, { ...completeValidAnswers(), 'PROT-RESIDENCE': notApplicable });
    expect(na.indicators.find((i) => i.indicatorId === 'GP-RESIDENCE-WORK')).to.deep.include({ treatment: 'not_applicable', score: null });
  });

  it('is deterministic: the same answers give the same card', () => {
    expect(scoreAssessment(rubric, completeValidAnswers())).to.deep.equal(card);
  });
});

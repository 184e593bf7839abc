import { expect } from 'chai';
import type { Answer, CompiledRubric } from '../../rubric/index.js';
import { applyTranslation, compileRubric, isMoot, loadDefaultRubric, messages, RubricError } from '../../rubric/index.js';
import { defaultRubricDocument } from './helpers.js';

describe('compileRubric', () => {
  it('returns the same object for the same content, even from a fresh parse', () => {
    expect(compileRubric(defaultRubricDocument())).to.equal(compileRubric(defaultRubricDocument()));
  });

  it('returns a different rubric with a different hash for changed content', () => {
    const changed = defaultRubricDocument();
    changed.properties.answers.properties['CRIM-ACTS']!.weight = 2;
    const original = compileRubric(defaultRubricDocument());
    const other = compileRubric(changed);
    expect(other).to.not.equal(original);
    expect(other.hash).to.not.equal(original.hash);
    expect(other.key).to.equal(original.key);
  });

  it('hashes content, not key order', () => {
    const doc = defaultRubricDocument();
    const reordered = Object.fromEntries(Object.entries(doc).reverse());
    expect(compileRubric(reordered).hash).to.equal(compileRubric(doc).hash);
  });

  it('is immune to later changes of the document it was given, and deep-frozen', () => {
    const doc = defaultRubricDocument();
    const rubric = compileRubric(doc);
    doc.properties.answers.properties['CRIM-ACTS']!.weight = 9;
    expect(rubric.indicator('CRIM-ACTS')?.weight).to.equal(3);
    expect(Object.isFrozen(rubric.indicator('CRIM-MEANS')?.elements?.[0])).to.equal(true);
    expect(() => {
      (rubric.indicators as unknown as unknown[]).push({});
    }).to.throw(TypeError);
  });
});

describe('isMoot', () => {
  let rubric: CompiledRubric;
  before(async () => {
    rubric = await loadDefaultRubric();
  });
  const answered = (value: unknown): Answer => ({ status: 'answered', value: value as Answer['value'] });

  it('never makes an unconditional indicator moot', () => {
    expect(isMoot(rubric, 'CRIM-MEANS', {})).to.equal(false);
  });

  it('shows the scope and form of non-punishment only when the law has a non-punishment provision', () => {
    expect(isMoot(rubric, 'GP-NONPUNISHMENT-SCOPE', { 'GP-NONPUNISHMENT': answered(true) })).to.equal(false);
    expect(isMoot(rubric, 'GP-NONPUNISHMENT-FORM', { 'GP-NONPUNISHMENT': answered(false) })).to.equal(true);
  });

  it('keeps a follow-up moot while the deciding question is unanswered or unknown', () => {
    expect(isMoot(rubric, 'GP-NONPUNISHMENT-SCOPE', {})).to.equal(true);
    expect(isMoot(rubric, 'GP-NONPUNISHMENT-SCOPE', { 'GP-NONPUNISHMENT': { status: 'unknown' } })).to.equal(true);
  });

  it('evaluates "in" conditions on level answers', () => {
    expect(isMoot(rubric, 'GP-RESIDENCE-WORK', { 'PROT-RESIDENCE': answered(0) })).to.equal(true);
    expect(isMoot(rubric, 'GP-RESIDENCE-WORK', { 'PROT-RESIDENCE': answered(2) })).to.equal(false);
  });
});

describe('translation', () => {
  let rubric: CompiledRubric;
  before(async () => {
    rubric = await loadDefaultRubric();
  });

  it('names every translatable text by a key built from stable ids', () => {
    const catalogue = messages(rubric);
    expect(catalogue['pillar.protection.title']).to.equal('Protection and assistance of victims');
    expect(catalogue['indicator.CRIM-MEANS.question']).to.be.a('string');
    expect(catalogue['indicator.CRIM-MEANS.element.fraud.label']).to.equal('Fraud');
    expect(catalogue['indicator.CRIM-OFFENCE.level.0.recommendation']).to.be.a('string');
    expect(catalogue['indicator.CRIM-ACTS.guidance.examples.partial']).to.be.a('string');
  });

  it('replaces texts from an overlay and keeps key, hash, structure and the rest of the English', () => {
    const french = applyTranslation(rubric, {
      rubric: 'palermo-tip@1.0.0',
      language: 'fr',
      messages: { 'pillar.protection.title': 'Protection et assistance des victimes', 'indicator.CRIM-MEANS.element.fraud.label': 'Fraude' },
    });
    expect(french.language).to.equal('fr');
    expect(french.pillars.find((p) => p.id === 'protection')?.title).to.equal('Protection et assistance des victimes');
    expect(french.indicator('CRIM-MEANS')?.elements?.find((e) => e.id === 'fraud')?.label).to.equal('Fraude');
    expect(french.indicator('CRIM-MEANS')?.question).to.equal(rubric.indicator('CRIM-MEANS')?.question);
    expect([french.key, french.hash]).to.deep.equal([rubric.key, rubric.hash]);
    expect(rubric.pillars.find((p) => p.id === 'protection')?.title).to.equal('Protection and assistance of victims');
  });

  it('rejects an overlay with an unknown key, naming it', () => {
    const apply = () => applyTranslation(rubric, { rubric: 'palermo-tip@1.0.0', language: 'fr', messages: { 'indicator.NOPE.question': 'Quoi ?' } });
    expect(apply).to.throw(RubricError, "unknown message key 'indicator.NOPE.question'");
  });

  it('rejects an overlay written for another rubric version', () => {
    const apply = () => applyTranslation(rubric, { rubric: 'palermo-tip@2.0.0', language: 'fr', messages: {} });
    expect(apply).to.throw(RubricError, "the translation is for 'palermo-tip@2.0.0'");
  });
});

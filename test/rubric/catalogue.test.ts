import { expect } from 'chai';
import path from 'node:path';
import { checkRubric, loadDefaultRubric, provisionCatalogue, uncoveredProvisions } from '../../rubric/index.js';
import { defaultRubricDocument, fixtures, readJson } from './helpers.js';

const canonical = readJson(path.join(fixtures, 'provision-ids.json')) as { ids: string[] };

describe('provisions catalogue', () => {
  it('holds exactly the canonical provision ids, in canonical order', () => {
    expect(provisionCatalogue.map((p) => p.id)).to.deep.equal(canonical.ids);
  });

  it('counts 37 Protocol, 19 UNTOC and 20 good-practice provisions', () => {
    const count = (instrument: string) => provisionCatalogue.filter((p) => p.instrument === instrument).length;
    expect([count('TIP'), count('UNTOC'), count('GP')]).to.deep.equal([37, 19, 20]);
  });

  it('gives every provision a title, a description and an obligation level', () => {
    for (const p of provisionCatalogue) {
      expect(p.title, p.id).to.be.a('string').with.length.greaterThan(0);
      expect(p.description, p.id).to.be.a('string').with.length.greaterThan(0);
      expect(['mandatory', 'consider', 'optional', 'good_practice'], p.id).to.include(p.obligation);
    }
  });

  it('labels levels as PROVISIONS.md does: optional extraterritorial jurisdiction, "consider" for art. 6(1)', () => {
    const level = (id: string) => provisionCatalogue.find((p) => p.id === id)?.obligation;
    expect(level('UNTOC.15.2')).to.equal('optional');
    expect(level('TIP.6.1')).to.equal('consider');
    expect(level('TIP.6.3')).to.equal('consider');
    expect(level('UNTOC.20')).to.equal('consider');
    expect(level('TIP.3.a.means')).to.equal('mandatory');
  });

  it('marks every good-practice provision as such and says who expects it', () => {
    for (const p of provisionCatalogue.filter((x) => x.instrument === 'GP')) {
      expect(p.obligation, p.id).to.equal('good_practice');
      expect(p.expectedBy, p.id).to.be.an('array').with.length.greaterThan(0);
    }
  });
});

describe('default rubric palermo-tip@1.0.0', () => {
  it('passes checkRubric with zero problems', () => {
    expect(checkRubric(defaultRubricDocument())).to.deep.equal([]);
  });

  it('compiles in strict mode and loads from the project root', async () => {
    const rubric = await loadDefaultRubric();
    expect(rubric.key).to.equal('palermo-tip@1.0.0');
    expect(rubric.hash).to.match(/^[0-9a-f]{64}$/);
    expect(rubric.indicators.length).to.be.within(70, 95);
  });

  it('tests every provision of the catalogue', async () => {
    const rubric = await loadDefaultRubric();
    expect(uncoveredProvisions(rubric).map((p) => p.id)).to.deep.equal([]);
    expect(rubric.provisions.map((p) => p.id)).to.deep.equal(canonical.ids);
  });

  it('groups indicators into the six pillars, in file order', async () => {
    const rubric = await loadDefaultRubric();
    expect(rubric.pillars.map((p) => p.id)).to.deep.equal(['criminalisation', 'enforcement', 'protection', 'prevention', 'cooperation', 'good-practice']);
    for (const pillar of rubric.pillars) expect(pillar.indicators.length, pillar.id).to.be.greaterThan(0);
    expect(rubric.pillars.flatMap((p) => p.indicators)).to.have.members([...rubric.indicators]);
  });

  it('makes the RSO concerns explicit: forced criminality, non-punishment and technology', async () => {
    const rubric = await loadDefaultRubric();
    const tagged = (concern: string) => rubric.indicators.filter((i) => i.concerns.includes(concern as never)).map((i) => i.id);
    expect(tagged('forced-criminality')).to.include.members(['GP-FORCED-CRIMINALITY', 'GP-NONPUNISHMENT-SCOPE', 'GP-SCAM-VICTIMS']);
    expect(tagged('non-punishment')).to.include.members(['GP-NONPUNISHMENT', 'GP-NONPUNISHMENT-SCOPE', 'GP-NONPUNISHMENT-FORM']);
    expect(tagged('technology')).to.include.members(['GP-TECH-RECRUITMENT', 'GP-DIGITAL-EVIDENCE', 'GP-PLATFORMS']);
  });

  it('scores "abuse of power" and "abuse of a position of vulnerability" as separate means', async () => {
    const means = (await loadDefaultRubric()).indicator('CRIM-MEANS');
    expect(means?.elements?.map((e) => e.id)).to.include.members(['abuse-of-power', 'abuse-of-vulnerability']);
    expect(means?.elements).to.have.length(9);
  });

  it('tests the four-year serious-crime threshold as a years question', async () => {
    const penalty = (await loadDefaultRubric()).indicator('ENF-MAX-PENALTY');
    expect(penalty?.questionType).to.equal('years');
    expect(penalty?.threshold).to.deep.equal({ min: 4, unit: 'years' });
    expect(penalty?.provisions).to.include('UNTOC.2.b');
  });

  it('words every good-practice recommendation as an opportunity', async () => {
    const rubric = await loadDefaultRubric();
    for (const indicator of rubric.indicators.filter((i) => i.obligation === 'good_practice')) {
      const texts = [
        ...[indicator.recommendations?.partial, indicator.recommendations?.absent].flatMap((t) => t ?? []),
        ...(indicator.elements ?? []).map((e) => e.recommendation),
        ...(indicator.levels ?? []).flatMap((l) => l.recommendation ?? []),
      ];
      for (const text of texts) expect(text, indicator.id).to.match(/^Consider/);
    }
  });
});

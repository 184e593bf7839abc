import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { AnswerProblem, CompiledRubric } from '../../rubric/index.js';
import { loadDefaultRubric, validateAnswers } from '../../rubric/index.js';
import { fixtures, readJson } from './helpers.js';

const answersDir = path.join(fixtures, 'answers');
const invalidFixtures = readdirSync(answersDir).filter((f) => f !== 'complete-valid.json' && f.endsWith('.json'));

interface InvalidFixture {
  description: string;
  document: unknown;
  expect: AnswerProblem[];
}

describe('validateAnswers', () => {
  let rubric: CompiledRubric;
  before(async () => {
    rubric = await loadDefaultRubric();
  });

  it('accepts a complete answer document for every indicator', () => {
    const doc = readJson(path.join(answersDir, 'complete-valid.json')) as { answers: Record<string, unknown> };
    expect(Object.keys(doc.answers)).to.have.length(rubric.indicators.length);
    expect(validateAnswers(rubric, doc)).to.deep.equal([]);
  });

  it('accepts an empty draft: no question is required', () => {
    expect(validateAnswers(rubric, { answers: {} })).to.deep.equal([]);
  });

  it('accepts a verbatim excerpt that looks like script, unchanged (escaping is the view\'s job)', () => {
    const excerpt = '<script>alert(1)</script>';
    const doc = { answers: { 'CRIM-CONSENT': { status: 'answered', value: true, citations: [{ instrument: 'Penal Code', provision: 's. 1', excerpt }] } } };
    expect(validateAnswers(rubric, doc)).to.deep.equal([]);
    expect(doc.answers['CRIM-CONSENT'].citations[0]?.excerpt).to.equal(excerpt);
  });

  it('accepts "life" as a maximum penalty and a reservation as a reason for not applicable', () => {
    const doc = {
      answers: {
        'ENF-MAX-PENALTY': { status: 'answered', value: 'life' },
        'ENF-JURISDICTION-EXTRA': { status: 'not_applicable', naReason: 'reservation', justification: 'Reservation to UNTOC art. 15(2).' },
      },
    };
    expect(validateAnswers(rubric, doc)).to.deep.equal([]);
  });

  it('rejects a document without answers, at the root', () => {
    expect(validateAnswers(rubric, { answer: {} })).to.deep.include({ field: '', pointer: '/answer', message: "Remove the unknown field 'answer'" });
    expect(validateAnswers(rubric, [])).to.have.length.greaterThan(0);
  });

  it('says one thing per field even when ajv fails it several ways', () => {
    const problems = validateAnswers(rubric, { answers: { 'ENF-MAX-PENALTY': { status: 'answered', value: 'forever' } } });
    expect(problems).to.have.length(1);
  });

  for (const file of invalidFixtures) {
    const fixture = readJson(path.join(answersDir, file)) as InvalidFixture;
    it(`fails exactly where expected: ${fixture.description} (${file})`, () => {
      expect(validateAnswers(rubric, fixture.document)).to.deep.equal(fixture.expect);
    });
  }
});

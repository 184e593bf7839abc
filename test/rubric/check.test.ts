import { expect } from 'chai';
import { checkRubric, compileRubric, RubricError } from '../../rubric/index.js';
import type { RubricFile } from './helpers.js';
import { defaultRubricDocument } from './helpers.js';

const at = (id: string) => `/properties/answers/properties/${id}`;
const indicator = (doc: RubricFile, id: string) => {
  const schema = doc.properties.answers.properties[id];
  if (!schema) throw new Error(`no indicator ${id} in the default rubric`);
  return schema;
};

interface Defect {
  defect: string;
  mutate: (doc: RubricFile) => void;
  pointer: string;
  message: string;
}

/** One defect each, applied to a fresh copy of the default rubric. */
const defects: Defect[] = [
  {
    defect: 'an indicator weight of 0',
    mutate: (d) => void (indicator(d, 'CRIM-ACTS').weight = 0),
    pointer: `${at('CRIM-ACTS')}/weight`,
    message: 'weight must be greater than 0',
  },
  {
    defect: 'a negative element weight',
    mutate: (d) => void ((indicator(d, 'CRIM-MEANS').elements ?? [])[7]!.weight = -1),
    pointer: `${at('CRIM-MEANS')}/elements/7/weight`,
    message: 'weight must be greater than 0',
  },
  {
    defect: 'a duplicate indicator id',
    mutate: (d) => void (indicator(d, 'CRIM-ATTEMPT').indicator = 'CRIM-ACTS'),
    pointer: `${at('CRIM-ATTEMPT')}/indicator`,
    message: "duplicate indicator id 'CRIM-ACTS'",
  },
  {
    defect: 'an unknown provision id',
    mutate: (d) => void (indicator(d, 'CRIM-ACTS').provisions = ['TIP.99']),
    pointer: `${at('CRIM-ACTS')}/provisions/0`,
    message: "provision 'TIP.99' is not in the provisions catalogue",
  },
  {
    defect: 'an unknown pillar',
    mutate: (d) => void (indicator(d, 'CRIM-ACTS').pillar = 'victims'),
    pointer: `${at('CRIM-ACTS')}/pillar`,
    message: "pillar 'victims' is not declared in /rubric/pillars",
  },
  {
    defect: 'a yes/no question without its recommendation',
    mutate: (d) => void delete indicator(d, 'CRIM-CONSENT').recommendations,
    pointer: at('CRIM-CONSENT'),
    message: 'missing the recommendation for an absent finding',
  },
  {
    defect: 'a level short of full without its recommendation',
    mutate: (d) => void delete (indicator(d, 'CRIM-OFFENCE').levels ?? [])[1]!.recommendation,
    pointer: `${at('CRIM-OFFENCE')}/levels/1`,
    message: 'missing the recommendation for level 1',
  },
  {
    defect: 'levels not numbered 0 to 3',
    mutate: (d) => void ((indicator(d, 'CRIM-OFFENCE').levels ?? [])[2]!.value = 3),
    pointer: `${at('CRIM-OFFENCE')}/levels/2/value`,
    message: 'levels must be numbered 0, 1, 2, 3 in that order',
  },
  {
    defect: 'a condition on a missing indicator',
    mutate: (d) => void (indicator(d, 'GP-NONPUNISHMENT-SCOPE').condition!.indicator = 'GP-NOPE'),
    pointer: `${at('GP-NONPUNISHMENT-SCOPE')}/condition/indicator`,
    message: "condition refers to indicator 'GP-NOPE', which does not exist",
  },
  {
    defect: 'a condition on a later indicator',
    mutate: (d) => void (indicator(d, 'CRIM-ACTS').condition = { indicator: 'GP-NONPUNISHMENT', equals: true }),
    pointer: `${at('CRIM-ACTS')}/condition/indicator`,
    message: 'may only refer to an earlier indicator',
  },
  {
    defect: 'a condition on its own indicator (a cycle)',
    mutate: (d) => void (indicator(d, 'GP-NONPUNISHMENT-SCOPE').condition!.indicator = 'GP-NONPUNISHMENT-SCOPE'),
    pointer: `${at('GP-NONPUNISHMENT-SCOPE')}/condition/indicator`,
    message: 'cannot refer to its own indicator',
  },
  {
    defect: 'a condition value a yes/no question cannot take',
    mutate: (d) => void (indicator(d, 'COOP-CARRIER-SANCTIONS').condition!.equals = 2),
    pointer: `${at('COOP-CARRIER-SANCTIONS')}/condition/equals`,
    message: "2 is not a possible answer of yes/no question 'COOP-CARRIER-DOCUMENT-CHECKS'",
  },
  {
    defect: 'a condition on a checklist question',
    mutate: (d) => void (indicator(d, 'GP-NONPUNISHMENT-SCOPE').condition!.indicator = 'CRIM-ACTS'),
    pointer: `${at('GP-NONPUNISHMENT-SCOPE')}/condition/indicator`,
    message: 'a condition can only refer to a yes/no or level question',
  },
  {
    defect: 'an element id missing from the value enum',
    mutate: (d) => void indicator(d, 'CRIM-ACTS').properties.value.items!.enum.pop(),
    pointer: `${at('CRIM-ACTS')}/properties/value/items/enum`,
    message: "the value enum must list exactly the indicator's element ids (missing 'receipt')",
  },
  {
    defect: 'an unknown annotation keyword',
    mutate: (d) => void (indicator(d, 'CRIM-ACTS').wieght = 2),
    pointer: `${at('CRIM-ACTS')}/wieght`,
    message: "unknown keyword 'wieght'",
  },
  {
    defect: 'a question that is not text',
    mutate: (d) => void (indicator(d, 'CRIM-ACTS').question = 42),
    pointer: `${at('CRIM-ACTS')}/question`,
    message: 'question must be a string',
  },
  {
    defect: 'a missing example of a partial finding',
    mutate: (d) => void delete indicator(d, 'CRIM-ACTS').guidance.examples!.partial,
    pointer: `${at('CRIM-ACTS')}/guidance/examples`,
    message: "missing required field 'partial'",
  },
  {
    defect: 'a version that is not semantic',
    mutate: (d) => void (d.rubric.version = '1.0'),
    pointer: '/rubric/version',
    message: 'version must be a semantic version such as 1.0.0',
  },
  {
    defect: 'an $id that does not match id and version',
    mutate: (d) => void (d.$id = 'urn:palermo-assess:rubric:palermo-tip:2.0.0'),
    pointer: '/$id',
    message: "$id must be 'urn:palermo-assess:rubric:palermo-tip:1.0.0'",
  },
  {
    defect: 'an obligation stronger than its provisions',
    mutate: (d) => void (indicator(d, 'ENF-JURISDICTION-EXTRA').obligation = 'mandatory'),
    pointer: `${at('ENF-JURISDICTION-EXTRA')}/obligation`,
    message: "obligation 'mandatory' is stronger than any of its provisions (strongest: 'optional')",
  },
  {
    defect: 'a good-practice recommendation worded as non-compliance',
    mutate: (d) => void (indicator(d, 'GP-KNOWING-USE').recommendations!.absent = 'Make knowing use of services an offence.'),
    pointer: `${at('GP-KNOWING-USE')}/recommendations/absent`,
    message: "must be worded as an opportunity, starting with 'Consider'",
  },
  {
    defect: 'a changed answer definition',
    mutate: (d) => void (d.$defs.answer.properties.notes!.maxLength = 50000),
    pointer: '/$defs/answer',
    message: 'the answer definition must be the standard one',
  },
  {
    defect: 'an indicator id that is not an uppercase id',
    mutate: (d) => void (d.properties.answers.properties['crim-lower'] = indicator(d, 'CRIM-ACTS')),
    pointer: `${at('crim-lower')}`,
    message: "'crim-lower' is not a valid indicator id",
  },
  {
    defect: 'levels on a yes/no question',
    mutate: (d) => void (indicator(d, 'CRIM-CONSENT').levels = indicator(d, 'CRIM-OFFENCE').levels),
    pointer: `${at('CRIM-CONSENT')}/levels`,
    message: "'levels' belongs to 'level' questions, not to a 'yesno' question",
  },
];

describe('checkRubric on broken rubrics (one defect each)', () => {
  for (const { defect, mutate, pointer, message } of defects) {
    it(`rejects a rubric with ${defect}, pointing at ${pointer}`, () => {
      const doc = defaultRubricDocument();
      mutate(doc);
      const problems = checkRubric(doc);
      const match = problems.find((p) => p.pointer === pointer && p.message.includes(message));
      expect(match, `expected "${message}" at ${pointer}; got ${JSON.stringify(problems, null, 1)}`).to.not.equal(undefined);
    });
  }

  it('rejects something that is not a rubric at all, at the root', () => {
    expect(checkRubric(42)).to.deep.include({ pointer: '', message: 'the rubric file must be an object' });
  });

  it('makes compileRubric throw RUBRIC_INVALID listing the problems', () => {
    const doc = defaultRubricDocument();
    indicator(doc, 'CRIM-ACTS').weight = 0;
    try {
      compileRubric(doc);
      expect.fail('compileRubric accepted a broken rubric');
    } catch (error) {
      expect(error).to.be.instanceOf(RubricError);
      expect((error as RubricError).code).to.equal('RUBRIC_INVALID');
      expect((error as RubricError).problems).to.deep.include({ pointer: `${at('CRIM-ACTS')}/weight`, message: 'weight must be greater than 0' });
    }
  });
});

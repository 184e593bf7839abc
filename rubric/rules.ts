import { isDeepStrictEqual } from 'node:util';
import { answerDefinition, citationDefinition, valueSchemaFor } from './answer-schema.js';
import type { IndicatorSchema, RubricDocument } from './document.js';
import { indicatorEntries, indicatorPointer } from './document.js';
import { findProvision, obligationRank } from './provisions.js';
import type { ConditionValue, RubricProblem } from './types.js';

/**
 * The rules JSON Schema cannot express. Runs on a file that already passed meta-schema.json, so
 * every field has its declared shape; each rule reports a pointer into the file and plain words.
 */
export function ruleProblems(doc: RubricDocument): RubricProblem[] {
  const problems: RubricProblem[] = [];
  const report = (pointer: string, message: string): void => void problems.push({ pointer, message });

  checkIdentity(doc, report);
  checkSharedDefinitions(doc, report);
  const pillarIds = checkPillars(doc, report);

  const entries = indicatorEntries(doc);
  const position = new Map<string, number>();
  entries.forEach(([key, schema], index) => {
    const at = indicatorPointer(key);
    if (schema.indicator !== key) {
      report(`${at}/indicator`, `indicator id '${schema.indicator}' must equal its property name '${key}'`);
    }
    const earlier = position.get(schema.indicator);
    if (earlier !== undefined) {
      report(`${at}/indicator`, `duplicate indicator id '${schema.indicator}' (already used by ${indicatorPointer(entries[earlier]?.[0] ?? '')})`);
    } else {
      position.set(schema.indicator, index);
    }
    if (!pillarIds.has(schema.pillar)) report(`${at}/pillar`, `pillar '${schema.pillar}' is not declared in /rubric/pillars`);
    checkProvisions(schema.provisions, `${at}/provisions`, report);
    checkObligation(schema, at, report);
    checkGuidance(schema, at, report);
    checkTypeKeywords(schema, at, report);
    checkValueSchema(schema, at, report);
  });
  entries.forEach(([key, schema], index) => checkCondition(schema, indicatorPointer(key), index, doc, position, report));
  checkEmptyPillars(doc, report);
  return problems;
}

type Report = (pointer: string, message: string) => void;

function checkIdentity(doc: RubricDocument, report: Report): void {
  const expected = `urn:palermo-assess:rubric:${doc.rubric.id}:${doc.rubric.version}`;
  if (doc.$id !== expected) report('/$id', `$id must be '${expected}' (built from rubric id and version)`);
}

function checkSharedDefinitions(doc: RubricDocument, report: Report): void {
  if (!isDeepStrictEqual(doc.$defs.answer, answerDefinition)) {
    report('/$defs/answer', 'the answer definition must be the standard one (see rubric/answer-schema.ts), because the questionnaire and scoring read answers in that shape');
  }
  if (!isDeepStrictEqual(doc.$defs.citation, citationDefinition)) {
    report('/$defs/citation', 'the citation definition must be the standard one (see rubric/answer-schema.ts)');
  }
}

function checkPillars(doc: RubricDocument, report: Report): Set<string> {
  const ids = new Set<string>();
  doc.rubric.pillars.forEach((pillar, i) => {
    if (ids.has(pillar.id)) report(`/rubric/pillars/${i}/id`, `duplicate pillar id '${pillar.id}'`);
    ids.add(pillar.id);
  });
  return ids;
}

function checkEmptyPillars(doc: RubricDocument, report: Report): void {
  const used = new Set(indicatorEntries(doc).map(([, s]) => s.pillar));
  doc.rubric.pillars.forEach((pillar, i) => {
    if (!used.has(pillar.id)) report(`/rubric/pillars/${i}`, `pillar '${pillar.id}' has no indicators`);
  });
}

function checkProvisions(ids: readonly string[], at: string, report: Report): void {
  ids.forEach((id, i) => {
    if (!findProvision(id)) report(`${at}/${i}`, `provision '${id}' is not in the provisions catalogue`);
  });
}

/** An indicator may be weaker than its provisions (its guidance says why), never stronger. */
function checkObligation(schema: IndicatorSchema, at: string, report: Report): void {
  const levels = schema.provisions.flatMap((id) => findProvision(id)?.obligation ?? []);
  if (levels.length === 0) return;
  const strongest = levels.reduce((a, b) => (obligationRank[a] >= obligationRank[b] ? a : b));
  if (obligationRank[schema.obligation] > obligationRank[strongest]) {
    report(`${at}/obligation`, `obligation '${schema.obligation}' is stronger than any of its provisions (strongest: '${strongest}')`);
  }
}

function checkGuidance(schema: IndicatorSchema, at: string, report: Report): void {
  const g = schema.guidance;
  if (schema.questionType === 'text') {
    if (!g.explanation) report(`${at}/guidance`, "missing required field 'explanation' (a text question needs an explanation of what to record)");
    return;
  }
  for (const finding of ['full', 'partial', 'absent'] as const) {
    if (!g[finding]) report(`${at}/guidance`, `missing required field '${finding}' (what counts as ${an(finding)} finding)`);
  }
  if (!g.examples) {
    report(`${at}/guidance`, "missing required field 'examples' (a short example of a full, partial and absent finding)");
    return;
  }
  for (const finding of ['full', 'partial', 'absent'] as const) {
    if (!g.examples[finding]) report(`${at}/guidance/examples`, `missing required field '${finding}' (an example of ${an(finding)} finding)`);
  }
}

const TYPE_KEYWORDS = { elements: 'elements', level: 'levels', years: 'threshold' } as const;

/** Each question type needs its own keywords and the recommendations for every finding short of full. */
function checkTypeKeywords(schema: IndicatorSchema, at: string, report: Report): void {
  const type = schema.questionType;
  for (const [owner, keyword] of Object.entries(TYPE_KEYWORDS)) {
    const present = schema[keyword] !== undefined;
    if (owner === type && !present) report(at, `missing required field '${keyword}' (needed by a '${type}' question)`);
    if (owner !== type && present) report(`${at}/${keyword}`, `'${keyword}' belongs to '${owner}' questions, not to a '${type}' question`);
  }
  const recs = schema.recommendations;
  const needed: readonly ('partial' | 'absent')[] =
    type === 'elements' || type === 'years' ? ['partial', 'absent'] : type === 'yesno' ? ['absent'] : [];
  if (needed.length === 0 && recs) {
    report(`${at}/recommendations`, type === 'level' ? 'a level question takes its recommendations from its levels' : 'a text question is not scored and takes no recommendations');
  }
  if (type === 'yesno' && recs?.partial) report(`${at}/recommendations/partial`, 'a yes/no question has no partial finding; remove this recommendation');
  for (const finding of needed) {
    if (!recs?.[finding]) report(recs ? `${at}/recommendations` : at, `missing the recommendation for ${an(finding)} finding ('recommendations.${finding}')`);
  }
  if (type === 'elements') checkElements(schema, at, report);
  if (type === 'level') checkLevels(schema, at, report);
  checkOpportunityWording(schema, at, report);
}

function checkElements(schema: IndicatorSchema, at: string, report: Report): void {
  const seen = new Set<string>();
  schema.elements?.forEach((element, i) => {
    if (seen.has(element.id)) report(`${at}/elements/${i}/id`, `duplicate element id '${element.id}'`);
    seen.add(element.id);
    if (element.provisions) checkProvisions(element.provisions, `${at}/elements/${i}/provisions`, report);
  });
}

function checkLevels(schema: IndicatorSchema, at: string, report: Report): void {
  schema.levels?.forEach((level, i) => {
    if (level.value !== i) {
      report(`${at}/levels/${i}/value`, `levels must be numbered 0, 1, 2, 3 in that order (expected ${i}, found ${level.value})`);
    } else if (i < 3 && !level.recommendation) {
      report(`${at}/levels/${i}`, `missing the recommendation for level ${i} (every level short of full needs one)`);
    } else if (i === 3 && level.recommendation) {
      report(`${at}/levels/3/recommendation`, 'level 3 is the full finding and takes no recommendation');
    }
  });
}

/** Good practice and "may" items are never reported as non-compliance, so their advice offers, it does not demand. */
function checkOpportunityWording(schema: IndicatorSchema, at: string, report: Report): void {
  if (schema.obligation !== 'good_practice' && schema.obligation !== 'optional') return;
  const texts: [string, string | undefined][] = [
    [`${at}/recommendations/partial`, schema.recommendations?.partial],
    [`${at}/recommendations/absent`, schema.recommendations?.absent],
    ...(schema.elements ?? []).map((e, i): [string, string] => [`${at}/elements/${i}/recommendation`, e.recommendation]),
    ...(schema.levels ?? []).map((l, i): [string, string | undefined] => [`${at}/levels/${i}/recommendation`, l.recommendation]),
  ];
  for (const [pointer, text] of texts) {
    if (text !== undefined && !text.startsWith('Consider')) {
      report(pointer, `a recommendation on a ${schema.obligation === 'optional' ? 'optional' : 'good-practice'} item must be worded as an opportunity, starting with 'Consider'`);
    }
  }
}

function checkValueSchema(schema: IndicatorSchema, at: string, report: Report): void {
  const elementIds = (schema.elements ?? []).map((e) => e.id);
  const expected = valueSchemaFor(schema.questionType, elementIds);
  const actual = schema.properties.value;
  if (isDeepStrictEqual(actual, expected)) return;
  if (schema.questionType === 'elements') {
    const listed = ((actual.items as { enum?: unknown } | undefined)?.enum ?? []) as unknown[];
    const missing = elementIds.filter((id) => !listed.includes(id));
    const unknown = listed.filter((id) => typeof id !== 'string' || !elementIds.includes(id));
    if (missing.length > 0 || unknown.length > 0) {
      const parts = [
        missing.length > 0 && `missing ${missing.map((id) => `'${id}'`).join(', ')}`,
        unknown.length > 0 && `not an element: ${unknown.map((id) => `'${String(id)}'`).join(', ')}`,
      ].filter(Boolean);
      report(`${at}/properties/value/items/enum`, `the value enum must list exactly the indicator's element ids (${parts.join('; ')})`);
      return;
    }
  }
  report(`${at}/properties/value`, `the value schema of a '${schema.questionType}' question must be ${JSON.stringify(expected)}`);
}

function checkCondition(
  schema: IndicatorSchema,
  at: string,
  index: number,
  doc: RubricDocument,
  position: ReadonlyMap<string, number>,
  report: Report,
): void {
  const condition = schema.condition;
  if (!condition) return;
  const target = condition.indicator;
  const targetIndex = position.get(target);
  if (target === schema.indicator) {
    report(`${at}/condition/indicator`, 'a condition cannot refer to its own indicator (a cycle)');
    return;
  }
  if (targetIndex === undefined) {
    report(`${at}/condition/indicator`, `condition refers to indicator '${target}', which does not exist`);
    return;
  }
  // Referring only backwards rules out cycles and lets the form ask the deciding question first.
  if (targetIndex > index) {
    report(`${at}/condition/indicator`, `condition refers to indicator '${target}', which comes later; a condition may only refer to an earlier indicator`);
    return;
  }
  const targetSchema = doc.properties.answers.properties[target];
  const type = targetSchema?.questionType;
  if (type !== 'yesno' && type !== 'level') {
    report(`${at}/condition/indicator`, `a condition can only refer to a yes/no or level question ('${target}' is '${String(type)}')`);
    return;
  }
  const values: [string, ConditionValue][] =
    'equals' in condition ? [[`${at}/condition/equals`, condition.equals]] : condition.in.map((v, i): [string, ConditionValue] => [`${at}/condition/in/${i}`, v]);
  for (const [pointer, value] of values) {
    const possible = type === 'yesno' ? typeof value === 'boolean' : Number.isInteger(value) && Number(value) >= 0 && Number(value) <= 3;
    if (!possible) report(pointer, `${JSON.stringify(value)} is not a possible answer of ${type === 'yesno' ? 'yes/no' : 'level'} question '${target}'`);
  }
}

function an(finding: string): string {
  return `${/^[aeiou]/.test(finding) ? 'an' : 'a'} ${finding}`;
}

import type { ErrorObject } from 'ajv';
import type { RubricProblem } from './types.js';
import { rubricFileValidator } from './vocabulary.js';

/** Checks a rubric file against meta-schema.json; each ajv error becomes one plain-words problem. */
export function structureProblems(doc: unknown): RubricProblem[] {
  const validate = rubricFileValidator();
  if (validate(doc)) return [];
  const problems = (validate.errors ?? []).flatMap((error) => {
    const problem = describe(error);
    return problem ? [problem] : [];
  });
  return unique(problems);
}

function describe(error: ErrorObject): RubricProblem | undefined {
  const at = error.instancePath;
  const name = fieldName(at);
  const params = error.params as Record<string, unknown>;
  const limit = String(params.limit);
  switch (error.keyword) {
    case 'required':
      return { pointer: at, message: `missing required field '${String(params.missingProperty)}'` };
    case 'additionalProperties':
      return {
        pointer: `${at}/${String(params.additionalProperty)}`,
        message: `unknown keyword '${String(params.additionalProperty)}'`,
      };
    case 'propertyNames':
      return {
        pointer: `${at}/${String(params.propertyName)}`,
        message: `'${String(params.propertyName)}' is not a valid indicator id: it must be uppercase letters, digits and single hyphens, such as CRIM-MEANS`,
      };
    case 'type':
      return { pointer: at, message: `${name} must be ${article(String(params.type))}` };
    case 'exclusiveMinimum':
      return { pointer: at, message: `${name} must be greater than ${limit}` };
    case 'minimum':
      return { pointer: at, message: `${name} must be at least ${limit}` };
    case 'maximum':
    case 'exclusiveMaximum':
      return { pointer: at, message: `${name} must be at most ${limit}` };
    case 'minLength':
      return { pointer: at, message: params.limit === 1 ? `${name} must not be empty` : `${name} must be at least ${limit} characters long` };
    case 'maxLength':
      return { pointer: at, message: `${name} must be at most ${limit} characters long` };
    case 'minItems':
      return { pointer: at, message: `${name} must list at least ${limit} item(s)` };
    case 'maxItems':
      return { pointer: at, message: `${name} must list at most ${limit} items` };
    case 'minProperties':
      return { pointer: at, message: `${name} must have at least ${limit} field(s)` };
    case 'maxProperties':
      return { pointer: at, message: `${name} must have at most ${limit} fields` };
    case 'uniqueItems':
      return { pointer: at, message: `${name} lists the same item twice (items ${String(params.j)} and ${String(params.i)})` };
    case 'enum':
      return { pointer: at, message: `${name} must be one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const':
      return { pointer: at, message: `${name} must be ${JSON.stringify(params.allowedValue)}` };
    case 'pattern':
      return { pointer: at, message: `${name} ${patternRule(error)}` };
    // Composite keywords only repeat what their branches already said.
    case 'if':
    case 'anyOf':
    case 'oneOf':
    case 'allOf':
      return undefined;
    default:
      return { pointer: at, message: `${name} is not valid: ${error.message ?? error.keyword}` };
  }
}

/** The rule a pattern encodes, as the meta-schema's description states it. */
function patternRule(error: ErrorObject): string {
  const description = (error.parentSchema as { description?: unknown } | undefined)?.description;
  return typeof description === 'string' ? description : 'has an invalid format';
}

function fieldName(pointer: string): string {
  const last = pointer.split('/').pop() ?? '';
  if (last === '') return 'the rubric file';
  return /^\d+$/.test(last) ? `item ${last}` : last.replace(/~1/g, '/').replace(/~0/g, '~');
}

function article(type: string): string {
  const words: Record<string, string> = {
    string: 'a string', number: 'a number', integer: 'a whole number', boolean: 'true or false',
    object: 'an object', array: 'a list', null: 'null',
  };
  return words[type] ?? type;
}

function unique(problems: RubricProblem[]): RubricProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.pointer}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

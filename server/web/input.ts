import { Ajv2020 } from 'ajv/dist/2020.js';
import type { AnySchemaObject, ErrorObject } from 'ajv';
import { AppError } from '../errors.js';

const ajv = new Ajv2020({ allErrors: true, strict: true });

/** A problem with one field of a form or JSON body, in words the person who typed it understands. */
export interface FieldProblem {
  field: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/**
 * A parser for one kind of input, validated with ajv against `schema`. Each field has one plain
 * message shown whatever rule it broke; ajv's own wording never reaches a user.
 */
export function inputParser<T>(schema: AnySchemaObject, messages: Record<string, string>): (body: unknown) => Parsed<T> {
  const validate = ajv.compile<T>({ ...schema, additionalProperties: false });
  return (body: unknown): Parsed<T> => {
    if (validate(body)) return { ok: true, value: body as T };
    const problems = new Map<string, string>();
    for (const error of validate.errors ?? []) {
      const field = fieldOf(error);
      problems.set(field, messages[field] ?? `The field "${field}" is not allowed here.`);
    }
    return { ok: false, problems: [...problems].map(([field, message]) => ({ field, message })) };
  };
}

function fieldOf(error: ErrorObject): string {
  if (error.keyword === 'required') return String((error.params as { missingProperty: string }).missingProperty);
  if (error.keyword === 'additionalProperties') return String((error.params as { additionalProperty: string }).additionalProperty);
  return error.instancePath.split('/')[1] ?? '';
}

/** For the API: the problems as one 422 problem+json with a pointer per field. */
export function unprocessable(problems: FieldProblem[]): AppError {
  return new AppError('INVALID_INPUT', 422, 'Some fields are not valid: ' + problems.map((p) => p.message).join(' '), {
    errors: problems.map((p) => ({ pointer: `/${p.field}`, detail: p.message })),
  });
}

/** Keys that could reach Object.prototype if anything ever merged a body into an object. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Rejects JSON and form bodies carrying prototype keys anywhere, naming the key and where it is. */
export function rejectPrototypeKeys(value: unknown, path = ''): void {
  if (typeof value !== 'object' || value === null) return;
  for (const key of Object.keys(value)) {
    const at = `${path}/${key}`;
    if (FORBIDDEN_KEYS.has(key)) {
      throw new AppError('FORBIDDEN_KEY', 400, `The request contains the key "${key}" at ${at}, which is not allowed.`);
    }
    rejectPrototypeKeys((value as Record<string, unknown>)[key], at);
  }
}

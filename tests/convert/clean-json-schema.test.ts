import { describe, expect, test } from 'bun:test';
import { cleanJsonSchema } from '../../server/convert/clean-json-schema';

// Gemini's Schema is an OpenAPI-3.0 subset: what the cleaner keeps, converts and removes.
describe('cleanJsonSchema', () => {
  test('properties named like keywords are data and survive; the keywords themselves do not', () => {
    const { schema, warnings } = cleanJsonSchema({
      type: 'object',
      not: { type: 'string' },
      properties: { not: { type: 'string' }, if: { type: 'number' }, additionalProperties: { type: 'boolean' } },
      additionalProperties: false,
    });
    expect(schema).toEqual({
      type: 'object',
      properties: { not: { type: 'string' }, if: { type: 'number' }, additionalProperties: { type: 'boolean' } },
    });
    expect(warnings).toEqual(['removed unsupported schema keyword "not"', 'removed unsupported schema keyword "additionalProperties"']);
  });

  test('each removed keyword is reported once, however often it occurs', () => {
    const leaf = { type: 'string', $comment: 'x' };
    const { warnings } = cleanJsonSchema({ type: 'object', $comment: 'y', properties: { a: leaf, b: leaf, c: { type: 'array', items: leaf } } });
    expect(warnings).toEqual(['removed unsupported schema keyword "$comment"']);
  });

  test('const → enum, type lists → nullable or anyOf, oneOf → anyOf, Optional-style anyOf collapses', () => {
    expect(cleanJsonSchema({ const: 'a' }).schema).toEqual({ enum: ['a'] });
    expect(cleanJsonSchema({ type: ['string', 'null'] }).schema).toEqual({ type: 'string', nullable: true });
    expect(cleanJsonSchema({ type: ['string', 'integer'] }).schema).toEqual({ anyOf: [{ type: 'string' }, { type: 'integer' }] });
    expect(cleanJsonSchema({ oneOf: [{ type: 'string' }, { type: 'number' }] }).schema).toEqual({ anyOf: [{ type: 'string' }, { type: 'number' }] });
    expect(cleanJsonSchema({ anyOf: [{ type: 'string', maxLength: 3 }, { type: 'null' }], description: 'd' }).schema).toEqual({
      type: 'string',
      maxLength: 3,
      nullable: true,
      description: 'd',
    });
    expect(cleanJsonSchema({ examples: ['x', 'y'] }).schema).toEqual({ example: 'x' });
  });

  test('local $refs are inlined (definitions and $defs), the referring node’s keys win', () => {
    const { schema, warnings } = cleanJsonSchema({
      type: 'object',
      properties: { a: { $ref: '#/definitions/A', description: 'mine' }, b: { $ref: '#/$defs/B' } },
      definitions: { A: { type: 'string', description: 'theirs' } },
      $defs: { B: { type: 'integer' } },
    });
    expect(schema).toEqual({ type: 'object', properties: { a: { type: 'string', description: 'mine' }, b: { type: 'integer' } } });
    expect(warnings).toEqual([]);
  });

  test('recursive and unresolvable $refs are cut, never followed forever', () => {
    const { schema, warnings } = cleanJsonSchema({
      type: 'object',
      properties: { self: { $ref: '#' }, far: { $ref: 'https://example.com/s.json' }, list: { $ref: '#/$defs/L' } },
      $defs: { L: { type: 'object', properties: { next: { $ref: '#/$defs/L' } } } },
    });
    expect(schema).toEqual({
      type: 'object',
      properties: { self: { type: 'object' }, far: {}, list: { type: 'object', properties: { next: { type: 'object' } } } },
    });
    expect(warnings).toEqual([
      'replaced recursive $ref "#" with an object without properties',
      'removed unresolvable $ref "https://example.com/s.json"',
      'replaced recursive $ref "#/$defs/L" with an object without properties',
    ]);
  });

  test('allOf merges its members (one member is simply that member)', () => {
    expect(cleanJsonSchema({ allOf: [{ type: 'string' }], description: 'd' }).schema).toEqual({ type: 'string', description: 'd' });
    const merged = cleanJsonSchema({
      allOf: [
        { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
        { properties: { b: { type: 'number' } }, required: ['b'] },
      ],
    });
    expect(merged.schema).toEqual({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } }, required: ['a', 'b'] });
  });

  test('empty properties and dangling required names are removed (Gemini 400s on both)', () => {
    const { schema, warnings } = cleanJsonSchema({ type: 'object', properties: {}, required: ['x'] });
    expect(schema).toEqual({ type: 'object' });
    expect(warnings).toEqual(['removed "required" names that are not properties']);
  });

  test('formats Gemini accepts stay, others go; non-string enums go but keep their type', () => {
    expect(cleanJsonSchema({ type: 'string', format: 'date-time' }).schema).toEqual({ type: 'string', format: 'date-time' });
    expect(cleanJsonSchema({ type: 'integer', format: 'int64' }).schema).toEqual({ type: 'integer', format: 'int64' });
    expect(cleanJsonSchema({ type: 'string', format: 'email' })).toEqual({ schema: { type: 'string' }, warnings: ['removed unsupported format "email"'] });
    expect(cleanJsonSchema({ enum: [1, 2] }).schema).toEqual({ type: 'integer' });
  });

  test('does not modify its input', () => {
    const input = { type: 'object', properties: { a: { type: ['string', 'null'], $comment: 'c' } }, additionalProperties: false };
    const copy = structuredClone(input);
    cleanJsonSchema(input);
    expect(input).toEqual(copy);
  });

  test('pathologically deep schemas are cut', () => {
    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 100; i++) deep = { type: 'array', items: deep };
    const { warnings } = cleanJsonSchema(deep);
    expect(warnings).toEqual(['cut schema nested deeper than 32 levels']);
  });
});

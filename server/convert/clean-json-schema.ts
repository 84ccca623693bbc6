/**
 * JSON Schema → the OpenAPI-3.0 subset Gemini accepts as functionDeclarations[].parameters and
 * generationConfig.responseSchema. Gemini answers 400 to any keyword outside that subset, so
 * unsupported keywords are removed, each reported once as a warning. Only schema positions are
 * walked (`properties` values, `items`, `anyOf` members, `$ref` targets): a property that happens
 * to be named `not` or `const` is data, not a keyword, and survives. Pure.
 */
type Schema = Record<string, unknown>;

export interface CleanedSchema {
  readonly schema: Schema;
  readonly warnings: readonly string[];
}

const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Gemini's Schema fields (ai.google.dev/api/caching#Schema), passed through as they are. */
const KEPT = new Set([
  'type', 'format', 'title', 'description', 'nullable', 'enum', 'maxItems', 'minItems', 'minProperties', 'maxProperties',
  'minLength', 'maxLength', 'pattern', 'example', 'propertyOrdering', 'default', 'minimum', 'maximum',
]);
/** Gemini rejects any other `format` ("only 'enum' and 'date-time' are supported for STRING type"). */
const FORMATS: Readonly<Record<string, readonly string[]>> = {
  string: ['enum', 'date-time'],
  number: ['float', 'double'],
  integer: ['int32', 'int64'],
};
/** Deep enough for real tool schemas; stops pathological or self-expanding input. */
const MAX_DEPTH = 32;

interface Walk {
  readonly root: Schema;
  readonly warnings: Set<string>;
  /** `$ref`s being expanded on the current path: meeting one again means the schema recurses. */
  readonly expanding: readonly string[];
  readonly depth: number;
}

export function cleanJsonSchema(schema: Schema): CleanedSchema {
  const warnings = new Set<string>();
  // '#' is always "being expanded": a reference to the root is recursion by definition.
  const cleaned = clean(schema, { root: schema, warnings, expanding: ['#'], depth: 0 });
  return { schema: cleaned, warnings: [...warnings] };
}

function clean(input: unknown, w: Walk): Schema {
  // `true` and non-objects mean "anything"; Gemini's closest is a schema without constraints.
  if (!isSchema(input)) return {};
  if (w.depth > MAX_DEPTH) {
    w.warnings.add(`cut schema nested deeper than ${MAX_DEPTH} levels`);
    return {};
  }
  if (typeof input.$ref === 'string') return cleanRef(input, input.$ref, w);
  if (Array.isArray(input.allOf)) return clean(mergeAllOf(input, input.allOf, w), w);
  const inner: Walk = { ...w, depth: w.depth + 1 };
  const out: Schema = {};
  for (const [key, value] of Object.entries(input)) cleanKeyword(out, key, value, input, inner);
  return finish(out, w);
}

function cleanKeyword(out: Schema, key: string, value: unknown, node: Schema, w: Walk): void {
  switch (key) {
    case 'properties':
      if (isSchema(value)) out.properties = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, clean(s, w)]));
      return;
    case 'required':
      if (Array.isArray(value)) out.required = value.filter((n) => typeof n === 'string');
      return;
    case 'items':
      if (Array.isArray(value)) w.warnings.add('replaced tuple "items" with "anyOf" of its members');
      out.items = Array.isArray(value) ? { anyOf: value.map((s) => clean(s, w)) } : clean(value, w);
      return;
    case 'type':
      Object.assign(out, typeOf(value));
      return;
    case 'anyOf':
      if (Array.isArray(value)) addUnion(out, value, w);
      return;
    case 'oneOf':
      // "exactly one" is not expressible; "at least one" is the closest Gemini has.
      if (Array.isArray(value) && node.anyOf === undefined) addUnion(out, value, w);
      else w.warnings.add('removed unsupported schema keyword "oneOf"');
      return;
    case 'const':
      if (node.enum === undefined) out.enum = [value];
      return;
    case 'examples':
      if (Array.isArray(value) && value.length > 0 && node.example === undefined) out.example = value[0];
      return;
    case '$defs':
    case 'definitions':
      return; // consumed by $ref resolution
    default:
      if (KEPT.has(key)) out[key] = value;
      else w.warnings.add(`removed unsupported schema keyword "${key}"`);
  }
}

/** `type: ["string", "null"]` is JSON Schema's spelling of OpenAPI's `nullable`. */
function typeOf(value: unknown): Schema {
  if (!Array.isArray(value)) return { type: value };
  const types = value.filter((t) => t !== 'null');
  const nullable = types.length < value.length ? { nullable: true } : {};
  if (types.length === 1) return { type: types[0], ...nullable };
  if (types.length === 0) return { type: 'null' };
  return { anyOf: types.map((t) => ({ type: t })), ...nullable };
}

/** `anyOf: [X, {type: "null"}]` (how pydantic writes Optional[X]) becomes X with nullable. */
function addUnion(out: Schema, members: readonly unknown[], w: Walk): void {
  const cleaned = members.map((m) => clean(m, w));
  const nonNull = cleaned.filter((m) => !(m.type === 'null' && Object.keys(m).length === 1));
  if (nonNull.length < cleaned.length) out.nullable = true;
  if (nonNull.length === 1) Object.assign(out, nonNull[0], out);
  else if (nonNull.length > 1) out.anyOf = nonNull;
}

function cleanRef(node: Schema, ref: string, w: Walk): Schema {
  const { $ref: _ref, ...siblings } = node;
  if (w.expanding.includes(ref)) {
    // Gemini schemas cannot recurse: the recursive spot becomes an object the model fills freely.
    w.warnings.add(`replaced recursive $ref "${ref}" with an object without properties`);
    return clean({ ...siblings, type: 'object' }, w);
  }
  const target = resolvePointer(w.root, ref);
  if (!isSchema(target)) {
    w.warnings.add(`removed unresolvable $ref "${ref}"`);
    return clean(siblings, w);
  }
  // The referring node's own keys (often a description) win over the definition's.
  return clean({ ...target, ...siblings }, { ...w, expanding: [...w.expanding, ref] });
}

/** Local JSON pointers only (`#/$defs/Name`, `#/definitions/Name`): nothing is fetched. */
function resolvePointer(root: Schema, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let at: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    at = isSchema(at) ? at[key] : undefined;
  }
  return at;
}

/** allOf is an intersection; merging the members' properties and required lists is its plain-object form. */
function mergeAllOf(node: Schema, members: readonly unknown[], w: Walk): Schema {
  const { allOf: _allOf, ...rest } = node;
  let merged: Schema = {};
  for (const member of [...members.map((m) => clean(m, { ...w, depth: w.depth + 1 })), rest]) {
    const properties = isSchema(merged.properties) && isSchema(member.properties) ? { ...merged.properties, ...member.properties } : undefined;
    const required = Array.isArray(merged.required) && Array.isArray(member.required) ? [...new Set([...merged.required, ...member.required])] : undefined;
    merged = { ...merged, ...member, ...(properties && { properties }), ...(required && { required }) };
  }
  return merged;
}

/** Checks that need the whole node: keyword combinations Gemini rejects. */
function finish(out: Schema, w: Walk): Schema {
  if (Array.isArray(out.enum) && !out.enum.every((e) => typeof e === 'string')) {
    // Gemini's enum is a list of strings; numbers or null would be a 400. The values' type stays.
    w.warnings.add('removed "enum" with non-string values');
    const types = new Set(out.enum.map((e) => (Number.isInteger(e) ? 'integer' : typeof e)));
    const [only] = types;
    if (out.type === undefined && types.size === 1 && ['integer', 'number', 'boolean'].includes(String(only))) out.type = only;
    delete out.enum;
  }
  const allowed = typeof out.type === 'string' ? (FORMATS[out.type] ?? []) : [];
  if (out.format !== undefined && !allowed.includes(String(out.format))) {
    w.warnings.add(`removed unsupported format "${String(out.format)}"`);
    delete out.format;
  }
  return finishObject(out, w);
}

function finishObject(out: Schema, w: Walk): Schema {
  if (isSchema(out.properties) && out.type === undefined) out.type = 'object';
  // An empty properties map is a 400 ("should be non-empty for OBJECT type").
  if (isSchema(out.properties) && Object.keys(out.properties).length === 0) delete out.properties;
  const names = isSchema(out.properties) ? Object.keys(out.properties) : [];
  if (Array.isArray(out.required)) {
    // Gemini rejects a required name that is not a property ("property is not defined").
    const required = out.required.filter((n) => names.includes(String(n)));
    if (required.length < out.required.length) w.warnings.add('removed "required" names that are not properties');
    if (required.length > 0) out.required = required;
    else delete out.required;
  }
  return out;
}

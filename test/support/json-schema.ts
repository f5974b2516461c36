/**
 * A validator for the subset of JSON Schema (2020-12) that docs/schemas uses. A keyword it does not
 * know is an error, never silently ignored: a schema cannot promise a check this does not make.
 */
type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', '$defs']);
const KNOWN = new Set([...ANNOTATIONS, 'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'pattern', 'minimum', 'minLength', 'minItems', 'maxItems', 'oneOf', '$ref']);

/** Every place `value` breaks `schema`, as "path: what" lines (empty: valid). */
export function validateSchema(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  check(root, root, value, '$', errors);
  return errors;
}

function check(root: Schema, schema: Schema, value: unknown, path: string, errors: string[]): void {
  for (const key of Object.keys(schema)) if (!KNOWN.has(key)) throw new Error(`json-schema subset: unsupported keyword ${key} at ${path}`);
  const fail = (what: string) => errors.push(`${path}: ${what}`);
  if (typeof schema.$ref === 'string') {
    const m = /^#\/\$defs\/([A-Za-z0-9]+)$/.exec(schema.$ref);
    const target = m && (root.$defs as Record<string, Schema> | undefined)?.[m[1]];
    if (!target) throw new Error(`json-schema subset: unresolvable $ref ${schema.$ref}`);
    check(root, target, value, path, errors);
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => typeOk(t, value))) return void fail(`not of type ${types.join('|')}`);
  }
  if (schema.const !== undefined && JSON.stringify(schema.const) !== JSON.stringify(value)) fail(`not ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) fail(`not one of ${JSON.stringify(schema.enum)}`);
  if (typeof value === 'string') {
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) fail(`does not match ${schema.pattern}`);
    if (typeof schema.minLength === 'number' && [...value].length < schema.minLength) fail(`shorter than ${schema.minLength}`);
  }
  if (typeof value === 'number' && typeof schema.minimum === 'number' && value < schema.minimum) fail(`below ${schema.minimum}`);
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) fail(`fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) fail(`more than ${schema.maxItems} items`);
    if (schema.items) value.forEach((v, i) => check(root, schema.items as Schema, v, `${path}[${i}]`, errors));
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in obj)) fail(`missing ${r}`);
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) check(root, props[k], v, `${path}.${k}`, errors);
      else if (schema.additionalProperties === false) fail(`unexpected member ${k}`);
    }
  }
  if (Array.isArray(schema.oneOf)) {
    const passing = (schema.oneOf as Schema[]).filter((s) => {
      const sub: string[] = [];
      check(root, s, value, path, sub);
      return sub.length === 0;
    });
    if (passing.length !== 1) fail(`matches ${passing.length} of the oneOf alternatives, not exactly one`);
  }
}

function typeOk(type: string, value: unknown): boolean {
  switch (type) {
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    default:
      throw new Error(`json-schema subset: unknown type ${type}`);
  }
}

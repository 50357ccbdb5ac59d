/**
 * Qdrant's own OpenAPI 3.0.1 document (kept outside the repo, in ../shared/qdrant), turned
 * into ajv validators: every request the Qdrant double receives is checked against the
 * operation's body and query parameter schemas, and its answers against the response schema.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

/** From tests/support/ up to the repo, then one level out: the repo's sibling `shared/` folder. */
export const qdrantOpenApiFile = fileURLToPath(new URL('../../../shared/qdrant/openapi-v1.19.json', import.meta.url));

/** True when the schema file is there, so the double validates. */
export const qdrantSchemaPresent = existsSync(qdrantOpenApiFile);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

type Operation = {
  method: string;
  template: string;
  pattern: RegExp;
  pointer: string;
  queryParams: Map<string, string>;
};

const DOC_ID = 'https://qdrant.double/openapi.json';
const MAX_U64 = 2 ** 64 - 1;
const F32_MAX = 3.4028234663852886e38;

const intIn = (min: number, max: number) => (n: number) => Number.isInteger(n) && n >= min && n <= max;
const uuidForms = [
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^[0-9a-f]{32}$/i,
  /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/i,
  /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
];
const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?$/;

/** The `format`s the document uses, checked the way Qdrant's Rust types would parse them. */
function addFormats(ajv: Ajv): void {
  ajv.addFormat('uint8', { type: 'number', validate: intIn(0, 255) });
  ajv.addFormat('uint32', { type: 'number', validate: intIn(0, 4294967295) });
  ajv.addFormat('uint64', { type: 'number', validate: intIn(0, MAX_U64) });
  ajv.addFormat('uint', { type: 'number', validate: intIn(0, MAX_U64) });
  ajv.addFormat('int64', { type: 'number', validate: intIn(-(2 ** 63), 2 ** 63 - 1) });
  ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) && Math.abs(n) <= F32_MAX });
  ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  // Qdrant parses ids with the uuid crate, which takes these four spellings.
  ajv.addFormat('uuid', { type: 'string', validate: (s: string) => uuidForms.some((re) => re.test(s)) });
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (s: string) => rfc3339.test(s) && !Number.isNaN(Date.parse(s)),
  });
  ajv.addFormat('partial-date-time', { type: 'string', validate: (s: string) => !Number.isNaN(Date.parse(s)) });
  ajv.addFormat('uri', { type: 'string', validate: (s: string) => URL.canParse(s) });
  ajv.addFormat('binary', { type: 'string', validate: () => true });
}

/** OpenAPI 3.0 `nullable: true` → JSON Schema: a `null` type (or enum member) beside the others. */
function convertNullable(node: Json): Json {
  if (Array.isArray(node)) return node.map(convertNullable);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) out[key] = convertNullable(value);
  if (typeof out.nullable !== 'boolean') return out;
  const nullable = out.nullable;
  delete out.nullable;
  if (!nullable) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    return out;
  }
  const composite = ['$ref', 'anyOf', 'oneOf', 'allOf'].some((k) => k in out);
  if (!composite) return { ...out, type: 'null' };
  const { description, default: fallback, ...rest } = out;
  const wrapped: JsonObject = { anyOf: [rest, { type: 'null' }] };
  if (description !== undefined) wrapped.description = description;
  if (fallback !== undefined) wrapped.default = fallback;
  return wrapped;
}

const pointerPart = (s: string) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'));

function errorsText(errors: ErrorObject[] | null | undefined): string {
  // Deepest first: with anyOf everywhere, the innermost complaint is the one that explains.
  const sorted = [...(errors ?? [])].sort(
    (a, b) => b.instancePath.split('/').length - a.instancePath.split('/').length,
  );
  const lines = sorted.map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  return [...new Set(lines)].slice(0, 6).join('; ');
}

/** Validators for the operations of Qdrant's REST API, looked up by method and concrete path. */
export class QdrantSchema {
  private readonly operations: Operation[] = [];
  private readonly bodies = new Ajv({ strict: false, allErrors: true });
  private readonly queries = new Ajv({ strict: false, allErrors: true, coerceTypes: true });
  private readonly compiled = new Map<string, ValidateFunction>();

  private constructor(doc: JsonObject) {
    const converted = convertNullable(doc) as JsonObject;
    converted.$id = DOC_ID;
    for (const ajv of [this.bodies, this.queries]) {
      addFormats(ajv);
      ajv.addSchema(converted);
    }
    const paths = (doc.paths ?? {}) as Record<string, Record<string, JsonObject>>;
    for (const [template, item] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(item)) {
        const queryParams = new Map<string, string>();
        const params = (op.parameters ?? []) as JsonObject[];
        params.forEach((p, i) => {
          if (p.in === 'query' && typeof p.name === 'string') {
            queryParams.set(p.name, `/paths/${pointerPart(template)}/${method}/parameters/${i}/schema`);
          }
        });
        const regex = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '([^/]+)');
        this.operations.push({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^${regex}$`),
          pointer: `/paths/${pointerPart(template)}/${method}`,
          queryParams,
        });
      }
    }
    // Literal paths before templated ones: `/collections/aliases` is not a collection name.
    const holes = (t: string) => (t.match(/\{/g) ?? []).length;
    this.operations.sort((a, b) => holes(a.template) - holes(b.template));
  }

  /** The schema from `file`, or null when the file is absent (a fresh clone without ../shared). */
  static load(file = qdrantOpenApiFile): QdrantSchema | null {
    if (!existsSync(file)) return null;
    return new QdrantSchema(JSON.parse(readFileSync(file, 'utf8')) as JsonObject);
  }

  /** The OpenAPI path template serving `method path`, or null when Qdrant has no such operation. */
  operationFor(method: string, path: string): string | null {
    return this.find(method, path)?.template ?? null;
  }

  /** Null when the request is one real Qdrant would accept, else the reason it would not. */
  checkRequest(method: string, path: string, query: URLSearchParams, body: unknown): string | null {
    const op = this.find(method, path);
    if (!op) return `no operation ${method} ${path} in the schema`;
    const values: Record<string, string> = {};
    for (const [name, pointer] of op.queryParams) {
      const raw = query.get(name);
      if (raw === null) continue;
      const holder = { value: raw };
      const check = this.validator(this.queries, `q${pointer}`, {
        type: 'object',
        properties: { value: { $ref: `${DOC_ID}#${pointer}` } },
      });
      if (!check(holder)) return `Query deserialize error: ${name}: ${errorsText(check.errors)}`;
      values[name] = raw;
    }
    const bodyPointer = `${op.pointer}/requestBody/content/${pointerPart('application/json')}/schema`;
    if (!this.has(bodyPointer)) return null;
    if (body === undefined) return 'Format error in JSON body: EOF while parsing a value at line 1 column 0';
    const check = this.validator(this.bodies, bodyPointer, { $ref: `${DOC_ID}#${bodyPointer}` });
    return check(body) ? null : `Format error in JSON body: ${errorsText(check.errors)}`;
  }

  /** Null when `body` matches the response schema the operation declares for `status`. */
  checkResponse(method: string, path: string, status: number, body: unknown): string | null {
    const op = this.find(method, path);
    if (!op) return `no operation ${method} ${path} in the schema`;
    const key = status === 200 ? '200' : status < 500 && this.has(`${op.pointer}/responses/4XX`) ? '4XX' : 'default';
    let pointer = `${op.pointer}/responses/${key}/content/${pointerPart('application/json')}/schema`;
    if (!this.has(pointer)) {
      if (status === 200) return `no 200 response schema for ${op.template}`;
      // Some operations (`GET /`) declare no error answer; Qdrant still sends its ErrorResponse.
      pointer = '/components/schemas/ErrorResponse';
    }
    const check = this.validator(this.bodies, pointer, { $ref: `${DOC_ID}#${pointer}` });
    return check(body) ? null : `${method} ${op.template} ${status}: ${errorsText(check.errors)}`;
  }

  private find(method: string, path: string): Operation | undefined {
    return this.operations.find((op) => op.method === method && op.pattern.test(path));
  }

  private has(pointer: string): boolean {
    return this.bodies.getSchema(`${DOC_ID}#${pointer}`) !== undefined;
  }

  private validator(ajv: Ajv, key: string, schema: object): ValidateFunction {
    let fn = this.compiled.get(key);
    if (!fn) {
      fn = ajv.compile(schema);
      this.compiled.set(key, fn);
    }
    return fn;
  }
}

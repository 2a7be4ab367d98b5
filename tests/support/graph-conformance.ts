/**
 * Checks Graph request/response bodies against Microsoft's published OpenAPI description of Graph v1.0
 * (`../shared/graph/openapi-subset.json`, see `shared/graph/README.md` and `FACTS.md`).
 *
 * How the document is read (each point is a decision about the 2023 OpenAPI.NET.OData output, not a guess about
 * Graph):
 * - Paths: origin, `/v1.0` and the query are stripped; segments are matched case-insensitively, literal segments
 *   before `{param}` segments (with backtracking); function/action segments match with or without the
 *   `microsoft.graph.` namespace and with or without `()` (`delta`, `delta()`, `microsoft.graph.delta()`).
 * - Status: exact code, then an `NXX` range key, then `default` for non-2xx codes. In this document `default` is always
 *   the ODataError response, so an undeclared 2xx is reported instead of being checked against the error schema —
 *   except for the service behaviours README §5 / FACTS §1 document (see `SERVICE_DEVIATIONS`).
 * - Schemas: the components are registered with ajv as one schema (`COMPONENTS_ID`) and referenced by JSON pointer;
 *   `nullable: true` is native in ajv 8 (no option needed; the v6 `nullable` option was removed). Inheritance
 *   (`allOf: [{$ref: base}, {own}]`) is flattened, because every level carries `additionalProperties: {type: object}`
 *   and a literal `allOf` would make each level reject the other levels' properties. `@odata.type` selects a derived
 *   type (`#microsoft.graph.openTypeExtension` in an `extension` collection) and must name the declared type or one
 *   derived from it. `x-*` vendor keywords are dropped before compiling. Compilation is lazy: each `$ref` becomes a
 *   `graphLazyRef` keyword that compiles its target (by JSON pointer into the registered components) on first use, so
 *   loading compiles nothing and a check compiles only the types its body reaches (eager `user` would take seconds).
 * - `additionalProperties`: every object schema in the document says `{type: "object"}`, so undeclared properties are
 *   accepted only when their value is a JSON object — that literal reading is kept. OData annotations the service adds
 *   are declared explicitly where it sends them (entities, complex types, collection pages).
 */
import { AssertionError } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type SchemaValidateFunction, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const GRAPH_OPENAPI_PATH = path.resolve(REPO_ROOT, '../shared/graph/openapi-subset.json');

/** `$id` under which the document's `components` are registered; `#/components/schemas/X` resolves against it. */
const COMPONENTS_ID = 'https://tandem.invalid/graph/openapi-subset.json';
const SCHEMA_PREFIX = '#/components/schemas/';
const ODATA_TYPE_KEYWORD = 'graphODataType';
const LAZY_REF_KEYWORD = 'graphLazyRef';
/** Where a lazily validated sub-schema's error keeps its own `data`/`schemaPath` (ajv overwrites both). */
const ORIGINAL = 'graphOriginal';

/**
 * Types the CSDL declares `OpenType="true"` (any extra property, any value) and the error's `innererror`, which the
 * document itself describes as "service-specific" (the service sends `date`, `request-id`, `client-request-id` strings).
 */
const OPEN_SCHEMAS = new Set([
  'microsoft.graph.openTypeExtension',
  'microsoft.graph.resourceData',
  'microsoft.graph.ODataErrors.InnerError',
]);

type SchemaObject = { [key: string]: unknown };
type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
const METHODS: readonly Method[] = ['get', 'post', 'patch', 'put', 'delete'];

interface OperationObject {
  operationId?: string;
  requestBody?: SchemaObject;
  responses?: Record<string, SchemaObject>;
  'x-ms-docs-operation-type'?: string;
}
type PathItem = Partial<Record<Method, OperationObject>> & { 'x-tandem-alias-of'?: string };
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, PathItem>;
  components: {
    schemas: Record<string, SchemaObject>;
    responses?: Record<string, SchemaObject>;
    requestBodies?: Record<string, SchemaObject>;
  };
}

export interface GraphConformanceOptions {
  /**
   * Accept `null` for properties declared as a bare `$ref` (complex types and enums). This edition of the document
   * writes `nullable: true` on primitive properties only — references never carry the CSDL's `Nullable` — while the
   * service does send `null` for unset complex properties (e.g. `"recurrence": null` in Microsoft's event examples).
   * Default true.
   */
  nullableReferences?: boolean;
  /** Apply `SERVICE_DEVIATIONS` (statuses the real service uses but the document does not declare). Default true. */
  serviceDeviations?: boolean;
}

export interface GraphOperationMatch {
  method: Method;
  /** The document's path key, e.g. `/me/contacts/{contact-id}`. */
  template: string;
  /** The `/users/{user-id}/…` path a `/me/…` alias stands for (`x-tandem-alias-of`), else `template`. */
  canonicalTemplate: string;
  operationId: string;
  /** `operation`, `function` or `action` (`x-ms-docs-operation-type`). */
  operationType: string;
  /** Path parameters, URL-decoded. */
  params: Record<string, string>;
}

export type GraphMatchResult = { ok: true; operation: GraphOperationMatch } | { ok: false; error: string };

export interface GraphResponseInput {
  method: string;
  url: string;
  status: number;
  body: unknown;
}
export interface GraphRequestInput {
  method: string;
  url: string;
  body: unknown;
}

/**
 * Where the real service answers with a status the 2023 document does not declare (README §5, FACTS §1, §7).
 * `schema: 'entity'` = the updated entity, i.e. the operation's own request-body schema (the entity type).
 */
export const SERVICE_DEVIATIONS: ReadonlyArray<{
  id: string;
  applies: (m: GraphOperationMatch, status: number, declared: string[]) => boolean;
  expect: 'empty' | 'entity' | 'empty-or-declared';
  source: string;
}> = [
  {
    id: 'patch-returns-200-with-entity',
    applies: (m, status, declared) => m.method === 'patch' && status === 200 && declared.includes('204'),
    expect: 'entity',
    source: 'README §5 (GET/PATCH → 200); the document declares PATCH → 204',
  },
  {
    id: 'action-returns-202',
    applies: (m, status, declared) =>
      m.method === 'post' && m.operationType === 'action' && status === 202 && declared.includes('204'),
    expect: 'empty',
    source: 'README §5 / FACTS §1, §0.17 (sendMail, event cancel/accept/decline → 202, no body)',
  },
  {
    id: 'installed-apps-post-201-empty',
    applies: (m, status) =>
      m.method === 'post' && status === 201 && /\/teamwork\/installedApps$/.test(m.canonicalTemplate),
    expect: 'empty-or-declared',
    source: 'FACTS §0.19 / §7 (POST …/teamwork/installedApps → 201, empty body)',
  },
];

let cachedDocument: OpenApiDocument | undefined;
let cachedDefault: GraphConformance | undefined;

function readDocument(): OpenApiDocument {
  cachedDocument ??= JSON.parse(readFileSync(GRAPH_OPENAPI_PATH, 'utf8')) as OpenApiDocument;
  return cachedDocument;
}

const isObject = (v: unknown): v is SchemaObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const refName = (ref: string): string => {
  if (!ref.startsWith(SCHEMA_PREFIX)) throw new Error(`unsupported $ref ${ref}`);
  return ref.slice(SCHEMA_PREFIX.length);
};

/** `microsoft.graph.delta()` / `delta()` / `Delta` → `delta`: the key under which literal segments are compared. */
function segmentKey(segment: string): string {
  return segment
    .replace(/^microsoft\.graph\./i, '')
    .replace(/\(\)$/, '')
    .toLowerCase();
}

interface TrieNode {
  literals: Map<string, TrieNode>;
  param?: TrieNode;
  template?: string;
}
const newNode = (): TrieNode => ({ literals: new Map() });

/** Turns the document's `components.schemas` into what ajv compiles (see the module comment). */
class SchemaTranslator {
  readonly bases = new Map<string, string>();
  readonly descendants = new Map<string, Set<string>>();
  private readonly lowerNames = new Map<string, string>();
  private readonly flatMemo = new Map<string, SchemaObject>();

  constructor(
    private readonly raw: Record<string, SchemaObject>,
    private readonly nullableReferences: boolean,
  ) {
    for (const [name, schema] of Object.entries(raw)) {
      this.lowerNames.set(name.toLowerCase(), name);
      const base = this.inheritance(schema)?.base;
      if (base) this.bases.set(name, base);
    }
    for (const name of Object.keys(raw)) {
      for (let b = this.bases.get(name); b; b = this.bases.get(b)) {
        if (!this.descendants.has(b)) this.descendants.set(b, new Set());
        this.descendants.get(b)!.add(name);
      }
    }
  }

  /** All component schemas, translated. */
  components(): Record<string, SchemaObject> {
    const out: Record<string, SchemaObject> = {};
    for (const name of Object.keys(this.raw)) out[name] = this.component(name);
    return out;
  }

  /** An inline schema of an operation (delta pages, action parameters), with refs pointing into the components. */
  inline(schema: SchemaObject): SchemaObject {
    const out = this.node(schema) as SchemaObject;
    if (out.type === 'object') this.annotate('', out);
    return out;
  }

  /** Why an `@odata.type` value does not fit the declared type, or undefined when it does. */
  odataTypeProblem(declared: string, value: string): string | undefined {
    const m = /^#?microsoft\.graph\.(.+)$/i.exec(value);
    if (!m) return `'${value}' is not a namespace-qualified Graph type (expected '#microsoft.graph.<type>')`;
    const known = this.lowerNames.get(`microsoft.graph.${m[1]}`.toLowerCase());
    if (!known) return undefined; // a type outside the subset: cannot be judged here
    if (known === declared || this.descendants.get(declared)?.has(known)) return undefined;
    return `'${value}' is not ${declared} or a type derived from it`;
  }

  private inheritance(schema: SchemaObject): { base: string; own: SchemaObject } | undefined {
    const allOf = schema.allOf;
    if (!Array.isArray(allOf) || allOf.length !== 2) return undefined;
    const [first, own] = allOf as unknown[];
    if (!isObject(first) || typeof first.$ref !== 'string' || !isObject(own) || own.$ref) return undefined;
    return { base: refName(first.$ref), own };
  }

  private isEntity(name: string): boolean {
    for (let n: string | undefined = name; n; n = this.bases.get(n))
      if (n === 'microsoft.graph.entity') return true;
    return false;
  }

  /** The type with its base types' properties merged in (still in document form). */
  private flatten(name: string): SchemaObject {
    const memo = this.flatMemo.get(name);
    if (memo) return memo;
    const schema = this.raw[name];
    if (!schema) throw new Error(`no component schema ${name}`);
    const inh = this.inheritance(schema);
    let flat: SchemaObject = schema;
    if (inh) {
      const base = this.flatten(inh.base);
      const { allOf: _allOf, ...outer } = schema;
      const required = [
        ...new Set([...((base.required as string[]) ?? []), ...((inh.own.required as string[]) ?? [])]),
      ];
      flat = {
        ...base,
        ...outer,
        ...inh.own,
        properties: { ...(base.properties as SchemaObject), ...(inh.own.properties as SchemaObject) },
      };
      if (required.length) flat.required = required;
      else delete flat.required;
    }
    this.flatMemo.set(name, flat);
    return flat;
  }

  private component(name: string): SchemaObject {
    const flat = this.node(this.flatten(name)) as SchemaObject;
    const isObjectType = flat.type === 'object' || isObject(flat.properties);
    if (isObjectType) this.annotate(name, flat);
    if (OPEN_SCHEMAS.has(name)) flat.additionalProperties = true;

    const derived = [...(this.descendants.get(name) ?? [])].sort();
    if (!derived.length) return flat;
    const spellings = (n: string) => [`#${n}`, n];
    const typeIs = (names: string[]): SchemaObject => ({
      type: 'object',
      required: ['@odata.type'],
      properties: { '@odata.type': { enum: names } },
    });
    return {
      title: flat.title,
      allOf: [
        ...derived.map((d) => ({ if: typeIs(spellings(d)), then: { [LAZY_REF_KEYWORD]: d } })),
        { if: typeIs(derived.flatMap(spellings)), else: flat },
      ],
    };
  }

  /** Declares the OData annotations the service adds to this kind of object. */
  private annotate(name: string, flat: SchemaObject): void {
    const props = (flat.properties ??= {}) as SchemaObject;
    const str = { type: 'string' };
    if ('value' in props && '@odata.nextLink' in props) {
      // A collection page (`…CollectionResponse`, delta pages): nextLink/deltaLink are declared by the document.
      props['@odata.context'] ??= str;
      props['@odata.count'] ??= { type: 'integer', minimum: 0 };
      return;
    }
    if (!name.startsWith('microsoft.graph.') || name.startsWith('microsoft.graph.ODataErrors.')) return;
    props['@odata.type'] = { type: 'string', [ODATA_TYPE_KEYWORD]: name };
    if (!this.isEntity(name)) return;
    props['@odata.context'] = str;
    props['@odata.etag'] = str;
    props['@odata.id'] = str;
    props['@removed'] = {
      type: 'object',
      required: ['reason'],
      properties: { reason: { enum: ['changed', 'deleted'] } },
    };
    // Property annotations: `singleValueExtendedProperties@odata.context` (on $expand), `teamsApp@odata.bind` (requests).
    const annotated = '^[A-Za-z_][A-Za-z0-9_]*@odata\\.';
    flat.patternProperties = {
      [`${annotated}(context|nextLink|deltaLink|navigationLink|associationLink|type|etag)$`]: str,
      [`${annotated}count$`]: { type: 'integer', minimum: 0 },
      [`${annotated}bind$`]: { type: ['string', 'array'], items: str },
    };
  }

  /**
   * Drops `x-*`/`example`, turns `$ref`s into `graphLazyRef` and makes property refs nullable (option). A lazy ref
   * compiles its target on first use: compiling `user` eagerly would compile most of the directory model (seconds).
   */
  private node(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.node(v));
    if (!isObject(value)) return value;
    const out: SchemaObject = {};
    for (const [k, v] of Object.entries(value)) {
      if (k.startsWith('x-') || k === 'example') continue;
      if (k === '$ref' && typeof v === 'string') out[LAZY_REF_KEYWORD] = refName(v);
      else if (k === 'enum' || k === 'required' || k === 'default') out[k] = v;
      else if (k === 'properties' && isObject(v)) {
        const props: SchemaObject = {};
        for (const [p, s] of Object.entries(v)) props[p] = this.property(this.node(s) as SchemaObject);
        out.properties = props;
      } else out[k] = this.node(v);
    }
    return out;
  }

  private property(schema: SchemaObject): SchemaObject {
    const keys = Object.keys(schema);
    if (!this.nullableReferences || keys.length !== 1 || keys[0] !== LAZY_REF_KEYWORD) return schema;
    return { if: { not: { type: 'null' } }, then: schema };
  }
}

type Expectation =
  | { kind: 'schema'; key: string; validate: ValidateFunction; schemaName: string; emptyAllowed?: boolean }
  | { kind: 'empty'; key: string }
  | { kind: 'error'; message: string };

export class GraphConformance {
  /** Milliseconds spent reading the document and preparing ajv (schemas compile later, per operation). */
  readonly loadMs: number;
  private readonly doc: OpenApiDocument;
  private readonly ajv: Ajv;
  private readonly translator: SchemaTranslator;
  private readonly trie = newNode();
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly deviations: boolean;

  /** The shared instance with default options (the document is read and prepared once per process). */
  static load(): GraphConformance {
    cachedDefault ??= new GraphConformance();
    return cachedDefault;
  }

  /** A separate instance with other options (the parsed document is still shared). */
  static create(options: GraphConformanceOptions): GraphConformance {
    return new GraphConformance(options);
  }

  private constructor(options: GraphConformanceOptions = {}) {
    const started = performance.now();
    this.doc = readDocument();
    this.deviations = options.serviceDeviations ?? true;
    this.translator = new SchemaTranslator(this.doc.components.schemas, options.nullableReferences ?? true);

    this.ajv = new Ajv({
      allErrors: true,
      strict: true,
      strictTypes: false,
      inlineRefs: false,
      verbose: true,
    });
    const addFormats = formatsModule.default;
    addFormats(this.ajv);
    this.addGraphFormats();
    const translator = this.translator;
    const checkODataType: SchemaValidateFunction = (declared: string, data: unknown) => {
      const problem = typeof data === 'string' ? translator.odataTypeProblem(declared, data) : undefined;
      checkODataType.errors = problem
        ? [{ keyword: ODATA_TYPE_KEYWORD, message: problem, params: { declared } }]
        : [];
      return !problem;
    };
    this.ajv.addKeyword({
      keyword: ODATA_TYPE_KEYWORD,
      schemaType: 'string',
      errors: true,
      validate: checkODataType,
    });
    const lazyRef: SchemaValidateFunction = (name: string, data: unknown, _parent, cxt) => {
      const validate = this.componentValidator(name);
      const ok = validate(data) as boolean;
      lazyRef.errors = ok
        ? []
        : (validate.errors ?? []).map((e) => ({
            ...e,
            instancePath: (cxt?.instancePath ?? '') + e.instancePath,
            params:
              ORIGINAL in e.params
                ? e.params
                : {
                    ...e.params,
                    [ORIGINAL]: { data: e.data, schemaPath: e.schemaPath, parentSchema: e.parentSchema },
                  },
          }));
      return ok;
    };
    this.ajv.addKeyword({ keyword: LAZY_REF_KEYWORD, schemaType: 'string', errors: true, validate: lazyRef });
    this.ajv.addKeyword({ keyword: 'components' }); // the container of the registered schemas, not a constraint
    this.ajv.addSchema(
      { $id: COMPONENTS_ID, components: { schemas: this.translator.components() } },
      undefined,
      undefined,
      false,
    );

    for (const template of Object.keys(this.doc.paths)) this.addTemplate(template);
    this.loadMs = performance.now() - started;
  }

  /** Which operation of the document a client call addresses. */
  match(method: string, url: string): GraphMatchResult {
    const m = method.toLowerCase() as Method;
    if (!METHODS.includes(m)) return { ok: false, error: `unsupported HTTP method ${method}` };
    const p = GraphConformance.pathOf(url);
    const segments = p
      .split('/')
      .filter((s) => s !== '')
      .map((s) => {
        try {
          return decodeURIComponent(s);
        } catch {
          return s;
        }
      });
    const template = GraphConformance.search(this.trie, segments, 0);
    if (!template)
      return { ok: false, error: `no path of the Graph v1.0 description matches ${p} (from ${url})` };
    const item = this.doc.paths[template]!;
    const op = item[m];
    if (!op) {
      const allowed = METHODS.filter((x) => item[x]).map((x) => x.toUpperCase());
      return {
        ok: false,
        error: `${method.toUpperCase()} is not declared for ${template} (declares ${allowed.join(', ')})`,
      };
    }
    const params: Record<string, string> = {};
    template
      .split('/')
      .filter((s) => s !== '')
      .forEach((t, i) => {
        const name = /^\{(.+)\}$/.exec(t)?.[1];
        if (name) params[name] = segments[i]!;
      });
    return {
      ok: true,
      operation: {
        method: m,
        template,
        canonicalTemplate: item['x-tandem-alias-of'] ?? template,
        operationId: op.operationId ?? `${m} ${template}`,
        operationType: op['x-ms-docs-operation-type'] ?? 'operation',
        params,
      },
    };
  }

  /** Errors (empty when conformant) of a Graph response body against the schema declared for that operation and status. */
  checkResponse(input: GraphResponseInput): string[] {
    const matched = this.match(input.method, input.url);
    if (!matched.ok) return [matched.error];
    const m = matched.operation;
    if (!Number.isInteger(input.status) || input.status < 100 || input.status > 599) {
      return [`invalid HTTP status ${String(input.status)}`];
    }
    const expectation = this.responseExpectation(m, input.status);
    if (expectation.kind === 'error') return [expectation.message];
    if (expectation.kind === 'empty') {
      return GraphConformance.isEmpty(input.body, input.status)
        ? []
        : [`status ${input.status} (${expectation.key}) has no content, but a body was given`];
    }
    if (expectation.emptyAllowed && GraphConformance.isEmpty(input.body, input.status)) return [];
    const errors = this.validate(expectation.validate, input.body, expectation.schemaName);
    if (input.status >= 200 && input.status < 300)
      errors.push(...GraphConformance.annotationPlacement(m, input.body));
    return errors;
  }

  /** Errors (empty when conformant) of a request body against the operation's `requestBody` schema. */
  checkRequest(input: GraphRequestInput): string[] {
    const matched = this.match(input.method, input.url);
    if (!matched.ok) return [matched.error];
    const m = matched.operation;
    const op = this.operation(m);
    const requestBody = op.requestBody ? this.deref(op.requestBody, 'requestBodies') : undefined;
    const empty = GraphConformance.isEmpty(input.body, 0);
    if (!requestBody) return empty ? [] : [`${m.operationId} declares no request body, but one was given`];
    if (empty) return requestBody.required ? [`${m.operationId} requires a request body`] : [];
    const schema = this.contentSchema(requestBody);
    if (!schema) return [];
    const validate = this.compile(`${m.method} ${m.template} request`, schema);
    let body = GraphConformance.parseIfText(input.body);
    if (m.operationType === 'action') body = GraphConformance.matchParameterCase(body, schema);
    return this.validate(validate, body, GraphConformance.schemaName(schema));
  }

  /** Throws an AssertionError listing the errors, naming the matched path template and operationId. */
  assertResponse(input: GraphResponseInput): void {
    const errors = this.checkResponse(input);
    if (errors.length) this.fail(`response ${input.status} to`, input, errors);
  }

  /** Throws an AssertionError listing the errors of a request body. */
  assertRequest(input: GraphRequestInput): void {
    const errors = this.checkRequest(input);
    if (errors.length) this.fail('request body of', input, errors);
  }

  private fail(what: string, input: { method: string; url: string; body: unknown }, errors: string[]): never {
    const matched = this.match(input.method, input.url);
    const where = matched.ok
      ? `${matched.operation.method.toUpperCase()} ${matched.operation.template} (operationId ${matched.operation.operationId})`
      : 'no operation of the document';
    throw new AssertionError({
      message: `Graph conformance: ${what} ${input.method.toUpperCase()} ${input.url} → ${where}:\n${errors
        .map((e) => `  - ${e}`)
        .join('\n')}`,
      actual: input.body,
      operator: 'graphConformance',
    });
  }

  private responseExpectation(m: GraphOperationMatch, status: number): Expectation {
    const op = this.operation(m);
    const responses = op.responses ?? {};
    const declared = Object.keys(responses);
    const range = declared.find((k) => k.toUpperCase() === `${Math.floor(status / 100)}XX`);
    let key = declared.includes(String(status)) ? String(status) : range;
    const success = status >= 200 && status < 300;

    const deviation = this.deviations
      ? SERVICE_DEVIATIONS.find(
          (d) => d.applies(m, status, declared) && (d.expect === 'empty-or-declared' || !key),
        )
      : undefined;
    if (deviation?.expect === 'empty') return { kind: 'empty', key: `${status} (${deviation.id})` };
    if (deviation?.expect === 'entity') {
      const requestBody = op.requestBody ? this.deref(op.requestBody, 'requestBodies') : undefined;
      const schema = requestBody && this.contentSchema(requestBody);
      if (schema) {
        return {
          kind: 'schema',
          key: `${status} (${deviation.id})`,
          validate: this.compile(`${m.method} ${m.template} request`, schema),
          schemaName: GraphConformance.schemaName(schema),
        };
      }
    }
    if (!key && !success && responses.default) key = 'default';
    if (!key) {
      return {
        kind: 'error',
        message:
          `status ${status} is not declared for ${m.method.toUpperCase()} ${m.template} (${m.operationId}); ` +
          `declared: ${declared.join(', ')}${responses.default ? ' (default = the error response)' : ''}`,
      };
    }
    const response = this.deref(responses[key]!, 'responses');
    const schema = this.contentSchema(response);
    if (!schema) return { kind: 'empty', key };
    return {
      kind: 'schema',
      key,
      validate: this.compile(`${m.method} ${m.template} ${key}`, schema),
      schemaName: GraphConformance.schemaName(schema),
      emptyAllowed: deviation?.expect === 'empty-or-declared',
    };
  }

  private operation(m: GraphOperationMatch): OperationObject {
    return this.doc.paths[m.template]![m.method]!;
  }

  /** Follows `#/components/responses/…` / `#/components/requestBodies/…`. */
  private deref(obj: SchemaObject, kind: 'responses' | 'requestBodies'): SchemaObject {
    if (typeof obj.$ref !== 'string') return obj;
    const prefix = `#/components/${kind}/`;
    const target = obj.$ref.startsWith(prefix)
      ? this.doc.components[kind]?.[obj.$ref.slice(prefix.length)]
      : undefined;
    if (!target) throw new Error(`unresolvable ${obj.$ref}`);
    return target;
  }

  private contentSchema(obj: SchemaObject): SchemaObject | undefined {
    const content = obj.content;
    if (!isObject(content)) return undefined;
    const json = Object.keys(content).find((c) => c.includes('json'));
    const media = json ? content[json] : undefined;
    return isObject(media) && isObject(media.schema) ? media.schema : undefined;
  }

  private compile(cacheKey: string, schema: SchemaObject): ValidateFunction {
    if (typeof schema.$ref === 'string') return this.componentValidator(refName(schema.$ref));
    let validate = this.compiled.get(cacheKey);
    if (!validate) {
      validate = this.ajv.compile(this.translator.inline(schema));
      this.compiled.set(cacheKey, validate);
    }
    return validate;
  }

  private componentValidator(name: string): ValidateFunction {
    const key = `#${name}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile({ $ref: COMPONENTS_ID + SCHEMA_PREFIX + name });
      this.compiled.set(key, validate);
    }
    return validate;
  }

  private validate(validate: ValidateFunction, rawBody: unknown, schemaName: string): string[] {
    const body = GraphConformance.parseIfText(rawBody);
    if (body === undefined) return [`expected a JSON body (${schemaName}), got none`];
    if (validate(body)) return [];
    return GraphConformance.formatErrors(validate.errors ?? []);
  }

  private addGraphFormats(): void {
    const known = (f: string) => this.ajv.formats[f] !== undefined;
    // Edm.TimeOfDay has no zone (ajv-formats' `time` requires one); Edm.Binary is sent as base64 or base64url.
    this.ajv.addFormat('time', /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,12})?$/);
    this.ajv.addFormat('base64url', /^[A-Za-z0-9+/_-]*={0,2}$/);
    this.ajv.addFormat('int16', {
      type: 'number',
      validate: (n: number) => Number.isInteger(n) && n >= -32768 && n <= 32767,
    });
    this.ajv.addFormat('int8', {
      type: 'number',
      validate: (n: number) => Number.isInteger(n) && n >= -128 && n <= 127,
    });
    this.ajv.addFormat('uint8', {
      type: 'number',
      validate: (n: number) => Number.isInteger(n) && n >= 0 && n <= 255,
    });
    this.ajv.addFormat('decimal', { type: 'number', validate: (n: number) => Number.isFinite(n) });
    // Any other format the document uses is accepted rather than failing compilation.
    const formats = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (isObject(v)) {
        if (typeof v.format === 'string') formats.add(v.format);
        Object.values(v).forEach(walk);
      }
    };
    walk(this.doc.components.schemas);
    walk(this.doc.paths);
    for (const f of formats) if (!known(f)) this.ajv.addFormat(f, true);
  }

  private addTemplate(template: string): void {
    let node = this.trie;
    for (const seg of template.split('/').filter((s) => s !== '')) {
      if (/^\{.+\}$/.test(seg)) node = node.param ??= newNode();
      else {
        const key = segmentKey(seg);
        let next = node.literals.get(key);
        if (!next) node.literals.set(key, (next = newNode()));
        node = next;
      }
    }
    if (node.template) throw new Error(`paths ${node.template} and ${template} are indistinguishable`);
    node.template = template;
  }

  private static search(node: TrieNode, segments: string[], i: number): string | undefined {
    if (i === segments.length) return node.template;
    const literal = node.literals.get(segmentKey(segments[i]!));
    const viaLiteral = literal && GraphConformance.search(literal, segments, i + 1);
    if (viaLiteral) return viaLiteral;
    return node.param && GraphConformance.search(node.param, segments, i + 1);
  }

  /** `https://host:port/v1.0/me/x?$select=…` → `/me/x`. */
  private static pathOf(url: string): string {
    let p = url.trim().replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
    p = p.split(/[?#]/, 1)[0] ?? '';
    if (!p.startsWith('/')) p = `/${p}`;
    return p.replace(/^\/v1\.0(?=\/|$)/i, '') || '/';
  }

  /** No body. A 204 cannot carry one on the wire, so `{}` there is a client library's placeholder (superagent). */
  private static isEmpty(body: unknown, status: number): boolean {
    if (body === undefined || body === null || body === '') return true;
    if (body instanceof Uint8Array) return body.length === 0;
    return status === 204 && isObject(body) && Object.keys(body).length === 0;
  }

  private static parseIfText(body: unknown): unknown {
    if (body instanceof Uint8Array) body = Buffer.from(body).toString('utf8');
    if (typeof body !== 'string') return body;
    if (body === '') return undefined;
    try {
      return JSON.parse(body) as unknown;
    } catch {
      return body;
    }
  }

  /** Action parameters are `Comment`, `SendResponse`, `Message` in the document, `comment`… in the docs and the SDKs. */
  private static matchParameterCase(body: unknown, schema: SchemaObject): unknown {
    if (!isObject(body) || !isObject(schema.properties)) return body;
    const names = new Map(Object.keys(schema.properties).map((n) => [n.toLowerCase(), n]));
    return Object.fromEntries(Object.entries(body).map(([k, v]) => [names.get(k.toLowerCase()) ?? k, v]));
  }

  /** `@removed` items belong to delta pages only (the schemas admit it on every entity). */
  private static annotationPlacement(m: GraphOperationMatch, body: unknown): string[] {
    if (segmentKey(m.template.split('/').at(-1) ?? '') === 'delta' || !isObject(body)) return [];
    const items = Array.isArray(body.value) ? body.value.map((v, i) => [`/value/${i}`, v] as const) : [];
    return [['', body] as const, ...items]
      .filter(([, v]) => isObject(v) && '@removed' in v)
      .map(([where]) => `${where || '(body)'}/@removed: only delta responses carry @removed`);
  }

  private static schemaName(schema: SchemaObject): string {
    if (typeof schema.$ref === 'string') return refName(schema.$ref);
    return typeof schema.title === 'string' ? `inline schema "${schema.title}"` : 'inline schema';
  }

  private static formatErrors(errors: ErrorObject[]): string[] {
    // `if` errors ('must match "then" schema') only repeat the errors of the branch taken.
    const useful = errors.filter((e) => e.keyword !== 'if');
    const lines = (useful.length ? useful : errors).map((error) => {
      const original = (error.params as Record<string, unknown>)[ORIGINAL] as
        Pick<ErrorObject, 'data' | 'schemaPath' | 'parentSchema'> | undefined;
      const e = original ? { ...error, ...original } : error;
      const where = e.instancePath || '(body)';
      if (e.keyword === 'type' && e.schemaPath.endsWith('/additionalProperties/type')) {
        return `${where}: not a declared property; the schema admits undeclared properties only with an object value (${e.message})`;
      }
      if (e.keyword === 'enum') {
        const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues ?? [];
        return `${where} must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')} (got ${JSON.stringify(e.data)})`;
      }
      if (e.keyword === 'required') {
        const missing = (e.params as { missingProperty?: string }).missingProperty;
        return `${where} is missing required property "${missing}"`;
      }
      if (e.keyword === 'type') {
        const orNull = e.parentSchema?.nullable === true ? ' or null' : '';
        return `${where} ${e.message}${orNull} (got ${JSON.stringify(e.data)})`;
      }
      return `${where} ${e.message}`;
    });
    return [...new Set(lines)];
  }
}

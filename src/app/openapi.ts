import { z } from 'zod';
import { problemSchema } from '../platform/http/problem.js';
import type { RouteSpec } from '../platform/http/route.js';

type JsonSchema = Record<string, unknown>;

const ERROR_RESPONSES: Record<number, string> = {
  400: 'Invalid request (bad JSON, unknown or mistyped fields, malformed id or cursor)',
  401: 'Missing, invalid or expired token',
  403: 'Not a member, organisation not found, or not permitted',
  404: 'No such record, or not visible to the caller',
  412: 'If-Match does not match the current version',
  413: 'Body too large',
  415: 'Body is not JSON',
};

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

function parametersOf(spec: RouteSpec): JsonSchema[] {
  const params: JsonSchema[] = [];
  const add = (where: 'path' | 'query', schema?: z.ZodType) => {
    if (!schema) return;
    const json = schemaOf(schema, 'input') as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [name, s] of Object.entries(json.properties ?? {})) {
      params.push({
        name,
        in: where,
        required: where === 'path' || (json.required ?? []).includes(name),
        schema: s,
        ...(s.description ? { description: s.description } : {}),
      });
    }
  };
  add('path', spec.params);
  add('query', spec.query);
  for (const h of spec.headers ?? []) {
    params.push({
      name: h.name,
      in: 'header',
      required: h.required ?? false,
      description: h.description,
      schema: { type: 'string' },
    });
  }
  return params;
}

/** OpenAPI 3.1 document built from the same route specs and zod schemas the server validates with. */
export function buildOpenApi(specs: RouteSpec[], info: { version: string }): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const spec of specs) {
    const responses: Record<string, JsonSchema> = {};
    for (const [status, doc] of Object.entries(spec.responses)) {
      responses[status] = {
        description: doc.description,
        ...(doc.headers
          ? {
              headers: Object.fromEntries(
                Object.entries(doc.headers).map(([k, d]) => [
                  k,
                  { description: d, schema: { type: 'string' } },
                ]),
              ),
            }
          : {}),
        ...(doc.schema
          ? { content: { 'application/json': { schema: schemaOf(doc.schema, 'output') } } }
          : {}),
      };
    }
    const errorStatuses = [
      400,
      401,
      403,
      ...(spec.params ? [404] : []),
      ...(spec.headers?.some((h) => h.name === 'If-Match') ? [412] : []),
      ...(spec.body ? [413, 415] : []),
    ];
    for (const status of errorStatuses) {
      responses[status] = {
        description: ERROR_RESPONSES[status],
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
    (paths[toOpenApiPath(`/api/v1${spec.path}`)] ??= {})[spec.method] = {
      operationId: spec.operationId,
      summary: spec.summary,
      tags: [spec.tag],
      parameters: parametersOf(spec),
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schemaOf(spec.body, 'input') } },
            },
          }
        : {}),
      responses,
      security: [{ entra: ['access_as_user'] }],
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tandem API',
      version: info.version,
      description:
        'The REST API behind Tandem’s Teams tabs. Errors are RFC 9457 problem+json with a stable `code`.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Problem: schemaOf(problemSchema, 'output') },
      securitySchemes: {
        entra: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Entra ID access token for Tandem’s app registration with the access_as_user scope.',
        },
      },
    },
  };
}

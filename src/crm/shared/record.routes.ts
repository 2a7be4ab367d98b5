import { z } from 'zod';
import { BadRequestError } from '../../platform/errors/app-error.js';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { actorOf } from '../../tenancy/principal.js';
import { CHANGE_ACTIONS, CHANGE_SOURCES } from './field-history.table.js';
import { uuidSchema } from './common.schema.js';
import {
  createSchemaOf,
  responseSchemaOf,
  updateSchemaOf,
  type RecordDefinition,
} from './record.definition.js';
import { etagOf, type ExpectedVersion, type RecordService } from './record.service.js';
import { decodeHistoryCursor, encodeHistoryCursor } from './history-cursor.js';

const idParams = z.strictObject({ id: uuidSchema });

const limit = z.coerce.number().int().min(1).max(100).default(25);

export const listQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(200).optional().meta({ description: 'Case-insensitive text search.' }),
  owner: z
    .union([z.literal('me'), uuidSchema])
    .optional()
    .meta({ description: 'Only records owned by this user id, or `me`.' }),
  cursor: uuidSchema.optional().meta({ description: 'The `nextCursor` of the previous page.' }),
  limit,
});

const historyQuerySchema = z.strictObject({
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const historyEntrySchema = z.object({
  id: uuidSchema,
  changeId: uuidSchema.meta({ description: 'Entries written by the same change share it.' }),
  version: z.number().int().meta({ description: 'Record version after the change.' }),
  action: z.enum(CHANGE_ACTIONS),
  field: z.string(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  source: z.enum(CHANGE_SOURCES),
  actorUserId: uuidSchema.nullable(),
  reason: z.string().nullable(),
  changedAt: z.iso.datetime(),
});

const ifMatchHeader = {
  name: 'If-Match',
  description: 'ETag from a previous response; a stale one gives 412 and changes nothing.',
};

/**
 * Parses If-Match into the versions it accepts. Weak tags never match (RFC 9110 §13.1.1 strong
 * comparison); a malformed header is a 400 rather than silently ignored.
 */
export function parseIfMatch(header: string | undefined): ExpectedVersion | undefined {
  if (header === undefined) return undefined;
  if (header.trim() === '*') return '*';
  const versions: number[] = [];
  for (const raw of header.split(',')) {
    const tag = raw.trim();
    const strong = /^"(\d{1,9})"$/.exec(tag);
    if (strong) versions.push(Number(strong[1]));
    else if (!/^W\/"[^"]*"$/.test(tag) && !/^"[^"]*"$/.test(tag)) {
      throw new BadRequestError('invalid_if_match', 'The If-Match header is not a list of entity tags.');
    }
  }
  return versions;
}

/** The REST operations of one CRM collection. */
export function recordRoutes(def: RecordDefinition, service: RecordService): RouteSpec[] {
  const base = `/${def.collection}`;
  const name = def.title;
  const entity = responseSchemaOf(def);
  const page = z.object({ items: z.array(entity), nextCursor: z.string().nullable() });
  const tag = def.collection;
  const etag = { ETag: 'Version of the record, for If-Match.' };
  return [
    defineRoute({
      method: 'get',
      path: base,
      operationId: `list${name}s`,
      summary: `List ${def.collection} (newest first), with search, owner filter and paging`,
      tag,
      query: listQuerySchema,
      responses: { 200: { description: `A page of ${def.collection}`, schema: page } },
      handler: async ({ principal, query }) => {
        const owner = query.owner === 'me' ? principal.userId : query.owner;
        return { status: 200, body: await service.list(actorOf(principal), def, { ...query, owner }) };
      },
    }),
    defineRoute({
      method: 'post',
      path: base,
      operationId: `create${name}`,
      summary: `Create a ${name.toLowerCase()}`,
      tag,
      body: createSchemaOf(def),
      responses: {
        201: {
          description: 'Created',
          schema: entity,
          headers: { ...etag, Location: 'URL of the new record' },
        },
      },
      handler: async ({ principal, body, req }) => {
        const dto = await service.create(actorOf(principal), def, body as Record<string, unknown>);
        return {
          status: 201,
          body: dto,
          headers: { Location: `${req.baseUrl}${base}/${dto.id}`, ETag: etagOf(dto.version) },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: `${base}/:id`,
      operationId: `get${name}`,
      summary: `Get a ${name.toLowerCase()}`,
      tag,
      params: idParams,
      headers: [{ name: 'If-None-Match', description: 'ETag; 304 when unchanged.' }],
      responses: {
        200: { description: name, schema: entity, headers: etag },
        304: { description: 'Unchanged' },
      },
      handler: async ({ principal, params, req }) => {
        const dto = await service.get(actorOf(principal), def, params.id);
        const headers = { ETag: etagOf(dto.version) };
        const unchanged = req.headers['if-none-match']
          ?.split(',')
          .some((t) => t.trim() === etagOf(dto.version));
        return unchanged ? { status: 304, headers } : { status: 200, body: dto, headers };
      },
    }),
    defineRoute({
      method: 'patch',
      path: `${base}/:id`,
      operationId: `update${name}`,
      summary: `Update a ${name.toLowerCase()}: only the fields sent change; null clears an optional field`,
      tag,
      params: idParams,
      body: updateSchemaOf(def),
      headers: [ifMatchHeader],
      responses: { 200: { description: 'Updated', schema: entity, headers: etag } },
      handler: async ({ principal, params, body, req }) => {
        const expected = parseIfMatch(req.headers['if-match']);
        const dto = await service.update(
          actorOf(principal),
          def,
          params.id,
          body as Record<string, unknown>,
          expected,
        );
        return { status: 200, body: dto, headers: { ETag: etagOf(dto.version) } };
      },
    }),
    defineRoute({
      method: 'delete',
      path: `${base}/:id`,
      operationId: `delete${name}`,
      summary: `Delete a ${name.toLowerCase()} (kept with its history; it leaves every list)`,
      tag,
      params: idParams,
      headers: [ifMatchHeader],
      responses: { 204: { description: 'Deleted' } },
      handler: async ({ principal, params, req }) => {
        await service.remove(actorOf(principal), def, params.id, parseIfMatch(req.headers['if-match']));
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: `${base}/:id/history`,
      operationId: `get${name}History`,
      summary: `Field history of a ${name.toLowerCase()}: every change of every field, newest first`,
      tag,
      params: idParams,
      query: historyQuerySchema,
      responses: {
        200: {
          description: 'History entries',
          schema: z.object({ items: z.array(historyEntrySchema), nextCursor: z.string().nullable() }),
        },
      },
      handler: async ({ principal, params, query }) => {
        const { items, next } = await service.historyOf(actorOf(principal), def, params.id, {
          after: query.cursor === undefined ? undefined : decodeHistoryCursor(query.cursor),
          limit: query.limit,
        });
        return {
          status: 200,
          body: {
            items: items.map((h) => ({
              id: h.id,
              changeId: h.changeId,
              version: h.version,
              action: h.action,
              field: h.field,
              oldValue: h.oldValue,
              newValue: h.newValue,
              source: h.source,
              actorUserId: h.actorUserId,
              reason: h.reason,
              changedAt: h.changedAt.toISOString(),
            })),
            nextCursor: next ? encodeHistoryCursor(next) : null,
          },
        };
      },
    }),
  ];
}

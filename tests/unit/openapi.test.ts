import assert from 'node:assert/strict';
import { buildOpenApi } from '../../src/app/openapi.js';
import { CRM_DEFINITIONS } from '../../src/crm/crm.definitions.js';
import { recordRoutes } from '../../src/crm/shared/record.routes.js';
import type { RecordService } from '../../src/crm/shared/record.service.js';
import { meRoutes } from '../../src/tenancy/me.routes.js';

describe('OpenAPI document', () => {
  const routes = [...meRoutes(), ...CRM_DEFINITIONS.flatMap((d) => recordRoutes(d, {} as RecordService))];
  const doc = buildOpenApi(routes, { version: 'test' }) as any;

  it('documents every route the server mounts, once', () => {
    const ops = Object.entries(doc.paths).flatMap(([p, methods]) =>
      Object.keys(methods as object).map((m) => `${m} ${p}`),
    );
    assert.equal(ops.length, routes.length);
    assert.equal(ops.length, 1 + 6 * CRM_DEFINITIONS.length);
    assert.ok(ops.includes('patch /api/v1/contacts/{id}'));
    assert.ok(ops.includes('get /api/v1/meetings/{id}/history'));
    const ids = Object.values(doc.paths).flatMap((m: any) => Object.values(m).map((o: any) => o.operationId));
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
  });

  it('request bodies come from the validating schemas: strict, with required fields', () => {
    const create = doc.paths['/api/v1/accounts'].post.requestBody.content['application/json'].schema;
    assert.equal(create.additionalProperties, false);
    assert.deepEqual(create.required, ['name']);
    const patch = doc.paths['/api/v1/accounts/{id}'].patch.requestBody.content['application/json'].schema;
    assert.equal(patch.required, undefined);
    assert.ok(doc.paths['/api/v1/accounts/{id}'].patch.parameters.some((p: any) => p.name === 'If-Match'));
    assert.ok(doc.paths['/api/v1/accounts/{id}'].patch.responses['412']);
  });

  it('errors are problem+json', () => {
    const r = doc.paths['/api/v1/contacts'].get.responses['401'];
    assert.deepEqual(r.content['application/problem+json'].schema, { $ref: '#/components/schemas/Problem' });
    assert.ok(doc.components.schemas.Problem.properties.code);
  });
});

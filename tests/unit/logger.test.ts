import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { createLogger } from '../../src/platform/logging/logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _e, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info', destination }) };
}

describe('Logger', () => {
  it('redacts tokens and secrets wherever they sit', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        authorization: 'Bearer eyJsecret',
        token: 'tok-secret',
        nested: { clientState: 'cs-secret', access_token: 'at-secret' },
      },
      'hello',
    );
    const line = lines.join('');
    for (const secret of ['eyJsecret', 'tok-secret', 'cs-secret', 'at-secret'])
      assert.ok(!line.includes(secret), secret);
    assert.match(line, /\[redacted\]/);
  });

  it('keeps the values of a failed query out of error logs', () => {
    const { lines, logger } = capture();
    const pgError = Object.assign(
      new Error('duplicate key value violates unique constraint "users_tenant_object"'),
      {
        code: '23505',
        detail: 'Key (email)=(grace@navy.example) already exists.',
      },
    );
    const err = new DrizzleQueryError(
      'insert into "contacts" ("last_name") values ($1)',
      ['Hopper', 'grace@navy.example'],
      pgError,
    );
    logger.error({ err }, 'request failed');
    const line = lines.join('');
    assert.ok(!line.includes('grace@navy.example'), line);
    assert.ok(!line.includes('Hopper'), line);
    assert.match(line, /insert into \\"contacts\\"/);
    assert.match(line, /23505/);
  });
});

import assert from 'node:assert/strict';
import type { BrokeredToken } from '../../../src/auth/token-broker.js';
import { ForbiddenError } from '../../../src/platform/errors/app-error.js';
import { GraphCallError } from '../../../src/sync/graph/graph-port.js';
import { BrokerTokenSource } from '../../../src/sync/graph/graph-tokens.js';

/** A broker issuing numbered one-hour tokens (or failing as told), on a clock the test moves. */
function issuing(clock: { t: number }, fail?: Error) {
  const calls: string[] = [];
  const token = (kind: string): BrokeredToken => ({
    accessToken: `${kind}-${calls.length}`,
    expiresOn: new Date(clock.t + 3_600_000),
    scopes: [],
    fromCache: false,
  });
  return {
    calls,
    forApp: async (tenantId: string) => {
      calls.push(`app:${tenantId}`);
      if (fail) throw fail;
      return token('app');
    },
    forUser: async (subject: { objectId: string }) => {
      calls.push(`user:${subject.objectId}`);
      return token('user');
    },
  };
}

describe('Graph tokens from the broker', () => {
  const app = { kind: 'app' as const, tenantId: 'T1' };
  const user = {
    kind: 'user' as const,
    tenantId: 't1',
    objectId: 'o1',
    ssoToken: 'sso',
    scopes: ['Contacts.ReadWrite'],
  };

  it('reuses an app token until five minutes before it expires, then asks the broker again', async () => {
    const clock = { t: 0 };
    const broker = issuing(clock);
    const source = new BrokerTokenSource(broker, () => clock.t);
    assert.equal(await source.token(app, false), 'app-1');
    clock.t = 54 * 60_000;
    assert.equal(await source.token({ kind: 'app', tenantId: 't1' }, false), 'app-1');
    clock.t = 55 * 60_000;
    assert.equal(await source.token(app, false), 'app-2');
    assert.deepEqual(broker.calls, ['app:T1', 'app:T1']);
  });

  it('does not hand back the same app token after Graph answered 401', async () => {
    const clock = { t: 0 };
    const source = new BrokerTokenSource(issuing(clock), () => clock.t);
    assert.equal(await source.token(app, false), 'app-1');
    assert.equal(await source.token(app, true), 'app-2');
  });

  it('always asks the broker for delegated tokens (it checks the SSO token is the subject’s)', async () => {
    const clock = { t: 0 };
    const broker = issuing(clock);
    const source = new BrokerTokenSource(broker, () => clock.t);
    await source.token(user, false);
    await source.token(user, false);
    assert.deepEqual(broker.calls, ['user:o1', 'user:o1']);
  });

  it('classifies the broker’s failures (consent → CONSENT_REQUIRED)', async () => {
    const source = new BrokerTokenSource(issuing({ t: 0 }, new ForbiddenError('consent_required', 'x')));
    const err = await source.token(app, false).catch((e: unknown) => e);
    assert.ok(err instanceof GraphCallError);
    assert.equal(err.code, 'CONSENT_REQUIRED');
  });
});

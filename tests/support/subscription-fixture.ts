import { GraphConformance } from './graph-conformance.js';
import { startTestSandbox, type TestSandbox } from './test-sandbox.js';
import { WebhookReceiver } from './webhook-receiver.js';

/** Graph's 10 s / 3 s / 2,900 ms / retry schedule, scaled so that each test takes well under two seconds. */
export const TEST_TIMINGS = {
  validationTimeoutMs: 500,
  deliveryTimeoutMs: 400,
  slowThresholdMs: 300,
  coalesceMs: 150,
  retryDelaysMs: [100, 150, 200],
  retryWindowMs: 5_000,
};

export const inMinutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

type User = { id: string; userPrincipalName: string };

/**
 * A sandbox with scaled notification timings, a local webhook receiver (Tandem's endpoint), user A
 * signed in (delegated, Outlook's app id) with two contact folders, Tandem's app-only token, and
 * helpers whose Graph responses are all checked against Microsoft's OpenAPI.
 */
export class SubscriptionFixture {
  sbx!: TestSandbox;
  hooks!: WebhookReceiver;
  token!: string;
  appToken!: string;
  userA!: User;
  userB!: User;
  /** The subscribed ("Tandem Contacts") folder and another folder of user A. */
  folder!: string;
  otherFolder!: string;
  readonly conformance = GraphConformance.load();

  start = async () => {
    this.sbx = await startTestSandbox({}, { subscriptions: TEST_TIMINGS });
    this.hooks = await WebhookReceiver.start();
    [this.userA, this.userB] = [this.sbx.tenants[0]!.users[2]!, this.sbx.tenants[0]!.users[3]!];
    this.token = await this.sbx.token(this.userA.userPrincipalName, 'graph');
    const app = await this.sbx
      .msal(this.sbx.tenants[0]!.id)
      .acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
    this.appToken = app!.accessToken;
    this.folder = (await this.call('POST', '/me/contactFolders', { displayName: 'Tandem Contacts' })).body.id;
    this.otherFolder = (await this.call('POST', '/me/contactFolders', { displayName: 'Private' })).body.id;
  };

  stop = async () => {
    await this.sbx.stop();
    await this.hooks.close();
  };

  /** A raw Graph call (user A unless `as` is given), its response checked for conformance. */
  call = async (method: string, path: string, body?: unknown, as = this.token) => {
    const res = await fetch(`${this.sbx.url}/v1.0${path}`, {
      method,
      headers: { authorization: `Bearer ${as}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    const json = text ? JSON.parse(text) : undefined;
    this.conformance.assertResponse({
      method,
      url: `${this.sbx.url}/v1.0${path}`,
      status: res.status,
      body: json,
    });
    return { status: res.status, body: json };
  };

  /** `/_sandbox/subscriptions…` */
  tool = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${this.sbx.url}/_sandbox/subscriptions${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  /** The tool's delivery statistics of a subscription, once `ready` holds (they follow the POST's answer). */
  deliveryStats = async (id: string, ready: (stats: any) => boolean) => {
    const deadline = Date.now() + 2000;
    for (;;) {
      const { delivery } = (await this.tool('GET', '')).body.subscriptions.find((s: any) => s.id === id);
      if (ready(delivery) || Date.now() > deadline) return delivery;
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  /** POST /subscriptions on the Tandem folder to the receiver's `path`, with `overrides`. */
  subscribe = (path: string, overrides: Record<string, unknown> = {}, as = this.token) =>
    this.call(
      'POST',
      '/subscriptions',
      {
        changeType: 'created,updated,deleted',
        notificationUrl: this.hooks.url(path),
        resource: `me/contactFolders/${this.folder}/contacts`,
        expirationDateTime: inMinutes(60),
        clientState: `state-for-${path}`,
        ...overrides,
      },
      as,
    );

  addContact = (givenName: string, where = this.folder, as = this.token) =>
    this.call('POST', `/me/contactFolders/${where}/contacts`, { givenName, surname: 'Test' }, as);
}

import type { Client } from '@microsoft/microsoft-graph-client';
import { seededEvent } from '../../../../src/sandbox/graph/events-model.js';
import { SyncHarness, waitFor } from './sync-harness.js';
import type { SandboxedMember } from '../../../support/sandboxed-app.js';

export const CALENDAR = 'Tandem';

/** The engine's test world (sandbox over HTTPS, real database) seen through the meetings module. */
export class MeetingsHarness {
  private constructor(readonly h: SyncHarness) {}

  /** `now`: the sync engine's clock (the system's when absent). */
  static async start(
    env: Record<string, string> = {},
    options: { now?: () => Date } = {},
  ): Promise<MeetingsHarness> {
    return new MeetingsHarness(await SyncHarness.start(env, options));
  }

  get member() {
    return this.h.member;
  }
  get admin() {
    return this.h.admin;
  }
  get outlook() {
    return this.h.outlook;
  }
  get world() {
    return this.h.world;
  }

  api(method: string, path: string, body?: unknown, token = this.member.token) {
    return this.h.api(method, path, body, token);
  }

  async view(token = this.member.token): Promise<any> {
    const res = await this.api('GET', '/sync/meetings', undefined, token);
    if (res.status !== 200) throw new Error(`GET /sync/meetings: ${res.status} ${res.text}`);
    return res.body;
  }

  async enable(options?: Record<string, unknown>, token = this.member.token): Promise<any> {
    const res = await this.api(
      'PUT',
      '/sync/meetings',
      { enabled: true, ...(options ? { options } : {}) },
      token,
    );
    if (res.status !== 200) throw new Error(`enable: ${res.status} ${res.text}`);
    return res.body;
  }

  async createCrmMeeting(fields: Record<string, unknown>, token = this.member.token): Promise<any> {
    const res = await this.api('POST', '/meetings', fields, token);
    if (res.status !== 201) throw new Error(`POST /meetings: ${res.status} ${res.text}`);
    return res.body;
  }

  async crmMeetings(token = this.member.token): Promise<any[]> {
    const res = await this.api('GET', '/meetings?limit=100', undefined, token);
    return res.body.items;
  }

  /** Graph as `user` (the member by default) signs in to it. */
  async graphOf(user: SandboxedMember): Promise<Client> {
    if (user.id === this.member.id) return this.outlook;
    const sandbox = this.world.sandbox;
    return sandbox.graph(await sandbox.token(user.userPrincipalName, 'graph'));
  }

  /** Calendars named "Tandem" in the member's mailbox. */
  async calendars(user: SandboxedMember = this.member): Promise<{ id: string }[]> {
    const res = await (
      await this.graphOf(user)
    )
      .api(`/users/${user.id}/calendars`)
      .filter(`name eq '${CALENDAR}'`)
      .get();
    return res.value;
  }

  async calendarId(user: SandboxedMember = this.member): Promise<string> {
    const [calendar] = await this.calendars(user);
    if (!calendar) throw new Error('no Tandem calendar');
    return calendar.id;
  }

  /** The single events and series masters of a calendar, with their times in UTC. */
  async events(calendarId: string, user: SandboxedMember = this.member): Promise<any[]> {
    const res = await (
      await this.graphOf(user)
    )
      .api(`/users/${user.id}/calendars/${calendarId}/events`)
      .top(100)
      .get();
    return res.value;
  }

  async instances(masterId: string, from: string, to: string): Promise<any[]> {
    const res = await this.outlook
      .api(`/users/${this.member.id}/events/${masterId}/instances`)
      .query({ startDateTime: from, endDateTime: to })
      .top(100)
      .get();
    return res.value;
  }

  /**
   * An event organised by someone else in `user`'s mailbox (their main calendar unless
   * `calendarId`), answered `response`; `iCalUId` makes it the same meeting as another's copy.
   */
  invitation(
    subject: string,
    organizer: { name: string; address: string },
    options: { calendarId?: string; user?: SandboxedMember; response?: string; iCalUId?: string } = {},
  ) {
    const user = options.user ?? this.member;
    const store = this.world.sandbox.sandbox.store;
    const mailbox = store.mailbox(this.world.tenant().id, user.id)!;
    const created = store.create(
      mailbox,
      'events',
      seededEvent(
        {
          subject,
          start: { dateTime: '2026-07-01T10:00:00', timeZone: 'Europe/Paris' },
          end: { dateTime: '2026-07-01T11:00:00', timeZone: 'Europe/Paris' },
          organizer: { emailAddress: organizer },
          attendees: [
            { emailAddress: { address: user.userPrincipalName }, type: 'required' },
            { emailAddress: organizer, type: 'required' },
          ],
          responseStatus: { response: options.response ?? 'accepted' },
        },
        { name: user.userPrincipalName, address: user.userPrincipalName },
      ),
      options.calendarId ?? mailbox.wellKnown.calendar,
    );
    return options.iCalUId
      ? store.update(mailbox, 'events', created.id, { iCalUId: options.iCalUId })
      : created;
  }

  async syncNow(token = this.member.token): Promise<any> {
    const since = Date.now();
    const res = await this.api('POST', '/sync/meetings/run', undefined, token);
    if (res.status !== 202 && res.status !== 200) throw new Error(`run: ${res.status} ${res.text}`);
    return this.settled(since, token);
  }

  async settled(since: number, token = this.member.token, timeoutMs = 30_000): Promise<any> {
    return waitFor(async () => {
      const v = await this.view(token);
      const ran = v.lastSuccessAt && Date.parse(v.lastRunAt) >= since - 1000;
      return ran && v.state === 'idle' && v.pending === 0 ? v : undefined;
    }, timeoutMs);
  }

  async journal(token = this.member.token): Promise<any[]> {
    return (await this.api('GET', '/sync/meetings/journal', undefined, token)).body.entries;
  }

  async tool(method: string, path: string, body?: unknown) {
    const res = await fetch(`${this.world.sandbox.url}/_sandbox${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res;
  }

  stop() {
    return this.h.stop();
  }
}

export type { SandboxedMember };
export { waitFor };

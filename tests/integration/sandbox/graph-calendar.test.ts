import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@microsoft/microsoft-graph-client';
import { PageIterator } from '@microsoft/microsoft-graph-client';
import { startTestSandbox, type TestSandbox } from '../../support/test-sandbox.js';
import { graphCaller } from '../../support/graph-call.js';
import { GRAPH_OPENAPI_PATH, GraphConformance } from '../../support/graph-conformance.js';

const TANDEM_ID = 'String {8e9c4a7e-3c1b-4d2a-9f5e-2b7d6c1a0e33} Name TandemRecordId';
const PARIS = 'outlook.timezone="Europe/Paris"';

/**
 * Event properties Microsoft's 2026 CSDL added after the 2023 OpenAPI (csdl-drift.json): the
 * conformance check reads the 2023 document, so they are checked here by the tests instead.
 */
const CSDL_2026_EVENT_PROPERTIES = Object.keys(
  (
    JSON.parse(readFileSync(path.join(path.dirname(GRAPH_OPENAPI_PATH), 'csdl-drift.json'), 'utf8')) as {
      types: Record<string, { propertiesAddedInCsdl?: Record<string, unknown> }>;
    }
  ).types['microsoft.graph.event']?.propertiesAddedInCsdl ?? {},
);

describe('Sandbox: Graph calendars and events', () => {
  let sbx: TestSandbox;
  let graph: Client;
  let token: string;
  let upn: string;
  let tandem: string;
  const conformance = GraphConformance.load();

  const checked = (method: string, url: string, status: number, body: unknown) => {
    const comparable =
      body && typeof body === 'object'
        ? Object.fromEntries(Object.entries(body).filter(([k]) => !CSDL_2026_EVENT_PROPERTIES.includes(k)))
        : body;
    conformance.assertResponse({ method, url, status, body: comparable });
  };

  const call = graphCaller(
    () => sbx.url,
    () => token,
    checked,
  );

  /** A whole delta round through the official client (it follows the absolute https links). */
  async function sdkRound(start: string, query: Record<string, string> = {}) {
    let link = start;
    let page = await graph.api(link).query(query).header('Prefer', 'odata.maxpagesize=2').get();
    const items: any[] = [];
    let pages = 0;
    for (;;) {
      checked('GET', link.startsWith('https://') ? link : `${sbx.url}/v1.0${link}`, 200, page);
      items.push(...page.value);
      pages++;
      if (!page['@odata.nextLink']) break;
      assert.ok(page.value.length <= 2);
      link = page['@odata.nextLink'];
      page = await graph.api(link).get();
    }
    assert.match(page['@odata.deltaLink'], /\$deltatoken=/);
    return { items, pages, deltaLink: page['@odata.deltaLink'] as string };
  }

  const event = (subject: string, start: string, end: string, timeZone = 'Europe/Paris', extra = {}) => ({
    subject,
    start: { dateTime: start, timeZone },
    end: { dateTime: end, timeZone },
    ...extra,
  });

  before(async () => {
    sbx = await startTestSandbox();
    upn = sbx.tenants[0]!.users[2]!.userPrincipalName;
    token = await sbx.token(upn, 'graph');
    graph = sbx.graph(token);
  });
  after(() => sbx.stop());

  it('creates the Tandem calendar once (409 ErrorFolderExists), keeps the default one, deletes a calendar with its events', async () => {
    const def = await call('GET', '/me/calendar');
    assert.equal(def.status, 200);
    assert.equal(def.body.isDefaultCalendar, true);
    assert.equal(def.body.isRemovable, false);
    const created = await call('POST', '/me/calendars', { name: 'Tandem' });
    assert.equal(created.status, 201);
    assert.equal(created.body.isRemovable, true);
    assert.equal(created.body.owner.address, upn);
    tandem = created.body.id;
    const dup = await call('POST', '/me/calendars', { name: 'tandem' });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.error.code, 'ErrorFolderExists');
    const found = await call('GET', `/me/calendars?$filter=name eq 'Tandem'`);
    assert.deepEqual(
      found.body.value.map((c: any) => c.id),
      [tandem],
    );
    const renamed = await call('PATCH', `/me/calendars/${tandem}`, { color: 'LightGreen' });
    assert.equal(renamed.body.color, 'lightGreen');
    assert.equal((await call('DELETE', `/me/calendars/${def.body.id}`)).status, 400);

    const scratch = (await call('POST', '/me/calendars', { name: 'Scratch' })).body.id;
    const inside = await call(
      'POST',
      `/me/calendars/${scratch}/events`,
      event('Gone soon', '2026-05-04T10:00:00', '2026-05-04T11:00:00'),
    );
    assert.equal((await call('DELETE', `/me/calendars/${scratch}`)).status, 204);
    assert.equal((await call('GET', `/me/events/${inside.body.id}`)).status, 404);
    assert.equal((await call('GET', `/me/calendars/${scratch}`)).status, 404);
  });

  it('CRUDs an event with Graph’s shape, time zones, If-Match and extended properties', async () => {
    const created = await call(
      'POST',
      `/me/calendars/${tandem}/events`,
      event('Kick-off', '2026-06-10T09:00:00', '2026-06-10T10:30:00', 'Romance Standard Time', {
        body: { contentType: 'text', content: 'Agenda & goals' },
        location: { displayName: 'Salle 4' },
        attendees: [{ emailAddress: { address: 'ada@example.com', name: 'Ada' }, type: 'Required' }],
        singleValueExtendedProperties: [{ id: TANDEM_ID, value: 'crm:meeting:7' }],
      }),
    );
    assert.equal(created.status, 201);
    const e = created.body;
    assert.equal(e.type, 'singleInstance');
    assert.equal(e.isOrganizer, true);
    assert.equal(e.organizer.emailAddress.address, upn);
    assert.deepEqual(e.responseStatus, { response: 'organizer', time: '0001-01-01T00:00:00Z' });
    assert.equal(e.originalStartTimeZone, 'Romance Standard Time');
    assert.deepEqual(e.start, { dateTime: '2026-06-10T07:00:00.0000000', timeZone: 'UTC' });
    assert.deepEqual(e.end, { dateTime: '2026-06-10T08:30:00.0000000', timeZone: 'UTC' });
    assert.match(e.iCalUId, /^040000008200E00074C5B7101A82E008/);
    assert.equal(e['@odata.etag'], `W/"${e.changeKey}"`);
    assert.equal(e.attendees[0].type, 'required');
    assert.equal(e.locations[0].displayName, 'Salle 4');
    assert.equal(e.bodyPreview, 'Agenda & goals');
    assert.match(e.body.content, /<div>Agenda &amp; goals<\/div>/, 'text bodies come back as HTML');
    assert.equal(e.singleValueExtendedProperties, undefined);

    const paris = await call('GET', `/me/events/${e.id}`, undefined, { prefer: PARIS });
    assert.deepEqual(paris.body.start, { dateTime: '2026-06-10T09:00:00.0000000', timeZone: 'Europe/Paris' });
    assert.equal(paris.headers.get('preference-applied'), PARIS);
    const text = await call('GET', `/me/calendars/${tandem}/events/${e.id}?$select=body`, undefined, {
      prefer: 'outlook.body-content-type="text"',
    });
    assert.deepEqual(text.body.body, { contentType: 'text', content: 'Agenda & goals' });

    const expanded = await call(
      'GET',
      `/me/events/${e.id}?$expand=singleValueExtendedProperties($filter=id eq '${TANDEM_ID}')`,
    );
    assert.deepEqual(expanded.body.singleValueExtendedProperties, [
      { id: TANDEM_ID, value: 'crm:meeting:7' },
    ]);
    const filter = `singleValueExtendedProperties/Any(ep: ep/id eq '${TANDEM_ID}' and ep/value eq 'crm:meeting:7')`;
    const hits = await call('GET', `/me/calendars/${tandem}/events?$filter=${encodeURIComponent(filter)}`);
    assert.deepEqual(
      hits.body.value.map((x: any) => x.id),
      [e.id],
    );

    const updated = await call(
      'PATCH',
      `/me/events/${e.id}`,
      { subject: 'Kick-off (v2)' },
      { 'if-match': e['@odata.etag'] },
    );
    assert.equal(updated.status, 200);
    assert.notEqual(updated.body.changeKey, e.changeKey);
    const stale = await call(
      'PATCH',
      `/me/events/${e.id}`,
      { subject: 'Lost update' },
      { 'if-match': e['@odata.etag'] },
    );
    assert.equal(stale.status, 412);
    assert.equal(stale.body.error.code, 'ErrorIrresolvableConflict');
    const staleDelete = await call('DELETE', `/me/events/${e.id}`, undefined, {
      'if-match': e['@odata.etag'],
    });
    assert.equal(staleDelete.status, 412);

    const unknown = await call('POST', '/me/events', {
      ...event('x', '2026-06-11T09:00:00', '2026-06-11T10:00:00'),
      colour: 'red',
    });
    assert.equal(unknown.body.error.code, 'RequestBodyRead');
    const badZone = await call(
      'POST',
      '/me/events',
      event('x', '2026-06-11T09:00:00', '2026-06-11T10:00:00', 'Mars/Olympus'),
    );
    assert.equal(badZone.status, 400);
    assert.equal(badZone.body.error.code, 'TimeZoneNotSupportedException');

    assert.equal((await call('DELETE', `/me/calendars/${tandem}/events/${e.id}`)).status, 204);
    const gone = await call('GET', `/me/events/${e.id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.error.code, 'ErrorItemNotFound');
  });

  it('de-duplicates a retried create by transactionId (201 with the same event)', async () => {
    const body = event('Retried', '2026-06-12T14:00:00', '2026-06-12T15:00:00', 'Europe/Paris', {
      transactionId: 'tandem-meeting-42-create',
    });
    const first = await call('POST', `/me/calendars/${tandem}/events`, body);
    const retry = await call('POST', `/me/calendars/${tandem}/events`, body);
    assert.equal(first.status, 201);
    assert.equal(retry.status, 201);
    assert.equal(retry.body.id, first.body.id);
    assert.equal(retry.body.transactionId, 'tandem-meeting-42-create');
    const same = await call(
      'GET',
      `/me/calendars/${tandem}/events?$filter=transactionId eq 'tandem-meeting-42-create'`,
    );
    assert.equal(same.body.value.length, 1);
  });

  it('keeps all-day events midnight to midnight and refuses the others', async () => {
    const ok = await call(
      'POST',
      `/me/calendars/${tandem}/events`,
      event('Bastille Day', '2026-07-14T00:00:00', '2026-07-15T00:00:00', 'Europe/Paris', { isAllDay: true }),
    );
    assert.equal(ok.status, 201);
    assert.deepEqual(ok.body.start, { dateTime: '2026-07-14T00:00:00.0000000', timeZone: 'UTC' });
    assert.deepEqual(ok.body.end, { dateTime: '2026-07-15T00:00:00.0000000', timeZone: 'UTC' });
    const timed = await call(
      'POST',
      '/me/events',
      event('x', '2026-07-14T09:00:00', '2026-07-15T00:00:00', 'Europe/Paris', { isAllDay: true }),
    );
    assert.equal(timed.status, 400);
    assert.equal(timed.body.error.code, 'ErrorInvalidRequest');
    const empty = await call(
      'POST',
      '/me/events',
      event('x', '2026-07-14T00:00:00', '2026-07-14T00:00:00', 'Europe/Paris', { isAllDay: true }),
    );
    assert.match(empty.body.error.message, /at least 24 hours/);
    const patched = await call('PATCH', `/me/events/${ok.body.id}`, { isAllDay: false });
    assert.equal(patched.body.isAllDay, false);
    assert.deepEqual(patched.body.start, { dateTime: '2026-07-13T22:00:00.0000000', timeZone: 'UTC' });
  });

  describe('a weekly series in Europe/Paris across the March DST change', () => {
    let seriesCal: string;
    let master: any;
    let occurrences: any[];
    const window = 'startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-05-01T00:00:00Z';
    const series = {
      ...event('Pipeline review', '2026-03-09T09:00:00', '2026-03-09T10:00:00'),
      recurrence: {
        pattern: { type: 'weekly', interval: 1, daysOfWeek: ['Monday'] },
        range: { type: 'numbered', startDate: '2026-03-09', numberOfOccurrences: 6 },
      },
    };

    before(async () => {
      seriesCal = (await call('POST', '/me/calendars', { name: 'Series' })).body.id;
    });

    it('is 09:00 in Paris every week and moves by an hour in UTC', async () => {
      const wrongStart = await call('POST', `/me/calendars/${seriesCal}/events`, {
        ...series,
        recurrence: { ...series.recurrence, range: { ...series.recurrence.range, startDate: '2026-03-10' } },
      });
      assert.equal(wrongStart.status, 400);
      assert.equal(wrongStart.body.error.code, 'ErrorPropertyValidationFailure');
      const created = await call('POST', `/me/calendars/${seriesCal}/events`, series);
      assert.equal(created.status, 201);
      master = created.body;
      assert.equal(master.type, 'seriesMaster');
      assert.equal(master.recurrence.pattern.daysOfWeek[0], 'monday');
      assert.equal(master.recurrence.range.recurrenceTimeZone, 'Europe/Paris');

      const local = await call('GET', `/me/events/${master.id}/instances?${window}`, undefined, {
        prefer: PARIS,
      });
      assert.equal(local.body.value.length, 6);
      assert.ok(local.body.value.every((o: any) => o.start.dateTime.endsWith('T09:00:00.0000000')));
      assert.ok(
        local.body.value.every((o: any) => o.type === 'occurrence' && o.seriesMasterId === master.id),
      );
      const utc = await call('GET', `/me/events/${master.id}/instances?${window}`);
      assert.deepEqual(
        utc.body.value.map((o: any) => o.start.dateTime.slice(0, 16)),
        [
          '2026-03-09T08:00',
          '2026-03-16T08:00',
          '2026-03-23T08:00',
          '2026-03-30T07:00',
          '2026-04-06T07:00',
          '2026-04-13T07:00',
        ],
      );
      assert.deepEqual(
        utc.body.value.map((o: any) => o.id),
        local.body.value.map((o: any) => o.id),
        'occurrence ids are stable',
      );
      occurrences = utc.body.value;
      const one = await call('GET', `/me/events/${occurrences[3].id}`);
      assert.equal(one.body.originalStart, '2026-03-30T07:00:00Z');
      assert.notEqual(one.body.iCalUId, master.iCalUId);

      const listed = await call('GET', `/me/calendars/${seriesCal}/events`);
      assert.deepEqual(
        listed.body.value.map((x: any) => x.type),
        ['seriesMaster'],
      );
      const noWindow = await call(
        'GET',
        `/me/events/${master.id}/instances?startDateTime=2026-03-01T00:00:00Z`,
      );
      assert.equal(noWindow.status, 400);
      assert.equal(noWindow.body.error.code, 'ErrorInvalidParameter');
    });

    it('shows an exception and a cancelled occurrence in instances, calendarView and delta', async () => {
      const delta = `/me/calendars/${seriesCal}/calendarView/delta`;
      const first = await sdkRound(delta, {
        startDateTime: '2026-03-01T00:00:00Z',
        endDateTime: '2026-05-01T00:00:00Z',
      });
      assert.ok(first.pages >= 4, 'paged by maxpagesize');
      const full = first.items.find((i) => i.id === master.id);
      assert.equal(full.type, 'seriesMaster');
      assert.ok(full.recurrence && full.subject);
      const skeletons = first.items.filter((i) => i.type === 'occurrence');
      assert.equal(skeletons.length, 6);
      for (const s of skeletons)
        assert.deepEqual(Object.keys(s).sort(), [
          '@odata.etag',
          '@odata.type',
          'end',
          'id',
          'seriesMasterId',
          'start',
          'type',
        ]);

      const crossing = await call('PATCH', `/me/events/${occurrences[1].id}`, {
        start: { dateTime: '2026-03-23T09:00:00', timeZone: 'Europe/Paris' },
        end: { dateTime: '2026-03-23T10:00:00', timeZone: 'Europe/Paris' },
      });
      assert.equal(crossing.status, 400);
      assert.equal(crossing.body.error.code, 'ErrorOccurrenceCrossingBoundary');
      const moved = await call('PATCH', `/me/events/${occurrences[1].id}`, {
        subject: 'Pipeline review (moved)',
        start: { dateTime: '2026-03-17T11:00:00', timeZone: 'Europe/Paris' },
        end: { dateTime: '2026-03-17T12:00:00', timeZone: 'Europe/Paris' },
      });
      assert.equal(moved.status, 200);
      assert.equal(moved.body.id, occurrences[1].id);
      assert.equal(moved.body.type, 'exception');
      assert.equal(moved.body.originalStart, '2026-03-16T08:00:00Z');
      assert.equal((await call('DELETE', `/me/events/${occurrences[3].id}`)).status, 204);
      assert.equal((await call('GET', `/me/events/${occurrences[3].id}`)).status, 404);

      const withCancelled = await call('GET', `/me/events/${master.id}?$select=subject,cancelledOccurrences`);
      assert.deepEqual(withCancelled.body.cancelledOccurrences, [occurrences[3].id]);
      assert.equal((await call('GET', `/me/events/${master.id}`)).body.cancelledOccurrences, undefined);

      const inst = await call('GET', `/me/events/${master.id}/instances?${window}`);
      assert.deepEqual(
        inst.body.value.map((o: any) => [o.id, o.type]),
        [0, 1, 2, 4, 5].map((i) => [occurrences[i].id, i === 1 ? 'exception' : 'occurrence']),
      );
      const view = await call('GET', `/me/calendars/${seriesCal}/calendarView?${window}&$top=4`);
      assert.equal(view.body.value.length, 4);
      assert.ok(view.body.value.every((x: any) => x.type !== 'seriesMaster'));
      const rest = await call('GET', view.body['@odata.nextLink']);
      assert.deepEqual(
        [...view.body.value, ...rest.body.value].map((o: any) => o.id).sort(),
        inst.body.value.map((o: any) => o.id).sort(),
      );

      const second = await sdkRound(first.deltaLink);
      const byId = new Map(second.items.map((i) => [i.id, i]));
      assert.equal(byId.get(occurrences[1].id).type, 'exception');
      assert.equal(byId.get(occurrences[1].id).subject, 'Pipeline review (moved)');
      assert.deepEqual(byId.get(occurrences[3].id)['@removed'], { reason: 'deleted' });
      assert.equal(byId.get(master.id).type, 'seriesMaster');

      assert.equal((await call('DELETE', `/me/events/${master.id}`)).status, 204);
      const third = await sdkRound(second.deltaLink);
      const removed = new Set(third.items.filter((i) => i['@removed']).map((i) => i.id));
      for (const id of [master.id, ...[0, 1, 2, 4, 5].map((i) => occurrences[i].id)])
        assert.ok(removed.has(id), id);
      assert.equal((await call('GET', `/me/events/${occurrences[0].id}`)).status, 404);
    });
  });

  it('drops the exceptions and cancellations of a series whose times change, as Outlook does', async () => {
    const window = 'startDateTime=2026-08-01T00:00:00Z&endDateTime=2026-08-10T00:00:00Z';
    const daily = await call('POST', `/me/calendars/${tandem}/events`, {
      ...event('Daily stand-up', '2026-08-03T09:30:00', '2026-08-03T09:45:00'),
      recurrence: {
        pattern: { type: 'daily', interval: 1 },
        range: { type: 'endDate', startDate: '2026-08-03', endDate: '2026-08-07' },
      },
    });
    const before = await call('GET', `/me/events/${daily.body.id}/instances?${window}`);
    assert.equal(before.body.value.length, 5);
    await call('PATCH', `/me/events/${before.body.value[1].id}`, { subject: 'Stand-up with Sales' });
    await call('DELETE', `/me/events/${before.body.value[2].id}`);
    assert.equal((await call('GET', `/me/events/${daily.body.id}/instances?${window}`)).body.value.length, 4);
    const longer = await call('PATCH', `/me/events/${daily.body.id}`, {
      end: { dateTime: '2026-08-03T10:00:00', timeZone: 'Europe/Paris' },
    });
    assert.equal(longer.status, 200);
    const after = await call('GET', `/me/events/${daily.body.id}/instances?${window}`);
    assert.deepEqual(
      after.body.value.map((o: any) => [o.id, o.type, o.subject, o.end.dateTime.slice(11, 16)]),
      before.body.value.map((o: any) => [o.id, 'occurrence', 'Daily stand-up', '08:00']),
    );
  });

  it('pages the default calendar view and refuses what Graph refuses', async () => {
    const window = 'startDateTime=2026-10-01T00:00:00Z&endDateTime=2027-01-31T00:00:00Z';
    const first = await call('GET', `/me/calendarView?${window}&$select=subject,start,type`, undefined, {
      prefer: 'odata.maxpagesize=5',
    });
    assert.equal(first.body.value.length, 5);
    const seen: any[] = [];
    await new PageIterator(graph, first.body, (e: any) => {
      seen.push(e);
      return true;
    }).iterate();
    assert.ok(seen.length > 12, 'seeded singles and occurrences');
    assert.ok(seen.every((e) => e.type !== 'seriesMaster'));
    const starts = seen.map((e) => e.start.dateTime);
    assert.deepEqual(starts, [...starts].sort());

    const missing = await call('GET', '/me/calendarView?startDateTime=2026-10-01T00:00:00Z');
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error.code, 'ErrorInvalidParameter');
    const missingDelta = await call('GET', '/me/calendarView/delta');
    assert.equal(missingDelta.status, 400);
    for (const refused of ['/me/events/delta', `/me/calendars/${tandem}/events/delta`]) {
      const r = await call('GET', refused);
      assert.equal(r.status, 400);
      assert.equal(
        r.body.error.message,
        "Unsupported request: Change tracking is not supported against 'microsoft.graph.event'.",
      );
    }
    const selectDelta = await call('GET', `/me/calendarView/delta?${window}&$select=subject`);
    assert.equal(selectDelta.status, 400);
  });

  it('accepts and declines a seeded invitation; the organizer cannot answer, only the organizer cancels', async () => {
    const invitations = await call('GET', '/me/events?$filter=isOrganizer eq false&$top=50');
    const invitation = invitations.body.value.find((e: any) => e.responseStatus.response === 'notResponded');
    assert.ok(invitation, 'the seed has an unanswered invitation');
    assert.notEqual(invitation.organizer.emailAddress.address, upn);
    const accepted = await call('POST', `/me/events/${invitation.id}/accept`, {
      comment: 'See you',
      sendResponse: true,
    });
    assert.equal(accepted.status, 202);
    assert.equal((await call('GET', `/me/events/${invitation.id}`)).body.responseStatus.response, 'accepted');
    const declined = await call('POST', `/me/events/${invitation.id}/microsoft.graph.decline`, {
      Comment: 'Sorry',
    });
    assert.equal(declined.status, 202);
    assert.equal((await call('GET', `/me/events/${invitation.id}`)).body.responseStatus.response, 'declined');
    const notMine = await call('POST', `/me/events/${invitation.id}/cancel`, { comment: 'no' });
    assert.equal(notMine.status, 400);
    assert.equal(notMine.body.error.code, 'ErrorCalendarIsNotOrganizer');

    const series = invitations.body.value.find((e: any) => e.type === 'seriesMaster');
    const window = 'startDateTime=2026-11-01T00:00:00Z&endDateTime=2027-02-01T00:00:00Z';
    const third = (await call('GET', `/me/events/${series.id}/instances?${window}`)).body.value[2];
    const tentative = await call('POST', `/me/events/${third.id}/tentativelyAccept`, { sendResponse: true });
    assert.equal(tentative.status, 202);
    const answered = await call('GET', `/me/events/${third.id}`);
    assert.equal(answered.body.type, 'exception');
    assert.equal(answered.body.responseStatus.response, 'tentativelyAccepted');
    assert.equal(answered.body.showAs, 'tentative');
    assert.equal((await call('GET', `/me/events/${series.id}`)).body.responseStatus.response, 'accepted');

    const own = await call(
      'POST',
      `/me/calendars/${tandem}/events`,
      event('Mine', '2026-09-01T09:00:00', '2026-09-01T10:00:00'),
    );
    const self = await call('POST', `/me/events/${own.body.id}/accept`, { sendResponse: false });
    assert.equal(self.status, 400);
    assert.equal(self.body.error.code, 'ErrorCalendarIsOrganizerForAccept');
    const cancelled = await call('POST', `/me/events/${own.body.id}/cancel`, { comment: 'Postponed' });
    assert.equal(cancelled.status, 202);
    assert.equal((await call('GET', `/me/events/${own.body.id}`)).status, 404);
  });

  it("refuses another user's calendar to a delegated token; app-only reaches /users/{id}", async () => {
    const other = sbx.tenants[0]!.users.find((u) => u.userPrincipalName !== upn)!;
    const denied = await call('GET', `/users/${other.id}/calendars`);
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error.code, 'ErrorAccessDenied');
    const result = await sbx
      .msal(sbx.tenants[0]!.id)
      .acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
    const app = await call(
      'GET',
      `/users/${other.userPrincipalName}/calendar/events?$top=3`,
      undefined,
      {},
      result!.accessToken,
    );
    assert.equal(app.status, 200);
    assert.equal(app.body.value.length, 3);
    const readOnly = await sbx.token(upn, 'graph', ['Calendars.Read']);
    const write = await call('POST', '/me/calendars', { name: 'Nope' }, {}, readOnly);
    assert.equal(write.status, 403);
  });
});

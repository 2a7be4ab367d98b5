import assert from 'node:assert/strict';
import { MeetingsHarness, waitFor } from './support/meetings-harness.js';

const paris = (dateTime: string) => ({ dateTime, timeZone: 'Europe/Paris' });
const TEXT = 'outlook.body-content-type="text"';

/** A meeting's notes (CRM body ↔ event body) both ways, as plain text, echo-safe. */
describe('Meetings sync: notes', function () {
  this.timeout(90_000);
  let m: MeetingsHarness;
  let calendarId: string;

  before(async () => {
    m = await MeetingsHarness.start();
    await m.createCrmMeeting({
      subject: 'Review',
      start: paris('2026-04-02T09:00'),
      end: paris('2026-04-02T10:00'),
      body: 'Agenda:\n1. Prices\n2. Dates & <terms>',
    });
    await m.createCrmMeeting({
      subject: 'Styled',
      start: paris('2026-04-03T09:00'),
      end: paris('2026-04-03T10:00'),
      body: '<p>Bring the <b>contract</b></p><p>and&nbsp;the map</p>',
      bodyContentType: 'html',
    });
    const since = Date.now();
    await m.enable();
    await m.settled(since);
    calendarId = await m.calendarId();
  });
  after(() => m?.stop());

  const eventOf = async (subject: string, prefer?: string) => {
    const { value } = await m.outlook
      .api(`/users/${m.member.id}/calendars/${calendarId}/events`)
      .header('Prefer', prefer ?? 'odata.maxpagesize=50')
      .get();
    return value.find((e: any) => e.subject === subject);
  };

  it('the sandbox answers text bodies only when asked, as Graph does', async () => {
    const asHtml = await eventOf('Review');
    assert.equal(asHtml.body.contentType, 'html');
    assert.match(asHtml.body.content, /<html/);
    const asText = await eventOf('Review', TEXT);
    assert.equal(asText.body.contentType, 'text');
    assert.equal(asText.body.content, 'Agenda:\n1. Prices\n2. Dates & <terms>');
    const raw = await fetch(
      `${m.world.sandbox.url}/v1.0/users/${m.member.id}/calendars/${calendarId}/events/${asText.id}`,
      {
        headers: {
          authorization: `Bearer ${await m.world.sandbox.token(m.member.userPrincipalName, 'graph')}`,
          prefer: TEXT,
        },
      },
    );
    assert.equal(raw.status, 200);
    assert.match(raw.headers.get('preference-applied') ?? '', /outlook\.body-content-type="text"/);
  });

  it('CRM notes reach Outlook as plain text; HTML notes as their text, the CRM keeping its HTML', async () => {
    const styled = await eventOf('Styled', TEXT);
    assert.equal(styled.body.content, 'Bring the contract\nand the map');
    const crm = (await m.crmMeetings()).find((x) => x.subject === 'Styled');
    assert.equal(crm.bodyContentType, 'html');
    assert.match(crm.body, /<b>contract<\/b>/);
  });

  it('notes edited in Outlook (an HTML body) reach the CRM as text', async () => {
    const review = await eventOf('Review', TEXT);
    await m.outlook.api(`/users/${m.member.id}/events/${review.id}`).patch({
      body: { contentType: 'html', content: '<div>Agenda:<br>1. Prices</div><div>3. Next steps</div>' },
    });
    await m.syncNow();
    const crm = (await m.crmMeetings()).find((x) => x.subject === 'Review');
    assert.equal(crm.body, 'Agenda:\n1. Prices\n3. Next steps');
    assert.equal(crm.bodyContentType, 'text');
  });

  it('notes edited in the CRM reach Outlook; cleared notes clear the event body', async () => {
    const crm = (await m.crmMeetings()).find((x) => x.subject === 'Review');
    assert.equal((await m.api('PATCH', `/meetings/${crm.id}`, { body: 'Only prices' })).status, 200);
    await waitFor(async () => (await eventOf('Review', TEXT)).body.content === 'Only prices');
    assert.equal((await m.api('PATCH', `/meetings/${crm.id}`, { body: null })).status, 200);
    await waitFor(async () => (await eventOf('Review', TEXT)).body.content === '');
    await m.syncNow();
    assert.equal((await m.crmMeetings()).find((x) => x.subject === 'Review').body, null);
  });

  it('an idle run after convergence writes nothing to Office 365 or the CRM', async () => {
    await m.syncNow();
    const snapshot = async () => ({
      office: (await m.events(calendarId)).map((e) => `${e.id}:${e.changeKey}`).sort(),
      crm: (await m.crmMeetings()).map((x) => `${x.id}:${x.version}`).sort(),
      journal: (await m.journal()).length,
    });
    const before = await snapshot();
    await m.syncNow();
    await m.syncNow();
    assert.deepEqual(await snapshot(), before);
  });
});

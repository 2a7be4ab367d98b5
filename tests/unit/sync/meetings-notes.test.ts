import assert from 'node:assert/strict';
import { meetingCrmFields } from '../../../src/sync/calendar/meeting-crm-fields.js';
import { eventNotes, htmlText, normalNotes, recordNotes } from '../../../src/sync/calendar/meeting-notes.js';
import { eventBody, eventValues, meetingValues } from '../../../src/sync/calendar/meeting.mapper.js';

const event = (body: unknown) => ({
  id: 'e1',
  subject: 'Review',
  start: { dateTime: '2026-04-02T07:00:00.0000000', timeZone: 'UTC' },
  end: { dateTime: '2026-04-02T08:00:00.0000000', timeZone: 'UTC' },
  originalStartTimeZone: 'Europe/Paris',
  originalEndTimeZone: 'Europe/Paris',
  body,
});

describe('Meetings: notes (pure)', () => {
  it('compares notes in one form: \\n line ends, no trailing spaces, no blank edges, empty is null', () => {
    assert.equal(normalNotes('\r\n a \r\nb\t\r\n\r\n'), ' a\nb');
    assert.equal(normalNotes('  \r\n'), null);
    assert.equal(normalNotes(''), null);
    assert.equal(normalNotes(null), null);
  });

  it('reads a text body as is and an HTML one as its text', () => {
    assert.equal(
      eventValues(event({ contentType: 'text', content: 'Agenda\r\n1. Prices\r\n' })).body,
      'Agenda\n1. Prices',
    );
    assert.equal(
      eventNotes(
        event({
          contentType: 'html',
          content:
            '<html><head><style>p{}</style></head><body><p>A &amp; B</p><div>C<br>D</div></body></html>',
        }),
      ),
      'A & B\nC\nD',
    );
    assert.equal(eventValues(event(undefined)).body, null);
    assert.equal(htmlText('x&#233;&#x41;&unknown;'), 'xéA&unknown;');
  });

  it('a CRM HTML note compares by its text; a text note as is', () => {
    assert.equal(
      recordNotes({ body: '<p>Bring the <b>contract</b></p>', bodyContentType: 'html' }),
      'Bring the contract',
    );
    assert.equal(recordNotes({ body: '<b>not markup</b>', bodyContentType: 'text' }), '<b>not markup</b>');
    assert.equal(
      meetingValues({ subject: 'x', start: event(null).start, end: event(null).end, body: null }).body,
      null,
    );
  });

  it('writes notes as a text body and takes them into the CRM as text, only when they changed', () => {
    assert.deepEqual(eventBody({ body: 'Hi' }, { pushAttendees: false }).body, {
      contentType: 'text',
      content: 'Hi',
    });
    assert.deepEqual(eventBody({ body: null }, { pushAttendees: false }).body, {
      contentType: 'text',
      content: '',
    });
    assert.equal(
      eventBody({ body: 'Hi', subject: 'S' }, { pushAttendees: false }, ['subject']).body,
      undefined,
    );
    assert.deepEqual(meetingCrmFields({ body: 'Hi' }, undefined, { pushAttendees: false }), {
      body: 'Hi',
      bodyContentType: 'text',
    });
    assert.deepEqual(
      meetingCrmFields(
        { subject: 'S' },
        { body: '<b>x</b>', bodyContentType: 'html' },
        { pushAttendees: false },
      ),
      {
        subject: 'S',
      },
    );
  });
});

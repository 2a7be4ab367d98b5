import assert from 'node:assert/strict';
import { AppError } from '../../../src/platform/errors/app-error.js';
import { extendedPropertyTag, tagOf, versionOf } from '../../../src/sync/engine/item-tag.js';
import { contactsResource } from '../../../src/sync/contacts/contacts.resource.js';
import { buildTaskDryRun } from '../../../src/sync/todo/task-dry-run.js';
import { DEFAULT_TASK_MAPPING, validateTaskMapping } from '../../../src/sync/todo/task-mapping.js';
import { linkedResourceTag } from '../../../src/sync/todo/task-tag.js';
import { DEFAULT_VALUE_MAPS, parseTaskOptions, valueMapsOf } from '../../../src/sync/todo/task-values.js';
import { tasksResource } from '../../../src/sync/todo/tasks.resource.js';

const issuesOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof AppError);
    assert.equal(err.httpStatus, 400);
    return (err.details as { errors: { pointer: string; code: string }[] }).errors.map((e) => [
      e.pointer,
      e.code,
    ]);
  }
  assert.fail('expected a 400');
};

describe('Tasks: settings, tag and dry run (pure)', () => {
  it('options: value maps merge over the stored ones; bad names, values and turning deletions off are 400s', () => {
    const stored = parseTaskOptions({ 'importance.highest': 'normal' });
    assert.equal(stored['importance.highest'], 'normal');
    assert.equal(stored.deleteCrmOnRemoteDelete, true);
    const next = parseTaskOptions({ 'crmStatus.deferred': 'notStarted' }, stored);
    assert.equal(next['importance.highest'], 'normal', 'kept');
    assert.equal(valueMapsOf(next).crmStatus.deferred, 'notStarted');
    assert.deepEqual(valueMapsOf({}), DEFAULT_VALUE_MAPS);
    assert.deepEqual(
      issuesOf(() =>
        parseTaskOptions({
          'importance.urgent': 'high',
          'priority.high': 'urgent',
          deleteCrmOnRemoteDelete: false,
        }),
      ),
      [
        ['/options/importance.urgent', 'unknown_option'],
        ['/options/priority.high', 'invalid_option'],
        ['/options/deleteCrmOnRemoteDelete', 'invalid_option'],
      ],
    );
  });

  it('mapping: kinds must match, a To Do field once, the subject always to the title', () => {
    assert.deepEqual(validateTaskMapping({ subject: 'title', due: 'startDateTime' }), {
      subject: 'title',
      due: 'startDateTime',
    });
    assert.deepEqual(
      issuesOf(() => validateTaskMapping({ subject: 'title', reminder: 'dueDateTime' })),
      [['/mapping/reminder', 'incompatible_types']],
    );
    assert.deepEqual(
      issuesOf(() => validateTaskMapping({ subject: 'body', body: 'body' })),
      [['/mapping/body', 'graph_field_mapped_twice']],
    );
    assert.deepEqual(
      issuesOf(() => validateTaskMapping({ owner: 'title' })),
      [['/mapping/owner', 'unknown_crm_field']],
    );
    assert.deepEqual(
      issuesOf(() => validateTaskMapping({ body: 'body' })),
      [['/mapping/subject', 'subject_required']],
    );
    const settings = tasksResource.settings({}, {});
    assert.deepEqual(settings.mapping, DEFAULT_TASK_MAPPING);
    assert.equal(settings.options.deleteCrmOnRemoteDelete, true, 'the engine propagates task deletions');
  });

  it('tag: tasks carry the CRM id in a linked resource; contacts keep their extended property', () => {
    assert.deepEqual(linkedResourceTag.createBody('c1'), {
      linkedResources: [{ applicationName: 'Tandem', displayName: 'Tandem CRM task', externalId: 'c1' }],
    });
    assert.equal(
      linkedResourceTag.read({
        linkedResources: [
          { applicationName: 'Other', externalId: 'x' },
          { applicationName: 'Tandem', externalId: 'c1' },
        ],
      }),
      'c1',
    );
    assert.equal(
      linkedResourceTag.read({ linkedResources: [{ applicationName: 'Other', externalId: 'x' }] }),
      undefined,
    );
    assert.equal(tagOf(tasksResource), linkedResourceTag);
    const contactTag = tagOf(contactsResource);
    const expected = extendedPropertyTag(contactsResource.tagPropertyId!);
    assert.deepEqual(contactTag.createBody('c2'), expected.createBody('c2'));
    assert.equal(contactTag.expand, expected.expand);
    assert.equal(contactTag.read({ singleValueExtendedProperties: [{ id: 'x', value: 'c2' }] }), 'c2');
  });

  it('version: changeKey first, else the etag inside W/"…"', () => {
    assert.equal(versionOf({ changeKey: 'ck', '@odata.etag': 'W/"other"' }), 'ck');
    assert.equal(versionOf({ '@odata.etag': 'W/"abc+/="' }), 'abc+/=');
    assert.equal(versionOf({}), null);
  });

  it('dry run: tagged tasks link, others are created on the side that lacks them', () => {
    const report = buildTaskDryRun({
      records: [
        { id: 'r1', subject: 'Linked' },
        { id: 'r2', subject: 'CRM only' },
      ],
      items: [
        { id: 'i1', title: 'Linked', linkedResources: [{ applicationName: 'Tandem', externalId: 'r1' }] },
        { id: 'i2', title: 'To Do only' },
        {
          id: 'i3',
          title: 'Tag of a task not synced',
          linkedResources: [{ applicationName: 'Tandem', externalId: 'zz' }],
        },
      ],
      mapping: DEFAULT_TASK_MAPPING,
      maps: DEFAULT_VALUE_MAPS,
      containerExists: true,
      tagOf: (item) => linkedResourceTag.read(item),
    });
    assert.deepEqual(report.toCrm.link, [{ label: 'Linked', crmId: 'r1', remoteId: 'i1', matchedBy: 'tag' }]);
    assert.deepEqual(
      report.toCrm.create.map((i) => i.label),
      ['To Do only', 'Tag of a task not synced'],
    );
    assert.deepEqual(report.toOffice.link, [
      { label: 'Linked', crmId: 'r1', remoteId: 'i1', matchedBy: 'tag' },
    ]);
    assert.deepEqual(report.toOffice.create, [{ label: 'CRM only', crmId: 'r2' }]);
    assert.deepEqual(report.container, { name: 'Tandem Tasks', exists: true });
  });
});

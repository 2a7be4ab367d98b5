import assert from 'node:assert/strict';
import {
  CONTACT_SELECT_FIELDS,
  compatibleGraphFields,
  contactFieldCatalog,
  DEFAULT_CONTACT_MAPPING,
  validateMapping,
} from '../../../src/sync/contacts/contact-mapping.js';
import { InvalidMappingError } from '../../../src/sync/engine/field-mapping.js';
import { InvalidOptionsError } from '../../../src/sync/engine/sync-options.js';
import {
  DEFAULT_CONTACT_OPTIONS,
  parseContactOptions,
  selectedForImport,
} from '../../../src/sync/contacts/contact-options.js';

const rejection = (mapping: Record<string, unknown>) => {
  try {
    validateMapping(mapping);
  } catch (err) {
    assert.ok(err instanceof InvalidMappingError);
    assert.equal(err.httpStatus, 400);
    assert.equal(err.code, 'invalid_mapping');
    return (err.details!.errors as { pointer: string; code: string; detail: string }[]).map(
      (e) => `${e.pointer} ${e.code}`,
    );
  }
  assert.fail('the mapping was accepted');
};

describe('Contacts: field catalog and mapping', () => {
  it('the default mapping is valid and maps every CRM field the catalog lists', () => {
    assert.deepEqual(validateMapping({ ...DEFAULT_CONTACT_MAPPING }), DEFAULT_CONTACT_MAPPING);
    const catalog = contactFieldCatalog();
    assert.equal(catalog.module, 'contacts');
    assert.deepEqual(Object.keys(catalog.defaultMapping).sort(), catalog.crmFields.map((f) => f.name).sort());
    assert.equal(catalog.defaultMapping.emails, 'emailAddresses');
  });

  it('offers only writable Graph fields: not categories (Tandem keeps them), displayName or read-only ones', () => {
    const graph = contactFieldCatalog().graphFields.map((f) => f.name);
    for (const notMappable of [
      'categories',
      'displayName',
      'id',
      'changeKey',
      'parentFolderId',
      'createdDateTime',
    ])
      assert.ok(!graph.includes(notMappable), notMappable);
    for (const mappable of ['givenName', 'officeLocation', 'nickName', 'imAddresses', 'otherAddress'])
      assert.ok(graph.includes(mappable), mappable);
    assert.deepEqual([...CONTACT_SELECT_FIELDS].sort(), [...graph].sort());
  });

  it('a user may remap a field to another Graph field of the same kind, or leave it out', () => {
    const mine = { ...DEFAULT_CONTACT_MAPPING, department: 'officeLocation', notes: undefined } as Record<
      string,
      unknown
    >;
    delete mine.notes;
    assert.equal(validateMapping(mine).department, 'officeLocation');
    assert.ok(compatibleGraphFields('businessPhones').includes('homePhones'));
    assert.ok(!compatibleGraphFields('mobilePhone').includes('businessPhones'));
  });

  it('names each offending field: unknown CRM field, unknown Graph field, a Graph field twice, incompatible kinds', () => {
    assert.deepEqual(
      rejection({
        firstName: 'givenName',
        shoeSize: 'nickName',
        lastName: 'favouriteColour',
        jobTitle: 'givenName',
        birthday: 'businessPhones',
        emails: 'categories',
        companyName: 42,
      }),
      [
        '/mapping/shoeSize unknown_crm_field',
        '/mapping/lastName unknown_graph_field',
        '/mapping/jobTitle graph_field_mapped_twice',
        '/mapping/birthday incompatible_types',
        '/mapping/emails unknown_graph_field',
        '/mapping/companyName unknown_graph_field',
      ],
    );
  });

  it('refuses a mapping that syncs nothing that identifies a contact', () => {
    assert.deepEqual(rejection({ jobTitle: 'jobTitle' }), ['/mapping no_identifying_field']);
    assert.deepEqual(rejection({}), ['/mapping no_identifying_field']);
  });

  it('options: deletions are not propagated and no category is imported by default', () => {
    assert.deepEqual(DEFAULT_CONTACT_OPTIONS, { deleteCrmOnRemoteDelete: false, importCategories: [] });
    const catalogOptions = contactFieldCatalog().options;
    assert.deepEqual(
      catalogOptions.map((o) => [o.name, o.default]),
      [
        ['deleteCrmOnRemoteDelete', false],
        ['importCategories', []],
      ],
    );
    assert.ok(catalogOptions.every((o) => o.description.length > 20));
  });

  it('options: an update applies over the stored options; names are trimmed and NUL-free', () => {
    const stored = parseContactOptions({ importCategories: [' Partner\u0000 '] });
    assert.deepEqual(stored, { deleteCrmOnRemoteDelete: false, importCategories: ['Partner'] });
    assert.deepEqual(parseContactOptions({ deleteCrmOnRemoteDelete: true }, stored), {
      deleteCrmOnRemoteDelete: true,
      importCategories: ['Partner'],
    });
  });

  it('options: unknown options, wrong types, Tandem categories and repeated names are refused, per option', () => {
    const codes = (update: unknown) => {
      try {
        parseContactOptions(update);
      } catch (err) {
        assert.ok(err instanceof InvalidOptionsError);
        assert.equal(err.code, 'invalid_options');
        assert.equal(err.httpStatus, 400);
        return (err.details!.errors as { pointer: string; code: string }[]).map(
          (e) => `${e.pointer} ${e.code}`,
        );
      }
      assert.fail('accepted');
    };
    assert.deepEqual(codes({ deleteEverything: true }), ['/options unknown_option']);
    assert.deepEqual(codes({ deleteCrmOnRemoteDelete: 'yes' }), [
      '/options/deleteCrmOnRemoteDelete invalid_option',
    ]);
    assert.deepEqual(codes({ importCategories: ['VIP', 'vip', 'tandem lead', ''] }).sort(), [
      '/options/importCategories/1 invalid_option',
      '/options/importCategories/2 invalid_option',
      '/options/importCategories/3 invalid_option',
    ]);
    assert.deepEqual(codes(null), ['/options invalid_type']);
  });

  it('import: an Outlook contact is imported when it carries a chosen category (any case)', () => {
    const options = parseContactOptions({ importCategories: ['VIP', 'Partner'] });
    assert.equal(selectedForImport(['Press', 'partner '], options), true);
    assert.equal(selectedForImport(['Press'], options), false);
    assert.equal(selectedForImport(undefined, options), false);
    assert.equal(selectedForImport(['VIP'], DEFAULT_CONTACT_OPTIONS), false);
  });
});

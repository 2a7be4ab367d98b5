import type { DryRunItem, DryRunReport } from '../engine/sync-contract.js';
import type { ContactMapping } from './contact-mapping.js';
import { contactLabel, toCrmFields } from './contact.mapper.js';
import type { MatchableContact } from './contact-match-keys.js';
import { asCandidates, decideBatch } from './contact-matcher.js';

export const CONTACTS_CONTAINER_NAME = 'Tandem Contacts';

export interface ContactDryRunInput {
  /** The CRM contacts the member would sync (own, or all they can see for managers). */
  records: readonly ({ id: string } & MatchableContact)[];
  /** The Outlook contacts already in the "Tandem Contacts" folder (none when it does not exist). */
  items: readonly Record<string, unknown>[];
  mapping: ContactMapping;
  containerExists: boolean;
  /** The CRM id an item carries in Tandem's extended property, if any. */
  tagOf?: (item: Record<string, unknown>) => string | undefined;
}

/**
 * What the first sync would do on each side, without doing it (pure; PRODUCT §6 "a dry run of the
 * first sync"):
 * - an Outlook contact tagged with the id of a CRM contact is linked to it (`matchedBy: 'tag'`);
 * - an untagged one that matches one CRM contact (email, else name + company) is merged into it;
 *   a duplicate of an earlier Outlook contact is merged into the same record; one that matches
 *   several CRM contacts is created (`matchedBy: 'ambiguous:<rule>'`: never merged); others are created;
 * - a CRM contact linked or merged that way is linked in Outlook; the others are created there.
 */
export function buildContactDryRun(input: ContactDryRunInput): DryRunReport {
  const records = new Map(input.records.map((r) => [r.id, r]));
  const report: DryRunReport = {
    module: 'contacts',
    toOffice: { create: [], link: [] },
    toCrm: { create: [], link: [], merge: [] },
    container: { name: CONTACTS_CONTAINER_NAME, exists: input.containerExists },
  };
  const linkedTo = new Map<string, DryRunItem>(); // CRM id → how it is linked in Outlook
  const untagged: { remoteId: string; contact: MatchableContact }[] = [];
  const labels = new Map<string, string>();
  for (const item of input.items) {
    const remoteId = String(item.id);
    const values = toCrmFields(item, input.mapping);
    labels.set(remoteId, contactLabel(values));
    const crmId = input.tagOf?.(item);
    if (crmId && records.has(crmId) && !linkedTo.has(crmId)) {
      const entry = { label: labels.get(remoteId)!, crmId, remoteId, matchedBy: 'tag' };
      report.toCrm.link.push(entry);
      linkedTo.set(crmId, entry);
    } else untagged.push({ remoteId, contact: values });
  }
  const free = input.records.filter((r) => !linkedTo.has(r.id));
  for (const [remoteId, decision] of decideBatch(untagged, asCandidates(free))) {
    const label = labels.get(remoteId)!;
    switch (decision.kind) {
      case 'new':
        report.toCrm.create.push({ label, remoteId });
        break;
      case 'ambiguous':
        report.toCrm.create.push({ label, remoteId, matchedBy: `ambiguous:${decision.matchedBy}` });
        break;
      case 'match': {
        const entry = { label, crmId: decision.crmId, remoteId, matchedBy: decision.matchedBy };
        report.toCrm.merge.push(entry);
        linkedTo.set(decision.crmId, entry);
        break;
      }
      case 'duplicate':
        report.toCrm.merge.push({
          label,
          remoteId,
          matchedBy: decision.matchedBy,
          ...(decision.of.crmId ? { crmId: decision.of.crmId } : {}),
        });
    }
  }
  for (const record of input.records) {
    const linked = linkedTo.get(record.id);
    const label = contactLabel(record);
    if (linked)
      report.toOffice.link.push({
        label,
        crmId: record.id,
        remoteId: linked.remoteId!,
        matchedBy: linked.matchedBy!,
      });
    else report.toOffice.create.push({ label, crmId: record.id });
  }
  return report;
}

import type { DryRunReport } from '../engine/sync-contract.js';

export const MEETINGS_CONTAINER_NAME = 'Tandem';

export interface MeetingDryRunInput {
  /** The CRM meetings the member owns. */
  records: readonly { id: string; subject?: unknown }[];
  /** The events of the "Tandem" calendar (single events and series masters; none when it does not exist). */
  items: readonly Record<string, unknown>[];
  containerExists: boolean;
  /** The CRM id an event carries in Tandem's extended property, if any. */
  tagOf: (item: Record<string, unknown>) => string | undefined;
}

const label = (subject: unknown) => (typeof subject === 'string' && subject ? subject : '(no subject)');

/**
 * What the first meetings sync would do, without doing it (pure): an event tagged with the id of a
 * CRM meeting of the member is linked to it; another event the member organises is created in the
 * CRM (meetings have no duplicate rules: two meetings with the same subject are two meetings);
 * events organised by others are not synced. CRM meetings not linked are created in Outlook.
 */
export function buildMeetingDryRun(input: MeetingDryRunInput): DryRunReport {
  const records = new Map(input.records.map((r) => [r.id, r]));
  const report: DryRunReport = {
    module: 'meetings',
    toOffice: { create: [], link: [] },
    toCrm: { create: [], link: [], merge: [] },
    container: { name: MEETINGS_CONTAINER_NAME, exists: input.containerExists },
  };
  const linked = new Map<string, string>();
  for (const item of input.items) {
    if (item.isOrganizer === false || item.type === 'occurrence' || item.type === 'exception') continue;
    const remoteId = String(item.id);
    const itemLabel = label(item.subject);
    const crmId = input.tagOf(item);
    if (crmId && records.has(crmId) && !linked.has(crmId)) {
      linked.set(crmId, remoteId);
      report.toCrm.link.push({ label: itemLabel, crmId, remoteId, matchedBy: 'tag' });
    } else report.toCrm.create.push({ label: itemLabel, remoteId });
  }
  for (const record of input.records) {
    const remoteId = linked.get(record.id);
    if (remoteId)
      report.toOffice.link.push({
        label: label(record.subject),
        crmId: record.id,
        remoteId,
        matchedBy: 'tag',
      });
    else report.toOffice.create.push({ label: label(record.subject), crmId: record.id });
  }
  return report;
}

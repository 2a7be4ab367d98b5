import type { SyncModule } from '../../sync/module-settings.table.js';

/** How a module is named to the user (what it syncs with in Office 365). */
export const MODULE_LABELS: Record<SyncModule, { name: string; office: string }> = {
  meetings: { name: 'Meetings', office: 'Outlook calendar "Tandem"' },
  contacts: { name: 'Contacts', office: 'Outlook folder "Tandem Contacts"' },
  tasks: { name: 'Tasks', office: 'To Do list "Tandem Tasks"' },
};

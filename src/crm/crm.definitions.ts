import { accountDefinition } from './accounts/account.definition.js';
import { contactDefinition } from './contacts/contact.definition.js';
import { dealDefinition } from './deals/deal.definition.js';
import { leadDefinition } from './leads/lead.definition.js';
import { meetingDefinition } from './meetings/meeting.definition.js';
import type { RecordDefinition } from './shared/record.definition.js';
import { taskDefinition } from './tasks/task.definition.js';

/** Every CRM aggregate, in the order the API documents them. */
export const CRM_DEFINITIONS: RecordDefinition[] = [
  contactDefinition,
  accountDefinition,
  leadDefinition,
  dealDefinition,
  meetingDefinition,
  taskDefinition,
];

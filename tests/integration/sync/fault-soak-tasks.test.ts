import { tasksSoak } from './fault-soak.modules.js';
import { describeFaultSoak } from './fault-soak.suite.js';

/**
 * Fault soak for tasks (issue 7 "Measured and tested as contacts are"): tasks created on both sides
 * — due dates, priorities, statuses, reminders and one in ten recurring — sync with the "Tandem
 * Tasks" To Do list under the contacts soak's Graph faults, then edits on both sides (status,
 * priority and reminder in the CRM; status and importance in To Do) sync again; the end state must
 * equal a fault-free run with the same seed, field by field, without a duplicate.
 */

/** Tasks in all: half created in the CRM, half in To Do (the 2,000). */
const TASKS = Number(process.env.FAULT_SOAK_TASKS ?? 2000);

describeFaultSoak(tasksSoak, TASKS, 7401);

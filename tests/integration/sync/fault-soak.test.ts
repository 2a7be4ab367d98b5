import { contactsSoak } from './fault-soak.modules.js';
import { describeFaultSoak } from './fault-soak.suite.js';

/**
 * Headline fault soak for contacts (RELIABILITY test plan D 20, issue 6 "Fault tests"): contacts
 * created on both sides sync under Graph's misbehaviour, then edits on both sides (a job title in
 * the CRM, a company in Outlook) sync again; the end state must equal a fault-free run with the
 * same seed, field by field. The faults: `GRAPH_FAULTS` in fault-soak.run.ts.
 */

/** Contacts in all: half created in the CRM, half in Outlook (the 2,000). */
const CONTACTS = Number(process.env.FAULT_SOAK_CONTACTS ?? 2000);

describeFaultSoak(contactsSoak, CONTACTS, 7101);

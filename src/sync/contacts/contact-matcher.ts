import { matchKeysOf, type MatchableContact } from './contact-match-keys.js';

export type MatchedBy = 'email' | 'name+company';

/** How one contact relates to the candidates of the other side. */
export type MatchResult =
  | { kind: 'match'; id: string; matchedBy: MatchedBy }
  /** Two or more candidates fit: nothing is merged, the engine reports it. */
  | { kind: 'ambiguous'; ids: string[]; matchedBy: MatchedBy }
  | { kind: 'none' };

export interface MatchCandidate {
  id: string;
  contact: MatchableContact;
}

/**
 * Duplicate matching (PRODUCT §3 Contacts), pure: a contact matches a candidate sharing any of its
 * email addresses (normalised); when no address matches, a candidate with the same first + last
 * name and company (case-, accent- and whitespace-insensitive). One candidate is a match; more
 * than one is ambiguous and never merged (no "name+company" fallback after an ambiguous email).
 */
export class ContactMatcher {
  // The id of a key, or its ids when several share it (rare): a whole mailbox's keys stay small.
  private readonly byEmail = new Map<string, string | string[]>();
  private readonly byNameCompany = new Map<string, string | string[]>();

  constructor(candidates: Iterable<MatchCandidate> = []) {
    for (const c of candidates) this.add(c.id, c.contact);
  }

  /** Adds a candidate (e.g. a contact about to be created, so later duplicates find it). */
  add(id: string, contact: MatchableContact): void {
    const keys = matchKeysOf(contact);
    for (const email of keys.emails) index(this.byEmail, email, id);
    if (keys.nameCompany) index(this.byNameCompany, keys.nameCompany, id);
  }

  match(contact: MatchableContact): MatchResult {
    const keys = matchKeysOf(contact);
    const byEmail = new Set(keys.emails.flatMap((e) => this.byEmail.get(e) ?? []));
    if (byEmail.size > 0) return outcome([...byEmail], 'email');
    const byName = keys.nameCompany ? this.byNameCompany.get(keys.nameCompany) : undefined;
    if (byName) return outcome(typeof byName === 'string' ? [byName] : [...byName], 'name+company');
    return { kind: 'none' };
  }
}

/** CRM records (rows or DTOs) or mapped values with an id, as the matcher takes them. */
export const asCandidates = (records: readonly ({ id: string } & MatchableContact)[]): MatchCandidate[] =>
  records.map((record) => ({ id: record.id, contact: record }));

function index(map: Map<string, string | string[]>, key: string, id: string): void {
  const ids = map.get(key);
  if (ids === undefined) map.set(key, id);
  else if (typeof ids === 'string') {
    if (ids !== id) map.set(key, [ids, id]);
  } else if (!ids.includes(id)) ids.push(id);
}

const outcome = (ids: string[], matchedBy: MatchedBy): MatchResult =>
  ids.length === 1
    ? { kind: 'match', id: ids[0]!, matchedBy }
    : { kind: 'ambiguous', ids: ids.sort(), matchedBy };

/** What to do with one incoming Outlook contact of a batch. */
export type BatchDecision =
  /** Create a CRM contact. */
  | { kind: 'new' }
  /** Merge into (link to) this existing CRM contact. */
  | { kind: 'match'; crmId: string; matchedBy: MatchedBy }
  /**
   * A duplicate in Outlook of an earlier contact of the batch: it syncs to the same CRM record (the
   * existing `crmId`, or the one created for `remoteId`) instead of creating another.
   */
  | { kind: 'duplicate'; of: { remoteId: string; crmId: string | null }; matchedBy: MatchedBy }
  /** Several contacts fit (CRM contacts, or earlier contacts of the batch): no merge; reported. */
  | { kind: 'ambiguous'; crmIds: string[]; remoteIds: string[]; matchedBy: MatchedBy };

export interface IncomingContact {
  remoteId: string;
  contact: MatchableContact;
}

const REMOTE = 'remote:';

/**
 * Decides, in order, for each incoming Outlook contact of a batch: merge into an existing CRM
 * contact, create one, or sync to the same record as an earlier duplicate of the batch (so
 * duplicates that already exist in Outlook sync to ONE CRM record). Pure.
 */
export function decideBatch(
  incoming: readonly IncomingContact[],
  crmCandidates: Iterable<MatchCandidate>,
): Map<string, BatchDecision> {
  const matcher = new ContactMatcher(crmCandidates);
  const claimedBy = new Map<string, string>(); // CRM id → first remote id that matched it
  const decisions = new Map<string, BatchDecision>();
  for (const { remoteId, contact } of incoming) {
    if (decisions.has(remoteId)) continue;
    const found = matcher.match(contact);
    let decision: BatchDecision;
    if (found.kind === 'none') {
      decision = { kind: 'new' };
      matcher.add(`${REMOTE}${remoteId}`, contact);
    } else if (found.kind === 'ambiguous') {
      decision = {
        kind: 'ambiguous',
        crmIds: found.ids.filter((id) => !id.startsWith(REMOTE)),
        remoteIds: found.ids.filter((id) => id.startsWith(REMOTE)).map((id) => id.slice(REMOTE.length)),
        matchedBy: found.matchedBy,
      };
    } else if (found.id.startsWith(REMOTE)) {
      decision = {
        kind: 'duplicate',
        of: { remoteId: found.id.slice(REMOTE.length), crmId: null },
        matchedBy: found.matchedBy,
      };
    } else {
      const first = claimedBy.get(found.id);
      decision = first
        ? { kind: 'duplicate', of: { remoteId: first, crmId: found.id }, matchedBy: found.matchedBy }
        : { kind: 'match', crmId: found.id, matchedBy: found.matchedBy };
      if (!first) claimedBy.set(found.id, remoteId);
    }
    decisions.set(remoteId, decision);
  }
  return decisions;
}

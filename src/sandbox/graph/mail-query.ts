import type { Item } from '../store/model.js';
import { graphErrors } from './graph-error.js';
import { ODATA_COMPARE } from './odata.js';
import { htmlToText, type MailBody } from './mail-body.js';

const invalidFilter = () =>
  graphErrors.badRequest(
    'The query filter contains one or more invalid nodes.',
    'ErrorInvalidUrlQueryFilter',
  );

const unquote = (s: string) => s.slice(1, -1).replace(/''/g, "'");
const fromAddress = (i: Item) =>
  String((i.from as { emailAddress?: { address?: string } } | undefined)?.emailAddress?.address ?? '');

const BOOLEANS = ['isRead', 'hasAttachments', 'isDraft'];
const COMPARE = ODATA_COMPARE;

/** One clause of a message `$filter`: `subject eq '…'`, `from/emailAddress/address eq '…'`, `isRead eq true`, dates. */
function clause(text: string): (i: Item) => boolean {
  const str = /^(subject|from\/emailAddress\/address)\s+(eq|ne)\s+('(?:[^']|'')*')$/i.exec(text);
  if (str) {
    const wanted = unquote(str[3]!).toLowerCase();
    const get = str[1]!.toLowerCase() === 'subject' ? (i: Item) => String(i.subject ?? '') : fromAddress;
    return (i) => COMPARE[str[2]!.toLowerCase()]!(get(i).toLowerCase(), wanted);
  }
  const bool = /^(\w+)\s+(eq|ne)\s+(true|false)$/i.exec(text);
  const key = bool && BOOLEANS.find((k) => k.toLowerCase() === bool[1]!.toLowerCase());
  if (bool && key) {
    const wanted = (bool[3]!.toLowerCase() === 'true') === (bool[2]!.toLowerCase() === 'eq');
    return (i) => (i[key] === true) === wanted;
  }
  const date = /^(receivedDateTime|sentDateTime)\s+(eq|ne|gt|ge|lt|le)\s+(\d{4}-\d\d-\d\dT[\d:.]+Z?)$/i.exec(
    text,
  );
  if (date) {
    const prop = date[1]!.toLowerCase().startsWith('received') ? 'receivedDateTime' : 'sentDateTime';
    const wanted = Date.parse(date[3]!.endsWith('Z') ? date[3]! : `${date[3]}Z`);
    if (Number.isNaN(wanted)) throw invalidFilter();
    const op = COMPARE[date[2]!.toLowerCase()]!;
    return (i) => op(Date.parse(String(i[prop])), wanted);
  }
  throw invalidFilter();
}

/** A message `$filter` of clauses joined by `and`. */
export function messageFilter(filter: string | undefined): (i: Item) => boolean {
  if (!filter?.trim()) return () => true;
  // `and` outside quoted strings (an even number of quotes follows it).
  const clauses = filter
    .trim()
    .split(/\s+and\s+(?=(?:[^']*'[^']*')*[^']*$)/i)
    .map(clause);
  return (i) => clauses.every((c) => c(i));
}

/** `$search="term"`: the term in the subject, the body text or the sender. */
export function messageSearch(search: string | undefined): (i: Item) => boolean {
  if (search === undefined) return () => true;
  const term = search.replace(/^"|"$/g, '').trim().toLowerCase();
  return (i) => {
    const body = i.body as MailBody | undefined;
    const text = body ? (body.contentType === 'html' ? htmlToText(body.content) : body.content) : '';
    return [String(i.subject ?? ''), text, fromAddress(i)].some((s) => s.toLowerCase().includes(term));
  };
}

const ORDERABLE = ['receivedDateTime', 'sentDateTime', 'createdDateTime', 'lastModifiedDateTime', 'subject'];

/** `$orderby` (default `receivedDateTime desc`, as Outlook lists mail); ties newest change first. */
export function messageOrder(orderby: string | undefined): (a: Item, b: Item) => number {
  const parts = (orderby ?? 'receivedDateTime desc').trim().split(/\s+/);
  const key = ORDERABLE.find((k) => k.toLowerCase() === parts[0]!.toLowerCase());
  const dir = (parts[1] ?? 'asc').toLowerCase();
  if (!key || parts.length > 2 || (dir !== 'asc' && dir !== 'desc'))
    throw graphErrors.badRequest(
      `Could not find a property named '${parts[0]}' on type 'microsoft.graph.message'.`,
      'BadRequest',
    );
  const sign = dir === 'desc' ? -1 : 1;
  return (a, b) => {
    const x = String(a[key] ?? '');
    const y = String(b[key] ?? '');
    return (x < y ? -1 : x > y ? 1 : 0) * sign || (a._seq - b._seq) * sign;
  };
}

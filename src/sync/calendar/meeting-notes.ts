/**
 * A meeting's notes: the CRM meeting's `body` ↔ the event's `body`, compared and written as plain
 * text. Every read of events asks Graph for text bodies ({@link EVENT_READ_HEADERS}); Graph returns
 * HTML documents otherwise (FACTS §0). A CRM note kept as HTML is compared by its text and written
 * to Outlook as that text; the CRM keeps its HTML until Outlook's notes change.
 */

/** The `Prefer` header every Graph read of events carries, so bodies come back as plain text. */
export const EVENT_READ_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  Prefer: 'outlook.body-content-type="text"',
});

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The text of an HTML note: line breaks for block ends and `<br>`, tags dropped, entities decoded. */
export function htmlText(html: string): string {
  return html
    .replace(/<(head|style|script)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6])>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#')
        return String.fromCodePoint(
          name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10),
        );
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
}

/**
 * Notes in their compared form: `\n` line ends, no trailing spaces on lines (Exchange pads its text
 * conversions), no blank lines around; `null` when empty.
 */
export function normalNotes(text: string | null | undefined): string | null {
  if (!text) return null;
  const out = text
    .replace(/\r\n?/g, '\n')
    .replaceAll('\u0000', '')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+$/, ''))
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
  return out ? out : null;
}

/** The notes of an Outlook event (a text body as asked; an HTML one converted, should a read lack the header). */
export function eventNotes(event: Record<string, unknown>): string | null {
  const body = event.body as { contentType?: string; content?: string } | undefined;
  const content = body?.content ?? '';
  return normalNotes(body?.contentType?.toLowerCase() === 'html' ? htmlText(content) : content);
}

/** The notes of a CRM meeting. */
export function recordNotes(record: Record<string, unknown>): string | null {
  const body = typeof record.body === 'string' ? record.body : null;
  return normalNotes(record.bodyContentType === 'html' && body ? htmlText(body) : body);
}

/** The CRM's maximum note length (the meeting definition's bound). */
const MAX_NOTES = 100_000;

/** The CRM fields for notes coming from Outlook: plain text, within the CRM's bound. */
export function crmNotes(notes: unknown): { body: string | null; bodyContentType: 'text' } {
  const text = typeof notes === 'string' ? notes.slice(0, MAX_NOTES) : null;
  return { body: text, bodyContentType: 'text' };
}

/** The Graph body writing notes. */
export const graphNotes = (notes: unknown) => ({
  contentType: 'text',
  content: typeof notes === 'string' ? notes : '',
});

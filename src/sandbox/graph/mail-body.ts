/** A message body as Graph carries it (`itemBody`). */
export interface MailBody {
  contentType: 'text' | 'html';
  content: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#')
      return String.fromCodePoint(
        name[1]!.toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1)),
      );
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The text of an HTML body: head, scripts and styles dropped, block ends as line breaks, entities decoded. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<(head|script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6])>/gi, '\n')
    .replace(/<[^>]+>/g, '');
  return decodeEntities(text)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A text body as Outlook stores it in HTML (a complete document, line breaks as `<br>`). */
export function textToHtml(text: string): string {
  const content = escapeHtml(text).replace(/\r?\n/g, '<br>\r\n');
  return (
    '<html><head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\r\n</head>\r\n' +
    `<body>\r\n<div>${content}</div>\r\n</body>\r\n</html>\r\n`
  );
}

/** `bodyPreview`: "the first 255 characters of the message body. It is in text format." */
export function previewOf(body: MailBody): string {
  const text = body.contentType === 'html' ? htmlToText(body.content) : body.content;
  return text.replace(/\s+/g, ' ').trim().slice(0, 255);
}

/**
 * The body in the format the client asked for with `Prefer: outlook.body-content-type="text"|"html"`;
 * without the header Outlook returns HTML.
 */
export function bodyAs(body: MailBody, wanted: 'text' | 'html'): MailBody {
  if (body.contentType === wanted) return body;
  return wanted === 'text'
    ? { contentType: 'text', content: htmlToText(body.content) }
    : { contentType: 'html', content: textToHtml(body.content) };
}

/** The `Prefer: outlook.body-content-type` value of a request, if any. */
export function preferredBodyType(prefer: string | undefined): 'text' | 'html' | undefined {
  const m = /(?:^|,)\s*outlook\.body-content-type\s*=\s*"?(text|html)"?\s*(?:,|$)/i.exec(prefer ?? '');
  return m ? (m[1]!.toLowerCase() as 'text' | 'html') : undefined;
}

/** The links of a body (`href`s of HTML, bare URLs of text), in order, without duplicates. */
export function linksIn(body: MailBody): string[] {
  const found =
    body.contentType === 'html'
      ? [...body.content.matchAll(/href\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)].map((m) =>
          decodeEntities(m[1] ?? m[2] ?? ''),
        )
      : [...body.content.matchAll(/https?:\/\/[^\s<>"')]+/gi)].map((m) => m[0]);
  return [...new Set(found.filter((l) => /^https?:\/\//i.test(l)))];
}

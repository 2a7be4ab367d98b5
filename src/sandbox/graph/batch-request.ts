import { graphErrors } from './graph-error.js';

/** Graph's limit on the requests of one JSON batch (FACTS §8). */
export const MAX_BATCH_REQUESTS = 20;

/** One request of a `$batch`, checked and normalised. */
export interface BatchItem {
  /** The id as the client wrote it (echoed in the response). */
  id: string;
  /** Ids are not case-sensitive: the lower-case id identifies the item. */
  key: string;
  method: string;
  /** Relative to `/v1.0`, e.g. `/me/contacts`. */
  url: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body?: unknown;
  /** Keys of earlier items this one waits for. */
  dependsOn: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const malformed = (message: string) => graphErrors.badRequest(message, 'BadRequest');

/**
 * The `requests` of a batch body, or the 400 Graph answers for a malformed batch: not an object
 * with `requests`, more than 20 requests, a duplicate id (any case), a missing id/method/url, an
 * absolute url, a body without `Content-Type`, or `dependsOn` naming no earlier request
 * (json-batching; OData JSON batch: dependencies name preceding requests).
 */
export function parseBatch(body: unknown): BatchItem[] {
  if (!isObject(body) || !Array.isArray(body.requests))
    throw malformed('Invalid batch payload format: a JSON object with a "requests" array is expected.');
  const requests: unknown[] = body.requests;
  if (requests.length === 0) throw malformed('The batch request must contain at least one request.');
  if (requests.length > MAX_BATCH_REQUESTS)
    throw malformed(
      `The number of requests in the batch (${requests.length}) exceeds the limit of ${MAX_BATCH_REQUESTS}.`,
    );
  const items: BatchItem[] = [];
  for (const [index, raw] of requests.entries()) {
    const item = parseItem(raw, index);
    if (items.some((i) => i.key === item.key))
      throw malformed(`Request Id ${item.id} has to be unique in a batch.`);
    for (const dep of item.dependsOn) {
      if (!items.some((i) => i.key === dep))
        throw malformed(
          `Request '${item.id}' depends on '${dep}', which is not an earlier request of the batch.`,
        );
    }
    items.push(item);
  }
  return items;
}

function parseItem(raw: unknown, index: number): BatchItem {
  if (!isObject(raw)) throw malformed(`The request at index ${index} is not a JSON object.`);
  for (const property of ['id', 'method', 'url']) {
    if (typeof raw[property] !== 'string' || !(raw[property] as string).trim())
      throw malformed(`The request at index ${index} is missing the required property '${property}'.`);
  }
  const id = raw.id as string;
  const headers = parseHeaders(raw.headers, id);
  if (raw.body !== undefined && raw.body !== null && headers['content-type'] === undefined)
    throw malformed(`The request '${id}' has a body but no Content-Type header.`);
  const dependsOn = raw.dependsOn ?? [];
  if (!Array.isArray(dependsOn) || dependsOn.some((d) => typeof d !== 'string'))
    throw malformed(`The dependsOn of request '${id}' must be an array of request ids.`);
  const item: BatchItem = {
    id,
    key: id.toLowerCase(),
    method: (raw.method as string).toUpperCase(),
    url: relativeUrl(raw.url as string, id),
    headers,
    dependsOn: (dependsOn as string[]).map((d) => d.toLowerCase()),
  };
  if (raw.body !== undefined && raw.body !== null) item.body = parseBody(raw.body, headers['content-type']);
  return item;
}

function parseHeaders(raw: unknown, id: string): Record<string, string> {
  if (raw === undefined || raw === null) return {};
  if (!isObject(raw)) throw malformed(`The headers of request '${id}' must be a JSON object.`);
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), String(v)]));
}

/** `/me/x`, `me/x` and the JS SDK's `/v1.0/me/x` all mean `/me/x`; absolute URLs are refused. */
function relativeUrl(url: string, id: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) throw malformed(`The url of request '${id}' must be relative.`);
  const path = url.startsWith('/') ? url : `/${url}`;
  return path.replace(/^\/v1\.0(?=[/?]|$)/i, '') || '/';
}

/** A JSON body as an object; a base64 string with a JSON content type is decoded. */
function parseBody(body: unknown, contentType: string | undefined): unknown {
  if (typeof body !== 'string' || !/json/i.test(contentType ?? '')) return body;
  try {
    return JSON.parse(Buffer.from(body, 'base64').toString('utf8'));
  } catch {
    // Not base64 JSON: the dispatcher answers the item 400 (a JSON object is expected).
    return body;
  }
}

import { GraphConformance } from './graph-conformance.js';

export interface GraphCallResult {
  status: number;
  headers: Headers;
  body: any;
}

/** (method, path after /v1.0 or an absolute link, body?, headers?, token?) */
export type GraphCall = (
  method: string,
  pathOrUrl: string,
  body?: unknown,
  headers?: Record<string, string>,
  token?: string,
) => Promise<GraphCallResult>;

type Check = (method: string, url: string, status: number, body: unknown) => void;

/**
 * A raw Graph call to the sandbox — so status, headers and body can be asserted — whose response is
 * validated against Microsoft's OpenAPI (or by `check`, for paths the document lacks).
 */
export function graphCaller(baseUrl: () => string, defaultToken: () => string, check?: Check): GraphCall {
  const conformance = GraphConformance.load();
  const verify: Check =
    check ?? ((method, url, status, body) => conformance.assertResponse({ method, url, status, body }));
  return async (method, pathOrUrl, body, headers = {}, token = defaultToken()) => {
    const url = pathOrUrl.startsWith('https://') ? pathOrUrl : `${baseUrl()}/v1.0${pathOrUrl}`;
    const res = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    const json = text ? JSON.parse(text) : undefined;
    verify(method, url, res.status, json);
    return { status: res.status, headers: res.headers, body: json };
  };
}

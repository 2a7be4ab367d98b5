/** A typed error from the API (RFC 9457 problem+json), or from the network. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** Stable code: `not_a_member`, `organisation_not_found`, `module_permission_missing`, `unauthorized`, `network`, `token_unavailable` (the host gave no SSO token)… */
    readonly code: string,
    /** A user-safe sentence from the server, when it sent one. */
    readonly detail: string | undefined,
    readonly correlationId: string | undefined,
    /** Field errors of a 400 (`errors` of the problem), each with a JSON Pointer into the body. */
    readonly issues: { pointer: string; code: string; detail: string }[] = [],
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

/** 403 `consent_required` / `interaction_required`: Graph needs the user's consent or a step-up sign-in. */
export class ConsentRequiredError extends ApiError {
  constructor(
    code: 'consent_required' | 'interaction_required',
    detail: string | undefined,
    correlationId: string | undefined,
    /** Graph scopes to consent to (`Contacts.ReadWrite`…), as the server named them. */
    readonly scopes: string[],
    /** The claims challenge of a step-up (`interaction_required`), when there is one. */
    readonly claims: string | undefined,
  ) {
    super(403, code, detail, correlationId);
    this.name = 'ConsentRequiredError';
  }
}

/** Shows the consent prompt; resolves true once consent was given (retry), false when the user declines. */
export type ConsentHandler = (error: ConsentRequiredError) => Promise<boolean>;

export type TokenSource = (options: { fresh: boolean }) => Promise<string>;

interface Problem {
  errors?: unknown;
  code?: unknown;
  scopes?: unknown;
  claims?: unknown;
  detail?: unknown;
  correlationId?: unknown;
}

/**
 * Calls `/api/v1` with `Authorization: Bearer`. A 401 asks the token source for a fresh token and
 * retries once; a 403 `consent_required` / `interaction_required` asks the consent handler (the
 * prompt) and, once consent is given, retries once; any other failure becomes an {@link ApiError}.
 */
export class ApiClient {
  private consentHandler: ConsentHandler | undefined;

  constructor(
    private readonly getToken: TokenSource,
    private readonly base = '/api/v1',
  ) {}

  /** Set by the consent gate while it is mounted; without one, consent errors are thrown. */
  onConsentRequired(handler: ConsentHandler | undefined): void {
    this.consentHandler = handler;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  /** GET with the response's ETag, for a later {@link patchIfMatch}. */
  async getWithEtag<T>(path: string): Promise<{ body: T; etag: string | undefined }> {
    const res = await this.exchange('GET', path, undefined, {});
    return { body: await parse<T>(res), etag: res.headers.get('etag') ?? undefined };
  }

  /** PATCH guarded by `If-Match`: a 412 (changed meanwhile) is an {@link ApiError} like any other. */
  async patchIfMatch<T>(path: string, body: unknown, etag: string): Promise<T> {
    return parse<T>(await this.exchange('PATCH', path, body, { 'if-match': etag }));
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return parse<T>(await this.exchange(method, path, body, {}));
  }

  /** One call with the 401 and consent retries; resolves with a successful response only. */
  private async exchange(
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string>,
  ): Promise<Response> {
    let res = await this.send(method, path, body, false, headers);
    if (res.status === 401) res = await this.send(method, path, body, true, headers);
    if (res.ok) return res;
    const error = await toError(res);
    if (!(error instanceof ConsentRequiredError) || !this.consentHandler) throw error;
    if (!(await this.consentHandler(error))) throw error;
    res = await this.send(method, path, body, false, headers);
    if (res.ok) return res;
    throw await toError(res);
  }

  private async send(
    method: string,
    path: string,
    body: unknown,
    fresh: boolean,
    extraHeaders: Record<string, string> = {},
  ): Promise<Response> {
    let token: string;
    try {
      token = await this.getToken({ fresh });
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw new ApiError(0, 'token_unavailable', undefined, undefined);
    }
    const headers: Record<string, string> = {
      ...extraHeaders,
      authorization: `Bearer ${token}`,
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await fetch(`${this.base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
      });
    } catch {
      throw new ApiError(0, 'network', undefined, undefined);
    }
  }
}

async function parse<T>(res: Response): Promise<T> {
  return (res.status === 204 ? undefined : await res.json()) as T;
}

async function toError(res: Response): Promise<ApiError> {
  let problem: Problem = {};
  if (/json/.test(res.headers.get('content-type') ?? '')) {
    problem = ((await res.json().catch(() => ({}))) ?? {}) as Problem;
  }
  const code =
    typeof problem.code === 'string'
      ? problem.code
      : res.status === 401
        ? 'unauthorized'
        : `http_${res.status}`;
  const detail = typeof problem.detail === 'string' ? problem.detail : undefined;
  const correlationId =
    typeof problem.correlationId === 'string'
      ? problem.correlationId
      : (res.headers.get('x-request-id') ?? undefined);
  if (res.status === 403 && (code === 'consent_required' || code === 'interaction_required')) {
    const scopes = Array.isArray(problem.scopes)
      ? problem.scopes.filter((s): s is string => typeof s === 'string')
      : [];
    const claims = typeof problem.claims === 'string' && problem.claims ? problem.claims : undefined;
    return new ConsentRequiredError(code, detail, correlationId, scopes, claims);
  }
  return new ApiError(
    res.status,
    res.status === 401 ? 'unauthorized' : code,
    detail,
    correlationId,
    issuesOf(problem.errors),
  );
}

function issuesOf(errors: unknown): ApiError['issues'] {
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((e: { pointer?: unknown; code?: unknown; detail?: unknown }) =>
    typeof e?.pointer === 'string' && typeof e.detail === 'string'
      ? [{ pointer: e.pointer, code: typeof e.code === 'string' ? e.code : '', detail: e.detail }]
      : [],
  );
}

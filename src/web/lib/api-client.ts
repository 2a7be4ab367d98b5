/** A typed error from the API (RFC 9457 problem+json), or from the network. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** Stable code: `not_a_member`, `organisation_not_found`, `module_permission_missing`, `unauthorized`, `network`, `token_unavailable` (the host gave no SSO token)… */
    readonly code: string,
    /** A user-safe sentence from the server, when it sent one. */
    readonly detail: string | undefined,
    readonly correlationId: string | undefined,
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

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res = await this.send(method, path, body, false);
    if (res.status === 401) res = await this.send(method, path, body, true);
    if (res.ok) return parse<T>(res);
    const error = await toError(res);
    if (!(error instanceof ConsentRequiredError) || !this.consentHandler) throw error;
    if (!(await this.consentHandler(error))) throw error;
    res = await this.send(method, path, body, false);
    if (res.ok) return parse<T>(res);
    throw await toError(res);
  }

  private async send(method: string, path: string, body: unknown, fresh: boolean): Promise<Response> {
    let token: string;
    try {
      token = await this.getToken({ fresh });
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw new ApiError(0, 'token_unavailable', undefined, undefined);
    }
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
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
  return new ApiError(res.status, res.status === 401 ? 'unauthorized' : code, detail, correlationId);
}

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

export type TokenSource = (options: { fresh: boolean }) => Promise<string>;

interface Problem {
  code?: unknown;
  detail?: unknown;
  correlationId?: unknown;
}

/**
 * Calls `/api/v1` with `Authorization: Bearer`. A 401 asks the token source for a fresh token and
 * retries once; any other failure becomes an {@link ApiError}.
 */
export class ApiClient {
  constructor(
    private readonly getToken: TokenSource,
    private readonly base = '/api/v1',
  ) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res = await this.send(method, path, body, false);
    if (res.status === 401) res = await this.send(method, path, body, true);
    if (res.ok) return (res.status === 204 ? undefined : await res.json()) as T;
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
  return new ApiError(
    res.status,
    res.status === 401 ? 'unauthorized' : code,
    typeof problem.detail === 'string' ? problem.detail : undefined,
    typeof problem.correlationId === 'string'
      ? problem.correlationId
      : (res.headers.get('x-request-id') ?? undefined),
  );
}

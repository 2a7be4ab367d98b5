import { AppError } from '../../platform/errors/app-error.js';
import { GraphCallError, type GraphAuth, type GraphPort } from '../../sync/graph/graph-port.js';

/** A user of the tenant directory, as onboarding needs it. */
export interface DirectoryUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
  preferredLanguage: string | null;
  jobTitle: string | null;
  /** `Member` or `Guest` (a guest is someone outside the tenant). */
  userType: string | null;
}

const SELECT = 'id,displayName,userPrincipalName,mail,preferredLanguage,jobTitle,userType';
/** Delegated permission for reading other users' basic profiles (consented with Tandem). */
export const DIRECTORY_SCOPE = 'User.ReadBasic.All';
const SEARCH_LIMIT = 25;

/** The tenant directory through Graph `/users`, on behalf of the signed-in member. */
export class DirectoryService {
  constructor(private readonly graph: GraphPort | undefined) {}

  /** `$search` on display name, mail and UPN prefixes (Graph needs `ConsistencyLevel: eventual`). */
  async search(auth: GraphAuth, term: string): Promise<DirectoryUser[]> {
    const graph = this.port();
    const q = term.replace(/["\\]/g, ' ').trim();
    const search = ['displayName', 'mail', 'userPrincipalName'].map((p) => `"${p}:${q}"`).join(' OR ');
    const url = `/users?$search=${encodeURIComponent(search)}&$select=${SELECT}&$count=true&$top=${SEARCH_LIMIT}`;
    const res = await this.guard(() =>
      graph.call<{ value: Record<string, unknown>[] }>(auth, mailboxOf(auth), {
        method: 'GET',
        url,
        headers: { ConsistencyLevel: 'eventual' },
        idempotent: true,
      }),
    );
    return res.body.value.map(toUser).sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  /** The users with these ids in the caller's tenant; ids not found there are absent from the map. */
  async lookup(auth: GraphAuth, ids: string[]): Promise<Map<string, DirectoryUser>> {
    const graph = this.port();
    const results = await this.guard(() =>
      graph.batch(
        auth,
        mailboxOf(auth),
        ids.map((id) => ({
          method: 'GET' as const,
          url: `/users/${id}?$select=${SELECT}`,
          idempotent: true,
        })),
      ),
    );
    const found = new Map<string, DirectoryUser>();
    results.forEach((r, i) => {
      if (r instanceof GraphCallError) {
        if (r.code === 'NOT_FOUND') return;
        throw directoryUnavailable(r);
      }
      const user = toUser(r.body as Record<string, unknown>);
      if (user.id.toLowerCase() === ids[i]!.toLowerCase()) found.set(ids[i]!, user);
    });
    return found;
  }

  private port(): GraphPort {
    if (!this.graph) throw directoryUnavailable();
    return this.graph;
  }

  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof GraphCallError) throw directoryUnavailable(err);
      throw err;
    }
  }
}

function mailboxOf(auth: GraphAuth): string {
  return auth.kind === 'user' ? auth.objectId : auth.tenantId;
}

function toUser(v: Record<string, unknown>): DirectoryUser {
  const s = (k: string) => (typeof v[k] === 'string' && v[k] ? (v[k] as string) : null);
  return {
    id: String(v.id),
    displayName: s('displayName') ?? s('userPrincipalName') ?? String(v.id),
    userPrincipalName: s('userPrincipalName') ?? '',
    mail: s('mail'),
    preferredLanguage: s('preferredLanguage'),
    jobTitle: s('jobTitle'),
    userType: s('userType'),
  };
}

function directoryUnavailable(cause?: GraphCallError): AppError {
  if (cause?.code === 'CONSENT_REQUIRED') {
    // The code the tabs answer with a consent prompt (as the token broker's own).
    return new AppError({
      code: 'consent_required',
      httpStatus: 403,
      userMessage: 'Tandem needs your consent to read your organisation’s directory.',
      details: { scopes: [DIRECTORY_SCOPE] },
      cause,
    });
  }
  if (cause?.code === 'FORBIDDEN') {
    return new AppError({
      code: 'directory_forbidden',
      httpStatus: 403,
      userMessage:
        'Tandem may not read your organisation’s directory. Ask an administrator to grant consent.',
      cause,
    });
  }
  return new AppError({
    code: 'directory_unavailable',
    httpStatus: 503,
    userMessage: 'The Microsoft 365 directory cannot be reached right now. Try again in a moment.',
    retryable: true,
    cause,
    headers: { 'Retry-After': '5' },
  });
}

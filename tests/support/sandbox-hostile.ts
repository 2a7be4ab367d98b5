/** Drives the sandbox's hostile-mode tools (`/_sandbox/throttling`, `/_sandbox/faults`) from tests. */
export interface SandboxTool {
  status: number;
  body: any;
}

async function tool(url: string, method: string, path: string, body?: unknown): Promise<SandboxTool> {
  const res = await fetch(`${url}/_sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

export const hostileTools = (url: string) => ({
  throttling: (config: Record<string, unknown>) => tool(url, 'PUT', '/throttling', config),
  faults: (config: Record<string, unknown>) => tool(url, 'PUT', '/faults', config),
  get: (path: '/throttling' | '/faults' | '/faults/log' | '/metrics') => tool(url, 'GET', path),
  /** Turns throttling and faults off and forgets the metrics (between tests). */
  off: async () => {
    await tool(url, 'PUT', '/throttling', {});
    await tool(url, 'DELETE', '/faults');
    await tool(url, 'DELETE', '/metrics');
  },
  /** The counters of the mailbox of `userId` (one app per test sandbox token). */
  mailboxMetrics: async (userId: string) => {
    const { body } = await tool(url, 'GET', '/metrics');
    const entry = Object.entries(body.mailboxes as Record<string, any>).find(([key]) =>
      key.endsWith(`|${userId}`),
    );
    return entry?.[1] as { requests: number; maxInFlight: number; throttled: number } | undefined;
  },
});

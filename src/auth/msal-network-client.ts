import https from 'node:https';
import { rootCertificates } from 'node:tls';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

/**
 * msal-node's network module over `https` with an extra trusted CA (the sandbox's), so token
 * requests need no NODE_EXTRA_CA_CERTS. Without a CA, Node's defaults apply unchanged.
 */
export class MsalNetworkClient implements INetworkModule {
  private readonly agent: https.Agent;

  constructor(extraCaPem?: string) {
    this.agent = new https.Agent({
      keepAlive: true,
      ...(extraCaPem ? { ca: [...rootCertificates, extraCaPem] } : {}),
    });
  }

  sendGetRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  private send<T>(
    method: string,
    url: string,
    options?: NetworkRequestOptions,
    timeout = 10_000,
  ): Promise<NetworkResponse<T>> {
    return new Promise((resolve, reject) => {
      const req = https.request(
        url,
        { method, agent: this.agent, headers: options?.headers, timeout },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            try {
              body = text ? JSON.parse(text) : {};
            } catch {
              // MSAL reports non-JSON bodies itself (e.g. an HTML error page); hand it the text.
            }
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers))
              if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
            resolve({ headers, body: body as T, status: res.statusCode ?? 0 });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${new URL(url).origin} timed out`)));
      req.on('error', reject);
      if (options?.body) req.write(options.body);
      req.end();
    });
  }
}

import { rootCertificates } from 'node:tls';
import { Agent, setGlobalDispatcher } from 'undici';

let trusted: string[] = [];

/**
 * Trusts an extra CA (the sandbox's) in this process's `fetch` — used by the Graph client — in
 * addition to Node's default roots, without NODE_EXTRA_CA_CERTS (which must exist before start).
 * MSAL and the JWKS fetch are given the same PEM through their own options.
 */
export function trustExtraCa(pem: string): void {
  if (trusted.includes(pem)) return;
  trusted = [...trusted, pem];
  setGlobalDispatcher(new Agent({ connect: { ca: [...rootCertificates, ...trusted] } }));
}

/**
 * Where the bot may send: Microsoft's Teams service hosts (`smba.trafficmanager.net` exactly, anything
 * under `.botframework.com`) over https; in sandbox mode also loopback, where the Agents Playground runs.
 */
export function isAllowedServiceUrl(serviceUrl: string | undefined, allowLoopback: boolean): boolean {
  if (!serviceUrl) return false;
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false; // not a URL: refused, nothing to report
  }
  const host = url.hostname.toLowerCase();
  if (
    url.protocol === 'https:' &&
    (host === 'smba.trafficmanager.net' || host.endsWith('.botframework.com'))
  ) {
    return !url.username && !url.password;
  }
  return allowLoopback && ['localhost', '127.0.0.1', '[::1]'].includes(host);
}

import { SandboxedTandem, type SandboxedMember, type SandboxUser } from '../../support/sandboxed-app.js';
import { TEST_CLIENT_ID } from '../../support/test-identity.js';

export interface SandboxMail {
  id: string;
  subject: string;
  from: { emailAddress: { address: string } } | null;
  to: { emailAddress: { address: string; name?: string } }[];
  body: { contentType: string; content: string };
  links: string[];
}

/**
 * Tandem against a fresh sandbox for the onboarding suites: Tandem published in the sandbox's
 * Teams catalog (so invitations can install it), helpers to read mail and take accept links.
 */
export class OnboardingFixture {
  private constructor(readonly sbx: SandboxedTandem) {}

  /**
   * `seed` gives this suite its own tenant ids, so suites share the run's database (PGlite, or
   * PostgreSQL under `npm run test:pg`, where the races below are truly concurrent).
   */
  static async start(seed: number): Promise<OnboardingFixture> {
    const sbx = await SandboxedTandem.start({
      seed: { seed, contactsPerUser: 0, eventsPerUser: 0, tasksPerUser: 0 },
      env: { TEAMS_APP_ID: TEST_CLIENT_ID },
    });
    const publish = () =>
      fetch(`${sbx.sandbox.url}/_sandbox/teams/catalog/${TEST_CLIENT_ID}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ displayName: 'Tandem', azureADAppId: TEST_CLIENT_ID }),
      });
    // A sandbox of an earlier suite may have had this port: its pooled socket resets once (PUT is idempotent).
    const res = await publish().catch(publish);
    if (!res.ok) throw new Error(`catalog publish answered ${res.status}`);
    return new OnboardingFixture(sbx);
  }

  get app() {
    return this.sbx.app;
  }

  get db() {
    return this.sbx.app.tandem.db;
  }

  /** Seeded users of a tenant (0 = Contoso, 1 = Fabrikam). */
  users(tenant = 0): SandboxUser[] {
    return this.sbx.tenant(tenant).users;
  }

  admin(tenant = 0): SandboxUser {
    return this.users(tenant).find((u) => u.isAdministrator)!;
  }

  /** The n-th seeded non-administrator of a tenant. */
  nonAdmin(n: number, tenant = 0): SandboxUser {
    return this.users(tenant).filter((u) => !u.isAdministrator)[n]!;
  }

  provision(tenant = 0): Promise<SandboxedMember> {
    return this.sbx.provision(this.admin(tenant), tenant);
  }

  token(user: SandboxUser): Promise<string> {
    return this.sbx.apiToken(user.userPrincipalName);
  }

  request(method: string, path: string, token?: string, body?: unknown) {
    return this.app.request(method, path, { token, body });
  }

  /** Mails the sandbox delivered to an address (newest first). */
  async mailTo(address: string): Promise<SandboxMail[]> {
    const res = await fetch(`${this.sbx.sandbox.url}/_sandbox/mail?address=${encodeURIComponent(address)}`);
    return ((await res.json()) as { messages: SandboxMail[] }).messages;
  }

  async clearMail(): Promise<void> {
    await fetch(`${this.sbx.sandbox.url}/_sandbox/mail`, { method: 'DELETE' });
  }

  /** The accept link of the newest invitation mail to `address`, and its secret. */
  async acceptLink(address: string): Promise<{ url: string; token: string; mail: SandboxMail }> {
    const [mail] = await this.mailTo(address);
    if (!mail) throw new Error(`no mail to ${address}`);
    const url = mail.links.find((l) => l.includes('/tabs/accept'));
    if (!url) throw new Error('no accept link in the mail');
    return { url, token: new URL(url).hash.replace(/^#token=/, ''), mail };
  }

  stop(): Promise<void> {
    return this.sbx.stop();
  }
}

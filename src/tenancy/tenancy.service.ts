import type { Database } from '../platform/db/database.js';
import { newId } from '../platform/db/ids.js';
import { PG, pgErrorOf } from '../platform/db/pg-errors.js';
import { ConflictError, ForbiddenError, UnprocessableError } from '../platform/errors/app-error.js';
import type { MemberRepository, UserRow } from './member.repo.js';
import type { OrganisationRepository, OrganisationRow } from './organisation.repo.js';
import { BUILT_IN_PROFILES, permissionsSchema, type BuiltInProfileKey } from './permissions.js';
import type { Principal } from './principal.js';

export interface NewMember {
  objectId: string;
  userPrincipalName: string;
  displayName: string;
  email?: string | null;
  preferredLanguage?: string | null;
  profileKey?: BuiltInProfileKey | string;
}

/** Organisations, their members and who a caller is. */
export class TenancyService {
  constructor(
    private readonly db: Database,
    private readonly organisations: OrganisationRepository,
    private readonly members: MemberRepository,
  ) {}

  /**
   * The principal for a validated token's (tid, oid). Fails closed with a code the tabs act on:
   * `organisation_not_found` (the tenant has no Tandem organisation), `not_a_member`, `user_inactive`.
   */
  async resolvePrincipal(tenantId: string, objectId: string): Promise<Principal> {
    const org = await this.db.system((tx) => this.organisations.findByTenantId(tx, tenantId));
    if (!org || org.status !== 'active') {
      throw new ForbiddenError(
        'organisation_not_found',
        'Your organisation does not use Tandem yet. Ask your administrator to set it up.',
      );
    }
    const found = await this.db.scoped(org.id, (tx) =>
      this.members.findByIdentity(tx, org.id, tenantId, objectId),
    );
    if (!found) {
      throw new ForbiddenError(
        'not_a_member',
        'Your organisation already uses Tandem, but you are not a member yet. You can ask to join.',
        { organisation: { name: org.name } },
      );
    }
    if (found.user.status !== 'active') {
      throw new ForbiddenError(
        'user_inactive',
        'Your Tandem account is deactivated. Ask your administrator.',
      );
    }
    return {
      orgId: org.id,
      organisationName: org.name,
      tenantId,
      objectId,
      userId: found.user.id,
      userPrincipalName: found.user.userPrincipalName,
      displayName: found.user.displayName,
      profile: {
        id: found.profile.id,
        key: found.profile.key,
        name: found.profile.name,
        permissions: permissionsSchema.parse(found.profile.permissions),
      },
    };
  }

  /**
   * Creates the organisation of a tenant with its built-in profiles and its first member, who is
   * Administrator. Refused when the tenant already has one.
   */
  async provisionOrganisation(input: {
    tenantId: string;
    name: string;
    admin: Omit<NewMember, 'profileKey'>;
  }): Promise<{ organisation: OrganisationRow; admin: UserRow }> {
    return this.db.system(async (tx) => {
      if (await this.organisations.findByTenantId(tx, input.tenantId)) throw organisationExists();
      const organisation = await this.organisations
        .insert(tx, { id: newId(), tenantId: input.tenantId, name: input.name })
        .catch((err: unknown) => {
          // A concurrent first user won the race (organisations.tenant_id is unique).
          if (pgErrorOf(err)?.code === PG.uniqueViolation) throw organisationExists();
          throw err;
        });
      const created = await this.members.insertProfiles(
        tx,
        Object.entries(BUILT_IN_PROFILES).map(([key, p]) => ({
          id: newId(),
          orgId: organisation.id,
          key,
          name: p.name,
          builtIn: true,
          permissions: p.permissions,
        })),
      );
      const adminProfile = created.find((p) => p.key === 'administrator')!;
      const admin = await this.members.insertUser(tx, {
        ...memberValues(organisation, input.admin),
        profileId: adminProfile.id,
      });
      return { organisation, admin };
    });
  }

  /** Adds a member to an organisation with a profile (Standard by default). */
  async addMember(orgId: string, member: NewMember): Promise<UserRow> {
    const org = await this.db.system((tx) => this.organisations.findById(tx, orgId));
    if (!org) throw new ForbiddenError('organisation_not_found', 'This organisation does not exist.');
    return this.db.scoped(orgId, async (tx) => {
      const profile = await this.members.findProfileByKey(tx, orgId, member.profileKey ?? 'standard');
      if (!profile) throw new UnprocessableError('unknown_profile', 'This profile does not exist.');
      try {
        return await this.members.insertUser(tx, { ...memberValues(org, member), profileId: profile.id });
      } catch (err) {
        if (pgErrorOf(err)?.code === PG.uniqueViolation) {
          throw new ConflictError('already_a_member', `${member.userPrincipalName} is already a member.`);
        }
        throw err;
      }
    });
  }
}

const organisationExists = () =>
  new ConflictError(
    'organisation_exists',
    'This Microsoft 365 tenant already has a Tandem organisation. You can ask to join it.',
  );

function memberValues(org: OrganisationRow, m: NewMember) {
  return {
    id: newId(),
    orgId: org.id,
    tenantId: org.tenantId,
    objectId: m.objectId,
    userPrincipalName: m.userPrincipalName,
    displayName: m.displayName,
    email: m.email ?? null,
    preferredLanguage: m.preferredLanguage ?? null,
  };
}

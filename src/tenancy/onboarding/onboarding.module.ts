import type { Config } from '../../config/load-config.js';
import type { Database } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { GraphPort } from '../../sync/graph/graph-port.js';
import type { MemberRepository } from '../member.repo.js';
import { OrganisationRepository } from '../organisation.repo.js';
import type { TenancyService } from '../tenancy.service.js';
import { ApproverDigests } from './approver-digest.js';
import { AuditLogRepository } from './audit-log.repo.js';
import { AuditTrail } from './audit-trail.js';
import { BootstrapService } from './bootstrap.service.js';
import { DirectoryService } from './directory.service.js';
import { InvitationAcceptance } from './invitation-acceptance.js';
import { InvitationDelivery } from './invitation-delivery.js';
import { InvitationRepository } from './invitation.repo.js';
import { InvitationService } from './invitation.service.js';
import { JoinRequestRepository } from './join-request.repo.js';
import { JoinRequestService } from './join-request.service.js';
import { JoinRequestNotices } from './join-request-notices.js';
import { MemberAdminService } from './member-admin.service.js';
import { OnboardingMailer } from './onboarding-mailer.js';
import type { Identity } from './onboarding.contract.js';
import { OnboardingService } from './onboarding.service.js';
import { TeamsInstaller } from './teams-installer.js';

export interface OnboardingDeps {
  config: Config;
  logger: Logger;
  db: Database;
  tenancy: TenancyService;
  members: MemberRepository;
  /** Graph (undefined without Graph credentials: mails then fail and are recorded as such). */
  graph: GraphPort | undefined;
  /** Validates a Tandem token into its identity ("Associate my account"). */
  identityOf: (token: string) => Promise<Identity>;
}

/** Builds the onboarding services around one database and the Graph port. */
export function buildOnboarding(deps: OnboardingDeps): OnboardingService {
  const { db, members, config } = deps;
  const logger = deps.logger.child({ component: 'onboarding' });
  const organisations = new OrganisationRepository();
  const invitationRepo = new InvitationRepository();
  const joinRepo = new JoinRequestRepository();
  const auditRepo = new AuditLogRepository();
  const audit = new AuditTrail(db, auditRepo);
  const mailer = new OnboardingMailer(deps.graph, logger);
  const directory = new DirectoryService(deps.graph);
  const publicUrl = config.http.publicUrl;
  const digests = new ApproverDigests(db, joinRepo, mailer, publicUrl, logger);
  // The notifier is read at each delivery: the bot may wire it after the services exist.
  const built: { service?: OnboardingService } = {};
  const notifier = () => built.service?.currentNotifier();
  const delivery = new InvitationDelivery(
    db,
    invitationRepo,
    audit,
    mailer,
    new TeamsInstaller(deps.graph, config.bot.teamsAppId, logger),
    notifier,
    publicUrl,
    logger,
  );
  const ttl = config.onboarding.invitationTtlDays;
  const notices = new JoinRequestNotices(
    db,
    members,
    mailer,
    digests,
    directory,
    notifier,
    publicUrl,
    logger,
  );
  const joinRequests = new JoinRequestService(db, joinRepo, members, organisations, audit, notices);
  const service = new OnboardingService({
    bootstrap: new BootstrapService(
      db,
      deps.tenancy,
      organisations,
      members,
      invitationRepo,
      joinRequests,
      audit,
    ),
    invitations: new InvitationService(
      db,
      invitationRepo,
      members,
      auditRepo,
      audit,
      directory,
      delivery,
      ttl,
    ),
    acceptance: new InvitationAcceptance(db, invitationRepo, members, organisations, audit, deps.identityOf),
    joinRequests,
    members: new MemberAdminService(db, members, audit),
    audit,
    directory,
    digests,
  });
  built.service = service;
  return service;
}

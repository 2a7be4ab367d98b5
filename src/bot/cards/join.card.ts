import { adaptiveCard, heading, paragraph, type AdaptiveCard } from './card.js';

/** Deep link to a personal tab of the Tandem Teams app (entity id from appPackage/manifest.json). */
export function tabDeepLink(teamsAppId: string, entityId: string): string {
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/${encodeURIComponent(entityId)}`;
}

/** For a tenant user who is not a member yet: their organisation uses Tandem; the Join tab asks to join. */
export function joinCard(input: { organisationName: string; joinUrl: string }): AdaptiveCard {
  return adaptiveCard(
    [
      heading(`${input.organisationName} already uses Tandem`),
      paragraph(
        "You are not a member yet. Ask to join: the people who manage users in your organisation will get your request, and you'll hear back here.",
      ),
    ],
    [{ type: 'Action.OpenUrl', title: 'Request to join', url: input.joinUrl }],
  );
}

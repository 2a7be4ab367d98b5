import assert from 'node:assert/strict';
import { invitationCard, welcomeCard } from '../../../src/bot/cards/invitation.card.js';
import { joinRequestCard } from '../../../src/bot/cards/join-request.card.js';
import { joinCard, joinRequestStatusCard, setUpCard } from '../../../src/bot/cards/join.card.js';
import type { JoinRequestView } from '../../../src/tenancy/onboarding/onboarding.contract.js';
import { assertValidCard, cardText, executeActions } from '../../support/adaptive-card.js';

const pending: JoinRequestView = {
  id: '5d0c3c1e-8a44-4f55-9a3c-4a1f1f3f7d01',
  requester: {
    objectId: '2f1b1bd3-e6e7-4ed0-8e83-a87d8e180ec0',
    userPrincipalName: 'olivia.bennett@contoso.example',
    displayName: 'Olivia Bennett',
  },
  message: 'I run the Lyon sales team',
  status: 'pending',
  createdAt: '2026-11-21T10:15:30.123Z',
  decidedBy: null,
  decidedAt: null,
  profile: null,
};

describe('Onboarding cards (pure builders, parsed as Teams parses them)', () => {
  it('the approver card: who asks, the message, Approve and add / Decline, refresh for the approvers', () => {
    const card = joinRequestCard({
      request: pending,
      organisationName: 'Contoso',
      refreshUserIds: ['29:a', '29:b'],
    });
    assertValidCard(card);
    assert.match(cardText(card), /Olivia Bennett asks to join Contoso in Tandem/);
    assert.match(cardText(card), /I run the Lyon sales team/);
    assert.match(cardText(card), /\{\{DATE\(2026-11-21T10:15:30Z, SHORT\)\}\}/);
    assert.deepEqual(
      card.actions!.map((a) => [a.title, a.verb, (a.data as any).requestId]),
      [
        ['Approve and add', 'approveJoinRequest', pending.id],
        ['Decline', 'declineJoinRequest', pending.id],
      ],
    );
    assert.deepEqual(card.refresh.userIds, ['29:a', '29:b']);
    assert.equal((card.refresh.action as any).verb, 'refreshJoinRequest');
  });

  it('decided: "Approved by X at T" or "Declined by X at T", no buttons', () => {
    for (const status of ['approved', 'declined'] as const) {
      const card = joinRequestCard({
        request: {
          ...pending,
          status,
          decidedBy: { userId: 'u1', displayName: 'Daniel Hughes' },
          decidedAt: '2026-11-21T10:20:00.000Z',
          profile: status === 'approved' ? { key: 'standard', name: 'Standard' } : null,
        },
        organisationName: 'Contoso',
        refreshUserIds: [],
      });
      assertValidCard(card);
      assert.equal(card.actions, undefined);
      assert.match(
        cardText(card),
        new RegExp(`${status === 'approved' ? 'Approved' : 'Declined'} by Daniel Hughes at \\{\\{DATE`),
      );
    }
  });

  it('the non-member cards: join (message ≤ 500), request status, set up, invitation, welcome', () => {
    const join = joinCard({
      organisationName: 'Contoso',
      joinUrl: 'https://teams.microsoft.com/l/entity/x/join',
    });
    assertValidCard(join);
    assert.match(cardText(join), /Contoso already uses Tandem/);
    assert.deepEqual(
      executeActions(join).map((a) => a.verb),
      ['requestToJoin'],
    );
    assertValidCard(joinRequestStatusCard({ organisationName: 'Contoso', request: pending }));
    assertValidCard(setUpCard({ joinUrl: 'https://teams.microsoft.com/l/entity/x/join' }));
    const invitation = invitationCard({
      invitationId: 'inv-1',
      organisationName: 'Contoso',
      invitedBy: 'Megan Bowen',
      profileName: 'Manager',
      expiresAt: '2026-12-05T10:00:00.000Z',
      acceptUrl: 'https://tandem.example/tabs/accept#token=abc',
    });
    assertValidCard(invitation);
    assert.match(cardText(invitation), /Megan Bowen invited you to join with the Manager profile/);
    assert.deepEqual(executeActions(invitation)[0], {
      title: 'Accept',
      verb: 'acceptInvitation',
      data: { invitationId: 'inv-1' },
    });
    assertValidCard(welcomeCard({ organisationName: 'Contoso', profileName: 'Manager' }));
  });
});

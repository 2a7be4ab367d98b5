import {
  Body1,
  Button,
  Checkbox,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { useState } from 'react';
import { ApiError, type ApiClient } from '../lib/api-client.js';
import { useTab } from '../lib/tab-context.js';
import type { Strings } from '../strings.js';

export interface Accepted {
  organisation: { id: string; name: string };
  profile: { key: string; name: string };
}

/** Which invitation: the secret of the mail link, or the pending one bound to the caller. */
export type InvitationRef = { token: string } | { invitationId: string };

/** Terms checkbox and Accept; refusals (someone else's, expired or revoked, already used) in plain words. */
export function InvitationAccept(props: {
  invitation: InvitationRef;
  /** Extra body fields (the account to associate). */
  extra?: Record<string, unknown>;
  /** Calls as someone other than the tab's user (the invitee, when associating another account). */
  api?: ApiClient;
  onAccepted: (accepted: Accepted) => void;
  /** Offered when the invitation belongs to someone else (outside Teams: sign in again). */
  onWrongUser?: () => void;
}) {
  const tab = useTab();
  const { strings } = tab;
  const api = props.api ?? tab.api;
  const [terms, setTerms] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | undefined>();

  const accept = async () => {
    setBusy(true);
    setRefusal(undefined);
    try {
      props.onAccepted(
        await api.post<Accepted>('/invitations/accept', {
          ...props.invitation,
          acceptTerms: true,
          ...props.extra,
        }),
      );
    } catch (err) {
      setRefusal(err instanceof ApiError ? err : new ApiError(0, 'network', undefined, undefined));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Checkbox
        checked={terms}
        onChange={(_e, d) => setTerms(d.checked === true)}
        label={strings.accept.terms}
      />
      <div>
        <Button appearance="primary" disabled={!terms || busy} onClick={() => void accept()}>
          {busy ? strings.accept.accepting : strings.accept.accept}
        </Button>
      </div>
      {refusal && (
        <MessageBar intent="error" role="alert" data-testid="accept-refusal">
          <MessageBarBody>
            <MessageBarTitle>{refusalText(refusal, strings)}</MessageBarTitle>
            {refusal.detail && <Body1 block>{refusal.detail}</Body1>}
          </MessageBarBody>
        </MessageBar>
      )}
      {refusal?.status === 403 && props.onWrongUser && (
        <div>
          <Button onClick={props.onWrongUser}>{strings.accept.signInOther}</Button>
        </div>
      )}
    </>
  );
}

function refusalText(error: ApiError, strings: Strings): string {
  if (error.status === 403) return strings.accept.wrongUser;
  if (error.status === 410) return strings.accept.expired;
  if (error.status === 409) return strings.accept.used;
  if (error.status === 404) return strings.accept.noInvitation;
  return strings.errors.generic;
}

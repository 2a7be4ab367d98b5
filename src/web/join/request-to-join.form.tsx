import { Button, Field, MessageBar, MessageBarBody, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import { useTab } from '../lib/tab-context.js';
import type { JoinRequestView } from '../team/team-api.js';
import { detailOf } from '../team/use-section.js';

const MAX = 500;

/** "Request to join" with an optional message (≤ 500 characters). */
export function RequestToJoinForm({ onSent }: { onSent: (request: JoinRequestView) => void }) {
  const { api, strings } = useTab();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const send = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const trimmed = message.trim();
      onSent(await api.post<JoinRequestView>('/join-requests', trimmed ? { message: trimmed } : {}));
    } catch (err) {
      setError(detailOf(err, strings.errors.generic));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Field label={strings.join.message} hint={strings.join.messageHint(MAX - message.length)}>
        <Textarea
          value={message}
          maxLength={MAX}
          resize="vertical"
          onChange={(_e, d) => setMessage(d.value)}
        />
      </Field>
      <div>
        <Button appearance="primary" disabled={busy} onClick={() => void send()}>
          {busy ? strings.join.requesting : strings.join.request}
        </Button>
      </div>
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

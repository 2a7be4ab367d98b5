import {
  Body1,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { useState } from 'react';
import { useTab } from '../lib/tab-context.js';
import { detailOf } from '../team/use-section.js';

/** No organisation in the caller's tenant yet: set it up; the caller becomes its Administrator. */
export function BootstrapForm({ onDone }: { onDone: (organisation: { id: string; name: string }) => void }) {
  const { api, strings } = useTab();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const setUp = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const trimmed = name.trim();
      const body = await api.post<{ organisation: { id: string; name: string } }>(
        '/organisations',
        trimmed ? { name: trimmed } : {},
      );
      onDone(body.organisation);
    } catch (err) {
      setError(detailOf(err, strings.errors.generic));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <MessageBar intent="info" data-testid="join-state">
        <MessageBarBody>
          <MessageBarTitle>{strings.join.noOrganisation}</MessageBarTitle>
          <Body1 block>{strings.join.noOrganisationHint}</Body1>
        </MessageBarBody>
      </MessageBar>
      <Field label={strings.join.orgName}>
        <Input value={name} maxLength={200} onChange={(_e, d) => setName(d.value)} />
      </Field>
      <div>
        <Button appearance="primary" disabled={busy} onClick={() => void setUp()}>
          {busy ? strings.join.settingUp : strings.join.setUp}
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

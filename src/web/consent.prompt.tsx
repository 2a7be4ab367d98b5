import {
  Body1,
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Title2,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { ConsentRequiredError, type ApiClient } from './lib/api-client.js';
import { consentSentence } from './lib/consent.js';
import { beginConsent, completeConsent, requestConsent } from './lib/consent-flow.js';
import type { Strings } from './strings.js';
import { Centered, Page } from './ui.js';

const useStyles = makeStyles({
  actions: { display: 'flex', columnGap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
});

type Status = 'idle' | 'granting' | 'failed';

function merge(current: ConsentRequiredError | undefined, next: ConsentRequiredError): ConsentRequiredError {
  if (!current) return next;
  const scopes = [...new Set([...current.scopes, ...next.scopes])];
  const stepUp = current.code === 'interaction_required' || next.code === 'interaction_required';
  return new ConsentRequiredError(
    stepUp ? 'interaction_required' : 'consent_required',
    current.detail,
    current.correlationId,
    scopes,
    current.claims ?? next.claims,
  );
}

/**
 * Any API call of the pages below that fails with 403 `consent_required` / `interaction_required`
 * waits here: the prompt replaces the page until consent is given (the call is then retried once)
 * or declined (the call fails as before).
 */
export function ConsentGate(props: {
  api: ApiClient;
  strings: Strings;
  inTeams: boolean;
  loginHint: string | undefined;
  children: ReactNode;
}) {
  const { api } = props;
  const waiting = useRef<((granted: boolean) => void)[]>([]);
  const [error, setError] = useState<ConsentRequiredError | undefined>();
  const [status, setStatus] = useState<Status>('idle');

  // A layout effect runs before the pages' effects, so their first calls already find the handler.
  useLayoutEffect(() => {
    api.onConsentRequired(
      (e) =>
        new Promise<boolean>((resolve) => {
          waiting.current.push(resolve);
          setError((current) => merge(current, e));
        }),
    );
    return () => api.onConsentRequired(undefined);
  }, [api]);

  const settle = (granted: boolean) => {
    const resolvers = waiting.current;
    waiting.current = [];
    setError(undefined);
    setStatus('idle');
    for (const resolve of resolvers) resolve(granted);
  };

  const grant = async () => {
    if (!error) return;
    setStatus('granting');
    try {
      await requestConsent(error, { inTeams: props.inTeams, loginHint: props.loginHint });
      settle(true);
    } catch {
      setStatus('failed');
    }
  };

  return (
    <>
      {error && (
        <ConsentPrompt
          strings={props.strings}
          error={error}
          status={status}
          onGrant={() => void grant()}
          onDecline={() => settle(false)}
        />
      )}
      <div hidden={!!error}>{props.children}</div>
    </>
  );
}

/** The prompt: what Tandem needs in plain words, "Grant access", and after a failure, "Try again". */
export function ConsentPrompt(props: {
  strings: Strings;
  error: ConsentRequiredError;
  status: Status;
  onGrant: () => void;
  onDecline: () => void;
}) {
  const { strings, error, status } = props;
  const styles = useStyles();
  const t = strings.consent;
  const stepUp = error.code === 'interaction_required' && error.scopes.length === 0;
  return (
    <Page>
      <Title2 as="h1">{t.title}</Title2>
      <Body1 as="p" data-testid="consent-sentence">
        {stepUp ? t.stepUp : consentSentence(error.scopes, strings)}
      </Body1>
      <Body1 as="p">{t.explain}</Body1>
      <div aria-live="polite">
        {status === 'failed' && (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>{t.failed}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={status === 'granting'} onClick={props.onGrant}>
          {status === 'granting'
            ? t.granting
            : status === 'failed'
              ? strings.retry
              : error.code === 'interaction_required'
                ? t.signInAgain
                : t.grant}
        </Button>
        <Button disabled={status === 'granting'} onClick={props.onDecline}>
          {t.notNow}
        </Button>
      </div>
    </Page>
  );
}

/** /tabs/consent and /tabs/consent-end: a spinner while leaving for, or back from, the authority. */
export function ConsentRedirectView(props: { strings: Strings; step: 'consent' | 'consent-end' }) {
  const { strings, step } = props;
  const [message, setMessage] = useState<string | undefined>();
  useEffect(() => {
    const search = window.location.search;
    if (step === 'consent') {
      beginConsent(search).catch(() => setMessage(strings.consent.refused));
    } else {
      completeConsent(search).then(
        (failure) => setMessage(failure ? strings.consent.refused : strings.consent.done),
        () => setMessage(strings.consent.refused),
      );
    }
  }, [step, strings]);
  if (!message) return <Centered label={strings.consent.opening} />;
  return (
    <Page>
      <Title2 as="h1">{strings.appName}</Title2>
      <Body1 as="p" role="status">
        {message}
      </Body1>
    </Page>
  );
}

import { Body1, MessageBar, MessageBarBody, MessageBarTitle, Title2 } from '@fluentui/react-components';
import { useTab } from '../lib/tab-context.js';
import { Page } from '../ui.js';

/** The "Add contacts" wizard is a later issue: the page says so plainly. */
export function ImportPage() {
  const { strings } = useTab();
  return (
    <Page>
      <Title2 as="h1">{strings.import.title}</Title2>
      <MessageBar intent="info">
        <MessageBarBody>
          <MessageBarTitle>{strings.import.notYet}</MessageBarTitle>
        </MessageBarBody>
      </MessageBar>
      <Body1 as="p">{strings.import.explain}</Body1>
    </Page>
  );
}

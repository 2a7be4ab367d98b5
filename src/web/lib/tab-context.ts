import { createContext, useContext } from 'react';
import type { Strings } from '../strings.js';
import type { ApiClient } from './api-client.js';

/** What the signed-in member's /api/v1/me says, or why there is none. */
export type Membership =
  | {
      kind: 'member';
      me: {
        user: { displayName: string; userPrincipalName: string };
        organisation: { name: string };
        profile: { name: string };
      };
    }
  | { kind: 'not-a-member' };

export interface TabContextValue {
  api: ApiClient;
  strings: Strings;
  locale: string;
  membership: Membership;
  /** The UPN the host or the sign-in knows, for plain-words messages. */
  signedInAs: string | undefined;
}

export const TabContext = createContext<TabContextValue | undefined>(undefined);

export function useTab(): TabContextValue {
  const value = useContext(TabContext);
  if (!value) throw new Error('useTab outside TabContext');
  return value;
}

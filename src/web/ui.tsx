import { makeStyles, Spinner, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

export const useLayout = makeStyles({
  main: {
    maxWidth: '48rem',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXXL}`,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
    '& p, & h1': { margin: 0 },
  },
  centered: {
    minHeight: '60vh',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
  },
  nav: {
    display: 'flex',
    columnGap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXXL}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    '& [aria-current="page"]': { fontWeight: tokens.fontWeightSemibold, textDecorationLine: 'underline' },
  },
  card: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
});

/** A spinner with its words, centred, announced politely. */
export function Centered({ label }: { label: string }) {
  const styles = useLayout();
  return (
    <main className={styles.centered} aria-busy="true">
      <Spinner label={label} />
    </main>
  );
}

export function Page({ children }: { children: ReactNode }) {
  const styles = useLayout();
  return <main className={styles.main}>{children}</main>;
}

import { Caption1, Subtitle2, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import { useTab } from '../lib/tab-context.js';
import { useSyncStyles } from './sync.styles.js';
import type { JournalEntry } from './sync.types.js';

const HOURS = 12;
const MOVES = new Set(['create', 'update', 'merge', 'conflict', 'delete', 'link']);

interface Bucket {
  start: number;
  toCrm: number;
  toOffice: number;
}

/** Items that moved each way per hour, over the hours that have journal entries (the latest 12). */
export function hourlyBuckets(entries: JournalEntry[]): Bucket[] {
  const byHour = new Map<number, Bucket>();
  for (const e of entries) {
    if (!MOVES.has(e.action) || e.direction === 'none') continue;
    const start = Math.floor(Date.parse(e.at) / 3_600_000) * 3_600_000;
    const bucket = byHour.get(start) ?? { start, toCrm: 0, toOffice: 0 };
    if (e.direction === 'to_crm') bucket.toCrm++;
    else bucket.toOffice++;
    byHour.set(start, bucket);
  }
  return [...byHour.values()].sort((a, b) => a.start - b.start).slice(-HOURS);
}

/**
 * A small bar chart of sync activity (two bars per hour: into Tandem, into Office 365). The SVG is
 * one image whose description is the same numbers in words, also listed for screen readers.
 */
export function ActivityChart({ entries }: { entries: JournalEntry[] }) {
  const { strings, locale } = useTab();
  const t = strings.sync.chart;
  const styles = useSyncStyles();
  const titleId = useId();
  const descId = useId();
  const buckets = hourlyBuckets(entries);
  const hour = (ms: number) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(ms));
  const lines = buckets.map((b) => t.summary(hour(b.start), b.toCrm, b.toOffice));
  const max = Math.max(1, ...buckets.map((b) => Math.max(b.toCrm, b.toOffice)));
  const width = 40 * Math.max(buckets.length, 1);
  const height = 100;
  const bar = (value: number) => Math.round((value / max) * (height - 16));

  return (
    <figure style={{ margin: 0 }} data-testid="activity-chart">
      <Subtitle2 as="h3" id={titleId}>
        {t.title}
      </Subtitle2>
      <Caption1 block>{t.caption}</Caption1>
      {buckets.length === 0 ? (
        <Caption1 block>{t.none}</Caption1>
      ) : (
        <>
          <svg
            role="img"
            aria-labelledby={titleId}
            aria-describedby={descId}
            viewBox={`0 0 ${width} ${height}`}
            width="100%"
            height={height}
            preserveAspectRatio="none"
          >
            <desc>{lines.join('. ')}</desc>
            {buckets.map((b, i) => (
              <g key={b.start}>
                <rect
                  x={i * 40 + 6}
                  y={height - bar(b.toCrm)}
                  width={13}
                  height={bar(b.toCrm)}
                  style={{ fill: tokens.colorBrandBackground }}
                />
                <rect
                  x={i * 40 + 21}
                  y={height - bar(b.toOffice)}
                  width={13}
                  height={bar(b.toOffice)}
                  style={{ fill: tokens.colorPaletteDarkOrangeBorderActive }}
                />
              </g>
            ))}
          </svg>
          <Caption1 block aria-hidden="true">
            <span style={{ color: tokens.colorBrandForeground1 }}>■</span> {strings.sync.toCrm}{' '}
            <span style={{ color: tokens.colorPaletteDarkOrangeForeground1 }}>■</span> {strings.sync.toOffice}
          </Caption1>
          <ul id={descId} className={styles.srOnly}>
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
    </figure>
  );
}

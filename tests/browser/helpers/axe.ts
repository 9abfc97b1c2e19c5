/** The accessibility check the browser tests make of what axe-core found on a page. */
import type AxeBuilder from '@axe-core/playwright';
import { expect } from 'vitest';

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

/**
 * Fails on any serious or critical violation, naming each with its first three elements;
 * with `minorLog`, logs the minor ones under that tag (they are worth seeing, not failing on).
 */
export function expectNoSeriousViolations(
  results: AxeResults,
  label?: string,
  minorLog?: string,
): void {
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = results.violations.filter((v) => !bad.includes(v));
  if (minorLog !== undefined && minor.length > 0)
    console.log(
      `[${minorLog}] minor: ${minor.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`).join(', ')}`,
    );
  expect(
    bad.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    ),
    label,
  ).toEqual([]);
}

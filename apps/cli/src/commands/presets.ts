import { parseArgs } from 'node:util';
import { describeDifference, PRESETS } from '@sweetspot/scenario';
import { choiceFlag, rejectEmptyFlags } from '../args.ts';
import type { Io } from '../io.ts';

export const PRESETS_HELP = `Usage: sweetspot presets [options]

Lists the built-in scenarios: each one's name, the strategies it compares and what differs.

Options:
  --format F      table (default) or json (every preset as a complete scenario, in an array)
  -h, --help      print this help

Example:
  sweetspot presets --format json > presets.json
`;

/** `sweetspot presets [--format json]`: lists the built-in scenarios. */
export async function presetsCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  rejectEmptyFlags(values);
  if (values.help) {
    io.stdout(PRESETS_HELP);
    return 0;
  }
  const format = choiceFlag('format', values.format, ['table', 'json'] as const, 'table');
  if (format === 'json') {
    io.stdout(`${JSON.stringify(PRESETS, null, 2)}\n`);
    return 0;
  }
  for (const preset of PRESETS) {
    const [a, b] = preset.compare;
    io.stdout(`${preset.name}  (compares "${a}" with "${b}")\n`);
    io.stdout(`  What differs: ${describeDifference(preset)}\n`);
    if (preset.provenance?.description) io.stdout(`  ${preset.provenance.description}\n`);
    io.stdout('\n');
  }
  io.stdout('Save one with: sweetspot presets --format json, then pick an element of the array.\n');
  return 0;
}

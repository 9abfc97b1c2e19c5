import { describeDifference, PRESETS } from '@sweetspot/scenario';
import { defineCommand } from '../define-command.ts';
import { EXIT } from '../exit-codes.ts';
import { format } from '../flags.ts';

export const PRESETS_HELP = `Usage: sweetspot presets [options]

Lists the built-in scenarios: each one's name, the strategies it compares and what differs.

Options:
  --format F      table (default) or json (every preset as a complete scenario, in an array)
  -h, --help      print this help

Example:
  sweetspot presets --format json > presets.json
`;

/** `sweetspot presets [--format json]`: lists the built-in scenarios. */
export const presetsCommand = defineCommand({
  synopsis: 'presets [--format json]',
  summary: 'list the built-in scenarios',
  help: PRESETS_HELP,
  args: 'none',
  flags: { format: format(['table', 'json']) },
  async run(context) {
    if (context.flags.format === 'json') {
      await context.write(`${JSON.stringify(PRESETS, null, 2)}\n`);
      return EXIT.ok;
    }
    const lines: string[] = [];
    for (const preset of PRESETS) {
      const [a, b] = preset.compare;
      lines.push(`${preset.name}  (compares "${a}" with "${b}")`);
      lines.push(`  What differs: ${describeDifference(preset)}`);
      if (preset.provenance?.description) lines.push(`  ${preset.provenance.description}`);
      lines.push('');
    }
    lines.push(
      'Save one with: sweetspot presets --format json, then pick an element of the array.',
    );
    await context.write(`${lines.join('\n')}\n`);
    return EXIT.ok;
  },
});

/**
 * Every command prints its help (usage, options, and for these an example) on --help and -h and
 * exits 0 without reading a file or starting a simulation (issue 14, part 6).
 */
import { fakeIo } from '@sweetspot/testing';
import { describe, expect, it } from 'vitest';
import { main } from '../main.ts';

const COMMANDS = [
  'run',
  'validate',
  'presets',
  'calibrate',
  'explain',
  'sensitivity',
  'breakeven',
  'frontier',
  'bench',
];
/** The commands whose help this change wrote or rewrote: each shows an example. */
const WITH_EXAMPLE = new Set(['validate', 'presets', 'calibrate', 'explain', 'bench']);

describe('--help', () => {
  for (const command of COMMANDS)
    for (const flag of ['--help', '-h'])
      it(`${command} ${flag}`, async () => {
        const { io, out } = fakeIo();
        const code = await main([command, flag], io);
        expect(code, out.stderr).toBe(0);
        expect(out.read, 'files read').toEqual([]);
        expect(out.written, 'files written').toEqual({});
        expect(out.stderr).toBe('');
        expect(out.stdout.startsWith(`Usage: sweetspot ${command}`)).toBe(true);
        expect(out.stdout).toMatch(/--\w/);
        if (WITH_EXAMPLE.has(command)) {
          expect(out.stdout).toContain('Example:');
          expect(out.stdout).toContain(`  sweetspot ${command}`);
          expect(out.stdout).toContain('-h, --help');
        }
      });

  it('help wins over other arguments, even a missing file', async () => {
    const { io, out } = fakeIo();
    expect(await main(['validate', 'no-such-file.json', '--help'], io)).toBe(0);
    expect(out.read, 'files read').toEqual([]);
    expect(out.stdout).toContain('Usage: sweetspot validate');
  });
});

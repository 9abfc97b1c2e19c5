import { mechanismsUsed, PRESETS } from '@sweetspot/scenario';
import { defaultScenario, formatEngineBench, runEngineBench } from './engine-bench.ts';

const reference = runEngineBench();
console.log(formatEngineBench(reference));
console.log(JSON.stringify({ bench: 'engine', ...reference }));
// The default scenario (8 reps, 52 warm-up weeks + 4 quarters): what a user runs first.
const usual = runEngineBench(600, 3, defaultScenario());
console.log(formatEngineBench(usual, 'default scenario: 8 reps × (52 warm-up + 52) weeks'));
console.log(JSON.stringify({ bench: 'engine-default', ...usual }));
// The presets that use shared specialists or prospecting (docs/model.md §12, §14): what those
// mechanisms cost (the team-wide allocation plays every rep's week before the next).
for (const preset of PRESETS) {
  const used = mechanismsUsed(preset);
  if (!used.specialists && !used.prospects) continue;
  const r = runEngineBench(300, 3, JSON.parse(JSON.stringify(preset)));
  console.log(formatEngineBench(r, `preset "${preset.name}"`));
  console.log(JSON.stringify({ bench: `engine-preset:${preset.name}`, ...r }));
}

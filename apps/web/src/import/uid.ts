/** Keys for drafts (segments, rules, joins) that stay stable while they are edited and moved. */
let counter = 0;

export function nextUid(): number {
  counter += 1;
  return counter;
}

/**
 * Items in a sentence: "a", "a and b", "a, b and c" ('' for none). Every message that lists
 * things — rule groups, attribution parts, file lines, cleared fields — words them this way.
 *
 * @example listInWords(['bookings', 'margin', 'hours']) // 'bookings, margin and hours'
 */
export function listInWords(items: readonly string[]): string {
  if (items.length < 2) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] as string}`;
}

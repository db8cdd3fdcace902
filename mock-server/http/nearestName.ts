/**
 * The documented field an unknown one most likely meant: a documented name it contains or that
 * contains it (checksum_sha256 → checksum), else the nearest by edit distance, if near enough.
 */

/** Levenshtein distance, two rows; the inputs are field names, cut to 64 characters by the caller. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (previous[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length] as number;
}

export function nearestName(unknown: string, known: readonly string[]): string | undefined {
  const name = unknown.slice(0, 64).toLowerCase();
  if (name.length === 0 || known.length === 0) return undefined;
  const containing = known.filter(
    (k) => k.length >= 4 && (name.includes(k) || (k.includes(name) && name.length >= 4)),
  );
  if (containing.length > 0) return containing.sort((a, b) => b.length - a.length)[0];
  let best: { name: string; distance: number } | undefined;
  for (const k of known) {
    const distance = editDistance(name, k);
    if (!best || distance < best.distance) best = { name: k, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(best.name.length / 3))
    ? best.name
    : undefined;
}

/**
 * Deterministic variety: a hash of stable inputs (host, sequence number, packet number) turned
 * into a number in [0, 1). The network's times wobble the way real round trips do, yet the same
 * run always prints the same milliseconds. Never the wall clock, never Math.random.
 */

/** FNV-1a over the parts joined by a separator, as an unsigned 32-bit number. */
export function hashOf(...parts: readonly (string | number)[]): number {
  let hash = 0x811c9dc5;
  const text = parts.join('\u0001');
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // One round of mixing so that neighbouring inputs do not give neighbouring outputs.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  return hash >>> 0;
}

/** A number in [0, 1) from the parts. */
export function unitOf(...parts: readonly (string | number)[]): number {
  return hashOf(...parts) / 2 ** 32;
}

/** `base` give or take `spread` (a fraction, 0.04 = ±4 %), decided by the parts. */
export function wobble(base: number, spread: number, ...parts: readonly (string | number)[]): number {
  return base * (1 + spread * (2 * unitOf(...parts) - 1));
}

/** Hex digits from the parts (for ids that look like nginx's `$request_id` or a UUID). */
export function hexOf(length: number, ...parts: readonly (string | number)[]): string {
  let out = '';
  for (let round = 0; out.length < length; round += 1) out += hashOf(...parts, round).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

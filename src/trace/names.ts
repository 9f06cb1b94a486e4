// Names and identifier codes that are safe inside a VCD header.
// Input: raw scope and signal names from user files (any Unicode), handle indices.
// Output: tokens matching SAFE_NAME (no whitespace, no '$', no '.', ASCII only; signal
//   names also without brackets) and
//   compact VCD identifier codes over the printable ASCII range '!'..'~' less '$'.
// Invariants: sanitizeName is idempotent and total (never throws, never returns "");
//   idCode is a bijection from nonnegative integers to nonempty printable strings.

/** A sanitized scope name: a word, optionally followed by decimal indices like [3][0]. */
export const SAFE_NAME = /^[A-Za-z0-9_]+(?:\[[0-9]+\])*$/;

/**
 * Maps a raw name to a VCD-safe token. Characters outside [A-Za-z0-9_[]] become '_'
 * (so whitespace, '$' keywords, GTKWave's '.' separator and non-ASCII cannot break the
 * header or the hierarchy). Brackets survive only in scope names, in the trailing-index
 * form `n[3]`: in a signal name GTKWave would read `x[3]` as bit 3 of a vector `x` and
 * merge it with its siblings, so there they become '_' too.
 */
export function sanitizeName(raw: string, scope = false): string {
  let s = raw.replace(/[^A-Za-z0-9_[\]]/g, '_');
  if (!scope || !SAFE_NAME.test(s)) s = s.replace(/[[\]]/g, '_');
  return s === '' ? '_' : s;
}

/**
 * Returns `name` if unused, else the first `base_k[idx]` (k = 1, 2, ...) not in `used`;
 * the suffix goes before any trailing index so the result stays SAFE_NAME.
 */
export function uniqueName(name: string, used: ReadonlySet<string>): string {
  if (!used.has(name)) return name;
  const m = /^([^[]*)(.*)$/.exec(name)!;
  for (let k = 1; ; k++) {
    const cand = `${m[1]}_${k}${m[2]}`;
    if (!used.has(cand)) return cand;
  }
}

/** Free text for $version/$comment/$date bodies and .gtkw labels: one printable-ASCII line, no '$'. */
export function sanitizeText(raw: string): string {
  return raw.replace(/[\x00-\x1f\x7f\s]+/g, ' ').replace(/[^\x20-\x7e]|\$/g, '_').trim();
}

/** Printable ASCII '!'..'~' without '$', so no code can be read as the start of a keyword. */
const ID_ALPHABET = Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).filter((c) => c !== '$');
const ID_RADIX = ID_ALPHABET.length; // 93

/** Compact VCD identifier code: 0 -> "!", 1 -> '"', 2 -> "#", 3 -> "%", ..., 92 -> "~", 93 -> "!!" (bijective base 93). */
export function idCode(index: number): string {
  let n = index;
  let s = ID_ALPHABET[n % ID_RADIX]!;
  n = Math.floor(n / ID_RADIX);
  while (n > 0) {
    n -= 1;
    s += ID_ALPHABET[n % ID_RADIX]!;
    n = Math.floor(n / ID_RADIX);
  }
  return s;
}

/**
 * Cyrillic, Greek, Armenian and other letters that render like a Latin
 * letter, digit or punctuation mark in common fonts, mapped to it. The
 * table is picked by hand and is far smaller than Unicode's confusables
 * data (UTS #39), so a rarer look-alike gets no suggestion, although the
 * name is still rejected.
 */
const CONFUSABLES: Record<string, string> = {
  а: 'a',
  с: 'c',
  ԁ: 'd',
  е: 'e',
  һ: 'h',
  і: 'i',
  ј: 'j',
  к: 'k',
  ӏ: 'l',
  о: 'o',
  р: 'p',
  ԛ: 'q',
  ѕ: 's',
  у: 'y',
  х: 'x',
  ԝ: 'w',
  ѵ: 'v',
  з: '3',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  γ: 'y',
  օ: 'o',
  ս: 'u',
  ց: 'g',
  հ: 'h',
  ո: 'n',
  ı: 'i',
  ɡ: 'g',
  ɑ: 'a',
  ℓ: 'l',
  '‐': '-',
  '‑': '-',
  '–': '-',
  '−': '-',
  '․': '.',
  '·': '.'
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/

/** Returns whether a name has a character outside printable ASCII (U+0020 to U+007E). */
export function hasNonAscii(name: string): boolean {
  return !PRINTABLE_ASCII.test(name)
}

/** Lists the distinct characters of a name outside printable ASCII, as `U+0441`. */
export function listNonAscii(name: string): string[] {
  const foreign = [...new Set([...name].filter(c => hasNonAscii(c)))]
  return foreign.map(c => {
    const code = (c.codePointAt(0) ?? 0).toString(16).toUpperCase()
    return `U+${code.padStart(4, '0')}`
  })
}

/**
 * Returns the ASCII skeleton of a name: compatibility forms folded (NFKD,
 * so full-width "ｃ" becomes "c"), accents dropped and look-alike letters
 * replaced by the Latin ones, lower-cased. Returns undefined when a
 * character has no ASCII look-alike here.
 */
export function asciiSkeleton(name: string): string | undefined {
  const folded = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
  const skeleton = [...folded].map(c => CONFUSABLES[c] ?? c).join('')
  return hasNonAscii(skeleton) ? undefined : skeleton
}

/** Quotes a name and lists its characters outside printable ASCII, which can look like ASCII ones. */
export function describeName(name: string): string {
  const points = listNonAscii(name)
  if (points.length === 0) return `"${name}"`
  return `"${name}" (with ${points.join(', ')})`
}

/** Returns the candidate closest to a misspelled name, or undefined when none is close. */
export function findClosestName(
  name: string,
  candidates: Iterable<string>
): string | undefined {
  const wanted = toKebabCase(name)
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of candidates) {
    const distance = editDistance(wanted, toKebabCase(candidate))
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  // Allow about one edit per three characters, so `budgts` finds `budgets`
  // but `foo` does not find `profile`.
  const allowed = Math.max(1, Math.floor(wanted.length / 3))
  return bestDistance <= allowed ? best : undefined
}

/** Sorts candidates by edit distance from a name, closest first; ties in alphabetical order. */
export function rankByDistance(
  name: string,
  candidates: Iterable<string>
): string[] {
  const wanted = toKebabCase(name)
  return [...candidates]
    .map(candidate => ({
      candidate,
      distance: editDistance(wanted, toKebabCase(candidate))
    }))
    .sort(
      (a, b) =>
        a.distance - b.distance || a.candidate.localeCompare(b.candidate)
    )
    .map(entry => entry.candidate)
}

/** Rewrites a camelCase or snake_case name in lowercase kebab-case. */
export function toKebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replaceAll('_', '-')
    .toLowerCase()
}

/** Computes the Levenshtein distance: insertions, deletions and substitutions. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution =
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      const insertion = (current[j - 1] ?? 0) + 1
      const deletion = (previous[j] ?? 0) + 1
      current.push(Math.min(substitution, insertion, deletion))
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

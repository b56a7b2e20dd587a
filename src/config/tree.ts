// Readers of the plain tree of a usage file, for checks that run even when
// the schema rejected another part of the file.

/** A mapping of the plain tree. */
export type Tree = Record<string, unknown>

export function asRecord(value: unknown): Tree | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return undefined
  }
  return value as Tree
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

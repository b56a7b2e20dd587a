import {
  CST,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  visit,
  type Alias,
  type Document,
  type Node
} from 'yaml'

/**
 * Maximum nesting of lists and mappings in a usage file. The format needs 5
 * levels (`workloads[0].routes[0].model`), and the `yaml` library's composer
 * recurses once per level, so a file nested thousands of levels deep would
 * exhaust the call stack.
 */
export const MAX_NESTING_DEPTH = 64

/**
 * Returns the offset of the first list or mapping nested deeper than
 * MAX_NESTING_DEPTH, or undefined. It reads the parser's tokens, which the
 * `yaml` library builds without recursion, with an explicit stack.
 */
export function findTooDeepOffset(tokens: CST.Token[]): number | undefined {
  const stack: { token: CST.Token; depth: number }[] = tokens
    .map(token => ({ token, depth: 0 }))
    .reverse()
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const { token, depth } = entry
    if (token.type === 'document') {
      if (token.value) stack.push({ token: token.value, depth })
      continue
    }
    if (!CST.isCollection(token)) continue
    if (depth + 1 > MAX_NESTING_DEPTH) return token.offset

    // Children go on the stack in reverse, so the first item is read first.
    const children: CST.Token[] = []
    for (const item of token.items) {
      if (item.key) children.push(item.key)
      if (item.value) children.push(item.value)
    }
    for (const child of children.reverse()) {
      stack.push({ token: child, depth: depth + 1 })
    }
  }
  return undefined
}

/** An alias that cannot be expanded, and why. */
export interface BadAlias {
  alias: Alias
  /** `unknown` when no anchor of its name comes before it, `cycle` when it is inside the value it repeats. */
  problem: 'unknown' | 'cycle'
}

/**
 * Lists the aliases that name no anchor written before them, or that repeat
 * a value they are part of, in document order. The `yaml` library resolves
 * an alias to the last node with its anchor before it, and treats one
 * without as an error only when it converts the document.
 */
export function findBadAliases(doc: Document.Parsed): BadAlias[] {
  const anchors = new Map<string, Node>()
  const bad: BadAlias[] = []
  visit(doc, {
    Node: (_key, node, ancestors) => {
      if (isAlias(node)) {
        const target = anchors.get(node.source)
        if (target === undefined) bad.push({ alias: node, problem: 'unknown' })
        else if (ancestors.some(ancestor => ancestor === target)) {
          bad.push({ alias: node, problem: 'cycle' })
        }
      } else if (
        (isScalar(node) || isMap(node) || isSeq(node)) &&
        node.anchor
      ) {
        anchors.set(node.anchor, node)
      }
    }
  })
  return bad
}

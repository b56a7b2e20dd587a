/**
 * Returns the body as it is posted: the marker last, and before it a hidden
 * tag with the reported commit when one is given.
 */
export function composeStickyBody(
  body: string,
  marker: string,
  headSha: string | undefined
): string {
  const text = body.trimEnd().endsWith(marker)
    ? body
    : `${body.trimEnd()}\n\n${marker}`
  if (headSha === undefined) return text

  const at = text.lastIndexOf(marker)
  const headTag = `<!-- sticky-comment head-sha=${headSha} -->`
  return `${text.slice(0, at)}${headTag}\n${text.slice(at)}`
}

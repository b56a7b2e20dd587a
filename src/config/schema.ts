import { z } from 'zod'
import { parsePercent } from './numbers.js'

// The format of `ai-usage.yml`, version 1. The schema checks the shape of the
// file and each value on its own, and it converts to JSON Schema with
// `z.toJSONSchema(usageFileSchema, { io: 'input' })`. Numbers reach it as JS
// numbers, used only for type and range checks, because the exact values are
// read from the source text afterwards. Rules that compare numbers (route
// shares, cache shares, reasoning ranges) or that need the whole file (names,
// profiles, budgets) are in `checks.ts`, so that they run exactly and even
// when another part of the file is invalid.
// NOTE: the schema's own range checks (0 to 1, at least 0) see the nearest
// double, so a literal with more than 15 significant digits within one unit
// in the last place of a bound, such as 1.0000000000000000001, passes them.

const UNSIGNED_PERCENT = /^(?:\d+(?:\.\d*)?|\.\d+)%$/
const SIGNED_PERCENT = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)%$/

/** A ratio from 0 to 100%, written `80%` or `0.8`. */
export const shareSchema = z
  .union([z.number().min(0).max(1), z.string().regex(UNSIGNED_PERCENT)])
  .refine(value => typeof value === 'number' || isAtMostWhole(value), {
    message: 'a share cannot be above 100%'
  })
  .describe('a ratio from 0 to 100%, written 80% or 0.8')

/** A non-negative ratio, written `3%` or `0.03`. As a percentage it may exceed 100%. */
export const rateSchema = z
  .union([z.number().min(0).max(1), z.string().regex(UNSIGNED_PERCENT)])
  .describe('a ratio of 0 or more, written 3% or 0.03')

/** Monthly growth, written `5%` or `0.05`, from -100% (a shrinking workload) up. */
export const growthSchema = z
  .union([z.number().min(-1).max(1), z.string().regex(SIGNED_PERCENT)])
  .refine(value => typeof value === 'number' || isAtLeastMinusWhole(value), {
    message: 'growth cannot be below -100%'
  })
  .describe('monthly compounded growth, written 5% or 0.05 (-100% or more)')

/** Tokens per request of the built-in profiles. A file's own profile of the same name replaces one. */
export const BUILT_IN_PROFILES: Readonly<
  Record<string, { input: number; output: number }>
> = {
  simple: { input: 200, output: 50 },
  medium: { input: 800, output: 300 },
  complex: { input: 2000, output: 1000 }
}

/** The schemas of ratio fields, whose messages suggest `80%` or `0.8`. */
export const RATIO_SCHEMAS: ReadonlySet<z.ZodType> = new Set([
  shareSchema,
  rateSchema,
  growthSchema
])

function isAtMostWhole(percent: string): boolean {
  const ratio = parsePercent(percent)
  return ratio !== undefined && ratio.lte(1)
}

function isAtLeastMinusWhole(percent: string): boolean {
  const ratio = parsePercent(percent)
  return ratio !== undefined && ratio.gte(-1)
}

const nameSchema = z.string().min(1).describe('a name')
const tokenCountSchema = z
  .number()
  .min(0)
  .describe('tokens per request, an average, so decimals are allowed')
const priceSchema = z
  .number()
  .min(0)
  .describe('a price in USD per 1,000,000 tokens')
const usdSchema = z.number().min(0).describe('an amount in USD')
const volumeSchema = z.number().min(0).describe('a number of requests')

const tokenCountsSchema = z
  .strictObject({ input: tokenCountSchema, output: tokenCountSchema })
  .describe('token counts per request, { input: 800, output: 300 }')

const longContextSchema = z
  .strictObject({
    threshold: z
      .number()
      .int()
      .positive()
      .describe('input tokens per request above which these prices apply')
      .optional(),
    inclusive: z
      .boolean()
      .describe('whether a request of exactly threshold input tokens counts')
      .optional(),
    input: priceSchema.optional(),
    output: priceSchema.optional(),
    'cached-input': priceSchema.optional(),
    'cache-write-5m': priceSchema.optional(),
    'cache-write-1h': priceSchema.optional()
  })
  .describe('prices for requests whose input passes a token threshold')

const modelSchema = z
  .strictObject({
    provider: nameSchema.optional(),
    input: priceSchema.optional(),
    output: priceSchema.optional(),
    'cached-input': priceSchema.optional(),
    'cache-write-5m': priceSchema.optional(),
    'cache-write-1h': priceSchema.optional(),
    'batch-discount': shareSchema.optional(),
    'long-context': longContextSchema.optional(),
    reasoning: z.enum(['always', 'optional', 'none']).optional(),
    'context-window': z
      .number()
      .int()
      .positive()
      .describe(
        'most input plus output tokens a request may have, for a model outside the catalog'
      )
      .optional()
  })
  .describe('prices of one model in USD per 1,000,000 tokens')

const routeSchema = z.strictObject({
  model: nameSchema,
  share: shareSchema
})

const requestsSchema = z
  .strictObject({
    'per-day': volumeSchema.optional(),
    'per-month': volumeSchema.optional(),
    'per-year': volumeSchema.optional(),
    growth: growthSchema.optional()
  })
  .superRefine((requests, context) => {
    checkOneOf(context, requests, ['per-day', 'per-month', 'per-year'], {
      subject: 'requests',
      example: 'per-month: 10000'
    })
  })
  .describe('request volume: one of per-day, per-month, per-year')

const reasoningRangeSchema = z
  .tuple([z.number().min(0), z.number().min(0)])
  .describe('[low, high], of the same kind as the expected value')

const reasoningSchema = z
  .union([
    z.literal('none'),
    z
      .strictObject({
        multiplier: z
          .number()
          .min(1)
          .describe('billed output tokens per visible output token')
          .optional(),
        tokens: z
          .number()
          .min(0)
          .describe('hidden reasoning tokens per request')
          .optional(),
        range: reasoningRangeSchema.optional()
      })
      .superRefine((reasoning, context) => {
        checkOneOf(context, reasoning, ['multiplier', 'tokens'], {
          subject: 'reasoning',
          example: 'multiplier: 5'
        })
      })
  ])
  .describe(
    'none, { multiplier: 5 } or { tokens: 2000 }, with an optional range'
  )

const cacheSchema = z.strictObject({
  read: shareSchema.optional(),
  write: shareSchema.optional(),
  ttl: z.enum(['5m', '1h']).optional()
})

const workloadSchema = z
  .strictObject({
    name: nameSchema,
    model: nameSchema.optional(),
    routes: z.array(routeSchema).min(1).optional(),
    profile: nameSchema.optional(),
    tokens: tokenCountsSchema.optional(),
    requests: requestsSchema,
    retries: rateSchema.optional(),
    reasoning: reasoningSchema.optional(),
    cache: cacheSchema.optional(),
    batch: shareSchema.optional()
  })
  .superRefine((workload, context) => {
    checkOneOf(context, workload, ['model', 'routes'], {
      subject: 'a workload',
      example: 'model: gpt-5.4-mini'
    })
    checkOneOf(context, workload, ['profile', 'tokens'], {
      subject: 'a workload',
      example: 'profile: medium'
    })
  })

const discountSchema = z
  .strictObject({
    provider: nameSchema.optional(),
    model: nameSchema.optional(),
    off: shareSchema
  })
  .superRefine((discount, context) => {
    checkOneOf(context, discount, ['provider', 'model'], {
      subject: 'a discount',
      example: 'provider: openai'
    })
  })

const budgetLimitsSchema = z.strictObject({
  monthly: usdSchema.optional(),
  annual: usdSchema.optional()
})

const budgetsSchema = z.strictObject({
  monthly: usdSchema.optional(),
  annual: usdSchema.optional(),
  increase: z
    .strictObject({
      monthly: usdSchema.optional(),
      percent: rateSchema.optional()
    })
    .optional(),
  'warn-at': shareSchema.optional(),
  workloads: z.record(z.string(), budgetLimitsSchema).nullish()
})

/** The schema of `ai-usage.yml`, version 1, and the single definition of the format. */
export const usageFileSchema = z.strictObject({
  version: z.literal(1),
  models: z.record(z.string(), modelSchema).nullish(),
  profiles: z.record(z.string(), tokenCountsSchema).nullish(),
  workloads: z.array(workloadSchema),
  discounts: z.array(discountSchema).nullish(),
  budgets: budgetsSchema.nullish()
})

/** A usage file that passed the schema, before exact numbers are read. */
export type UsageFileInput = z.input<typeof usageFileSchema>

interface OneOfWording {
  /** The owner of the keys, as in "a workload takes model or routes". */
  subject: string
  /** An example key to add when none is written. */
  example: string
}

/** Adds an issue unless exactly one of the keys is set. */
function checkOneOf(
  context: z.RefinementCtx,
  value: Record<string, unknown>,
  keys: string[],
  wording: OneOfWording
): void {
  const present = keys.filter(key => value[key] !== undefined)
  const choices = joinWords(keys, 'or')
  if (present.length === 1) return

  if (present.length === 0) {
    context.addIssue({
      code: 'custom',
      message: `${wording.subject} needs ${choices}`,
      path: [],
      // `missing` lets a misspelt key of the same mapping explain this issue.
      params: { fix: `add ${wording.example}`, missing: keys }
    })
    return
  }
  context.addIssue({
    code: 'custom',
    message: `${wording.subject} takes ${choices}, not ${joinWords(present, 'and')}`,
    path: [present[1] ?? ''],
    params: { fix: `keep one of ${joinWords(present, 'and')}` }
  })
}

function joinWords(words: string[], conjunction: string): string {
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words.at(-1)}`
}

/**
 * Bulk writes are cut into requests that each fit CloudBase's request body limit, sized by
 * the bytes the SDK really sends (canonical Extended JSON inside a JSON string).
 */
import { EJSON } from 'bson'
import fc from 'fast-check'
import { chunkBySize, encodedSize } from '../../cloudfunctions/common/requestSize'

const docArb = fc.record({
  no: fc.string({ maxLength: 20 }), name: fc.string({ unit: 'grapheme', maxLength: 60 }), n: fc.integer(), x: fc.double({ noNaN: true }),
  at: fc.date({ noInvalidDate: true }), tags: fc.array(fc.string(), { maxLength: 5 }), quote: fc.constantFrom('"', '\\', '\u2028', '张')
})

/** The body of a batch add as the SDK sends it: each document a canonical EJSON string. */
const batchBody = (docs: unknown[]): number =>
  Buffer.byteLength(JSON.stringify({ action: 'database.insertDocument', collectionName: 'people', data: docs.map((d) => EJSON.stringify(d, { relaxed: false })) }))

describe('request size', () => {
  afterEach(() => { delete process.env.REQUEST_BODY_LIMIT })

  it('measures at least the bytes a value takes in the request the SDK sends', () => {
    fc.assert(fc.property(docArb, (doc) => {
      expect(encodedSize(doc)).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify(EJSON.stringify(doc, { relaxed: false }))) - 2)
    }), { numRuns: 300 })
  })

  it('cuts any batch into requests within the limit and the count, keeping every document once and in order', () => {
    fc.assert(fc.property(fc.array(docArb, { maxLength: 200 }), fc.integer({ min: 24 * 1024, max: 96 * 1024 }), fc.integer({ min: 1, max: 80 }), (docs, limit, maxItems) => {
      process.env.REQUEST_BODY_LIMIT = String(limit)
      const chunks = chunkBySize(docs, { maxItems })
      expect(chunks.flat()).toEqual(docs)
      for (const c of chunks) {
        expect(c.length).toBeGreaterThan(0)
        expect(c.length).toBeLessThanOrEqual(maxItems)
        expect(batchBody(c)).toBeLessThanOrEqual(limit)
      }
    }), { numRuns: 100 })
  })
})

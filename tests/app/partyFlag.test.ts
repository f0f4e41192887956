/**
 * The Party flag's image source (src/components/PartyFlag/flag.ts): the mini program has no
 * btoa, so the SVG is base64-encoded by our own code, checked here against Node's encoder.
 */
import fc from 'fast-check'
import { PARTY_FLAG_SVG, PARTY_FLAG_URI, svgDataUri } from '../../src/components/PartyFlag/flag'

const PREFIX = 'data:image/svg+xml;base64,'

describe('Party flag image', () => {
  it('encodes any ASCII SVG text as standard base64, padding included', () => {
    fc.assert(fc.property(fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)), maxLength: 300 }), (svg) => {
      expect(svgDataUri(svg)).toBe(PREFIX + Buffer.from(svg, 'ascii').toString('base64'))
    }))
  })

  it('draws a red field with a gold emblem, as plain ASCII SVG', () => {
    expect(PARTY_FLAG_URI.startsWith(PREFIX)).toBe(true)
    expect(Buffer.from(PARTY_FLAG_URI.slice(PREFIX.length), 'base64').toString('ascii')).toBe(PARTY_FLAG_SVG)
    expect(PARTY_FLAG_SVG).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 300 200">/)
    expect(PARTY_FLAG_SVG).toContain('fill="#de2910"')
    expect(PARTY_FLAG_SVG).toContain('fill="#ffde00"')
    expect([...PARTY_FLAG_SVG].every((ch) => ch.charCodeAt(0) < 128)).toBe(true)
  })
})

/**
 * The content-check port: the local word list (whatever spacing, punctuation or width
 * hides a word), WeChat's msgSecCheck v2 and mediaCheckAsync v2 as the real SDK sends them
 * (to a stand-in: WeChat cannot be reached from here), the split of long text, the later
 * media verdict, the choice of implementation, and the refusal callers give.
 */
import fc from 'fast-check'
import { AppError } from '../../cloudfunctions/common/errors'
import { CheckResult, refuseRisky, worstOf } from '../../cloudfunctions/common/ports/contentCheck'
import words from '../../cloudfunctions/common/ports/contentWords.json'
import { contentCheck, screenContent } from '../../cloudfunctions/common/ports/index'
import { localContentCheck, normaliseForMatching } from '../../cloudfunctions/common/ports/localContentCheck'
import { mediaVerdictOf, piecesForCheck, TEXT_CHECK_LIMIT, TEXT_CHECK_OVERLAP, wechatContentCheck } from '../../cloudfunctions/common/ports/wechatContentCheck'
import { callWxApi, WxApiCall } from '../../cloudfunctions/common/ports/wxOpenApi'
import { openApisOf } from '../../scripts/build-functions'
import { usePortsEnv } from './portsEnv'

const risky = Object.values(words.risky).flat()
const review = Object.values(words.review).flat()
const listed = [...risky, ...review]

/** Characters that occur in no listed word, to write innocent text with. */
const innocentChars = [...'的一是在人有我他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黑断线字'].filter((c) => !listed.some((w) => w.includes(c)))
const innocent = fc.array(fc.constantFrom(...innocentChars), { maxLength: 30 }).map((cs) => cs.join(''))
/** What a writer may put between a word's characters to hide it. */
const noise = fc.constantFrom('', ' ', '　', '*', '·', '.', '-', '\u200b', '\n', '／', '、')
const hidden = (word: string, gaps: string[]): string => [...word].map((c, i) => c + (i < word.length - 1 ? gaps[i % gaps.length] : '')).join('')

describe('the local word list', () => {
  it('is a real list: five categories each of refused and held words, disjoint, written as they are matched', () => {
    for (const list of [words.risky, words.review]) {
      expect(Object.keys(list).sort()).toEqual(['毒品', '暴力', '色情', '诈骗', '赌博'].sort())
      for (const ws of Object.values(list)) expect(ws.length).toBeGreaterThan(0)
    }
    expect(risky.filter((w) => review.includes(w))).toEqual([])
    for (const w of listed) expect(normaliseForMatching(w)).toBe(w)
  })

  it('refuses a refused word however it is spaced, punctuated or widened, and names it', async () => {
    await fc.assert(fc.asyncProperty(innocent, fc.constantFrom(...risky), fc.array(noise, { minLength: 1, maxLength: 3 }), innocent, async (before, word, gaps, after) => {
      const r = await localContentCheck.text([`${before}${hidden(word, gaps)}${after}`], 'o1')
      expect(r).toEqual({ verdict: 'risky', reason: expect.stringContaining(word) })
    }), { numRuns: 200 })
  })

  it('holds a topic word for review, and passes text with neither', async () => {
    await fc.assert(fc.asyncProperty(fc.array(innocent, { maxLength: 4 }), fc.option(fc.constantFrom(...review), { nil: undefined }), async (texts, word) => {
      const r = await localContentCheck.text(word ? [...texts, `看${word}`] : texts, 'o1')
      expect(r.verdict).toBe(word ? 'review' : 'pass')
    }), { numRuns: 200 })
  })

  it('matches each text on its own: a word is not made of the end of one text and the start of the next', async () => {
    for (const w of risky) {
      const cut = Math.ceil(w.length / 2)
      expect((await localContentCheck.text([w.slice(0, cut), w.slice(cut)], 'o1')).verdict).not.toBe('risky')
    }
  })
})

/** Text of any length up to 8000 UTF-16 units (beyond three pieces), astral characters included. */
const longText = fc.tuple(fc.array(fc.oneof(fc.constantFrom(...innocentChars), fc.constantFrom('😀', '𠀀', 'a', ' ')), { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 6000 }))
  .map(([seed, n]) => Array.from({ length: n }, (_, i) => seed[(i * 7 + (i >> 3)) % seed.length]).join(''))

describe('cutting text for msgSecCheck', () => {
  it('keeps every piece within 2500 units without splitting a character, and every word of up to 40 whole in some piece', () => {
    fc.assert(fc.property(fc.array(longText, { minLength: 1, maxLength: 4 }), fc.nat(), fc.integer({ min: 1, max: TEXT_CHECK_OVERLAP }), (texts, at, len) => {
      const pieces = piecesForCheck(texts)
      for (const p of pieces) {
        expect(p.length).toBeLessThanOrEqual(TEXT_CHECK_LIMIT)
        expect(p).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/)
      }
      const text = texts[at % texts.length]
      const chars = [...text]
      if (!text.trim() || chars.length < len) return
      const start = at % (chars.length - len + 1)
      const word = chars.slice(start, start + len).join('')
      expect(pieces.some((p) => p.includes(word))).toBe(true)
    }), { numRuns: 150 })
  })
})

describe('WeChat content check (stand-in calls)', () => {
  const verdictArb = fc.constantFrom('pass', 'review', 'risky')

  it('checks each piece as msgSecCheck v2 with the writer and scene, and answers the worst verdict', async () => {
    await fc.assert(fc.asyncProperty(fc.array(longText, { minLength: 1, maxLength: 3 }), fc.array(verdictArb, { minLength: 1 }), fc.constantFrom<'comment' | 'log'>('comment', 'log'), async (texts, verdicts, scene) => {
      const calls: Record<string, unknown>[] = []
      const call: WxApiCall = async (api, data) => {
        expect(api).toBe('security.msgSecCheck')
        calls.push(data)
        const suggest = verdicts[(calls.length - 1) % verdicts.length]
        return { errcode: 0, errmsg: 'ok', result: { suggest, label: suggest === 'pass' ? 100 : 20002 }, trace_id: 't' }
      }
      const r = await wechatContentCheck(call).text(texts, 'oWriter', scene)
      const pieces = piecesForCheck(texts)
      expect(calls.map((c) => c.content).sort()).toEqual([...pieces].sort())
      for (const c of calls) expect(c).toEqual({ version: 2, openid: 'oWriter', scene: scene === 'comment' ? 2 : 4, content: expect.any(String) })
      const answered = pieces.map((_, i) => verdicts[i % verdicts.length])
      const worst = answered.includes('risky') ? 'risky' : answered.includes('review') ? 'review' : 'pass'
      expect(r.verdict).toBe(pieces.length ? worst : 'pass')
      if (r.verdict !== 'pass') expect(r).toMatchObject({ label: 20002, reason: expect.stringContaining('色情') })
    }), { numRuns: 60 })
  })

  /** Every way a WeChat call can fail or answer something that is not a verdict. */
  const failedCall: fc.Arbitrary<WxApiCall> = fc.oneof(
    fc.integer({ min: -1, max: 99999 }).filter((c) => c !== 0).map((errcode): WxApiCall => async () => ({ errcode, errmsg: 'error', result: { suggest: 'pass', label: 100 } })),
    fc.constantFrom('PERMISSION_DENIED', 'ECONNRESET', 'ETIMEDOUT', undefined).map((code): WxApiCall => async () => { throw Object.assign(new Error('call failed'), { code }) }),
    fc.constantFrom<unknown>(undefined, null, {}, { suggest: 'PASS' }, { suggest: '' }, { label: 100 }, 'pass', [{ suggest: 'pass' }])
      .map((result): WxApiCall => async () => ({ errcode: 0, errmsg: 'ok', result }))
  )

  it('holds text for review, never passes it, when WeChat cannot check it (an error, a failed call, an answer without a verdict, no writer)', async () => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined)
    const goodReply: WxApiCall = async () => ({ errcode: 0, errmsg: 'ok', result: { suggest: 'pass', label: 100 } })
    await fc.assert(fc.asyncProperty(fc.array(longText, { minLength: 1, maxLength: 3 }), failedCall, fc.nat(), async (texts, failing, which) => {
      const pieces = piecesForCheck(texts)
      fc.pre(pieces.length > 0)
      // One piece of the text fails to be checked; the others pass.
      let n = 0
      const bad = which % pieces.length
      const call: WxApiCall = (api, data) => (n++ === bad ? failing(api, data) : goodReply(api, data))
      const r = await wechatContentCheck(call).text(texts, 'o1')
      expect(r).toMatchObject({ verdict: 'review', reason: expect.stringContaining('人工审核') })
    }), { numRuns: 80 })
    let called = false
    expect((await wechatContentCheck(async () => { called = true; return { errcode: 0 } }).text(['正文'], null)).verdict).toBe('review')
    expect(called).toBe(false)
  })

  it('holds a file for review, never passes it, when WeChat cannot take it (no URL, an error, a failed call, no trace id)', async () => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined)
    const noTrace: WxApiCall = async () => ({ errcode: 0, errmsg: 'ok' })
    await fc.assert(fc.asyncProperty(fc.oneof(failedCall, fc.constant(noTrace)), fc.constantFrom<'image' | 'audio'>('image', 'audio'), fc.constantFrom('url', 'no url', 'url fails'), async (call, kind, url) => {
      const urlOf = async () => {
        if (url === 'url fails') throw new Error('storage')
        return url === 'url' ? 'https://tmp.example/a.png' : null
      }
      const r = await wechatContentCheck(call, urlOf).media('cloud://env.bucket/a.png', kind, 'o1')
      expect(r.verdict).toBe('review')
      expect(r.traceId).toBeUndefined()
    }), { numRuns: 60 })
  })

  it('sends a stored image or audio to mediaCheckAsync v2 and keeps it pending under its trace id', async () => {
    for (const kind of ['image', 'audio'] as const) {
      const calls: Record<string, unknown>[] = []
      const check = wechatContentCheck(async (api, data) => {
        expect(api).toBe('security.mediaCheckAsync')
        calls.push(data)
        return { errcode: 0, errmsg: 'ok', trace_id: `trace-${kind}` }
      }, async (fileID) => `https://tmp.example/${fileID.slice(8)}`)
      expect(await check.media('cloud://env.bucket/covers/a.png', kind, 'oW')).toEqual({ verdict: 'review', reason: expect.any(String), traceId: `trace-${kind}` })
      expect(calls).toEqual([{ media_url: 'https://tmp.example/env.bucket/covers/a.png', media_type: kind === 'audio' ? 1 : 2, version: 2, scene: 4, openid: 'oW' }])
    }
  })

  it('reads the later verdict of a wxa_media_check event, and nothing else as one', () => {
    fc.assert(fc.property(fc.constantFrom('pass', 'review', 'risky'), fc.constantFrom(100, 20001, 20002, 21000), fc.string({ minLength: 1 }), (suggest, label, traceId) => {
      const v = mediaVerdictOf({ ToUserName: 'gh', FromUserName: 'o', Event: 'wxa_media_check', appid: 'wx', trace_id: traceId, version: 2, result: { suggest, label }, detail: [] })
      expect(v).toMatchObject({ traceId, verdict: suggest })
      expect(mediaVerdictOf({ Event: 'subscribe_msg_popup_event', trace_id: traceId })).toBeNull()
      expect(mediaVerdictOf({ Event: 'wxa_media_check', trace_id: traceId, errcode: 1 })).toMatchObject({ traceId, verdict: 'review' })
    }))
  })
})

describe('what callers do with a verdict', () => {
  afterEach(() => { delete process.env.CONTENT_CHECK })

  it('refuses risky content with a Chinese message naming what failed and why; passes the rest', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom<CheckResult>({ verdict: 'pass' }, { verdict: 'review', reason: '需审核' }, { verdict: 'risky', reason: '含有违规词' })), (results) => {
      const worst = worstOf(results)
      let thrown: unknown
      try {
        refuseRisky(worst, '标题')
      } catch (e) {
        thrown = e
      }
      if (results.some((r) => r.verdict === 'risky')) {
        expect(thrown).toBeInstanceOf(AppError)
        expect(thrown).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^标题未通过内容安全检测：含有违规词/) })
      } else {
        expect(thrown).toBeUndefined()
      }
    }))
  })

  it('screens texts and files together: refuses the risky, keeps the rest pending or passed', async () => {
    await expect(screenContent({ texts: ['标题', `正文${risky[0]}`] }, 'o1', '微党课内容')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('微党课内容') })
    expect(await screenContent({ texts: ['标题', `正文${review[0]}`], media: [{ fileID: 'cloud://x/a.png', kind: 'image' }] }, 'o1')).toMatchObject({ verdict: 'review', traceIds: [] })
    expect(await screenContent({ texts: ['标题'] }, 'o1')).toEqual({ verdict: 'pass', traceIds: [] })
  })

  it('chooses WeChat with CONTENT_CHECK=wechat, the word list without, and refuses any other value', async () => {
    expect(contentCheck()).toBe(localContentCheck)
    process.env.CONTENT_CHECK = 'wechat'
    expect(contentCheck()).not.toBe(localContentCheck)
    process.env.CONTENT_CHECK = 'WeChat'
    expect(() => contentCheck()).toThrow(/CONTENT_CHECK/)
  })
})

describe('WeChat calls through the real SDK', () => {
  const env = usePortsEnv()

  it('go as wx.api with cgiName commrpcv2 and the data as JSON, and come back as the parsed reply', async () => {
    env().answerWx((call) => ({ errcode: 0, errmsg: 'ok', result: { suggest: 'risky', label: 20006 }, echo: call.data }))
    const data = { version: 2, openid: 'oSdk', scene: 4, content: '内容"\n\\' }
    const reply = await callWxApi('security.msgSecCheck', data)
    expect(env().wxCalls.at(-1)).toEqual({ apiName: 'security.msgSecCheck', cgiName: 'commrpcv2', data })
    expect(reply).toEqual({ errcode: 0, errmsg: 'ok', result: { suggest: 'risky', label: 20006 }, echo: data })
  })

  it('give the WeChat check its verdict end to end', async () => {
    env().answerWx(() => ({ errcode: 0, errmsg: 'ok', result: { suggest: 'risky', label: 20008 } }))
    expect(await wechatContentCheck().text(['中奖了，点击领取'], 'oSdk')).toMatchObject({ verdict: 'risky', label: 20008, reason: expect.stringContaining('欺诈') })
  })
})

describe('what a deployed function may call', () => {
  it('a bundle holding the WeChat ports is granted exactly their open APIs in config.json (permissions.openapi)', () => {
    const contentCheck = 'cloudfunctions/common/ports/wechatContentCheck.ts'
    const messages = 'cloudfunctions/common/ports/wechatMessages.ts'
    expect(openApisOf([contentCheck])).toEqual(['security.mediaCheckAsync', 'security.msgSecCheck'])
    expect(openApisOf([messages, contentCheck, 'cloudfunctions/common/ports/index.ts'])).toEqual(['security.mediaCheckAsync', 'security.msgSecCheck', 'subscribeMessage.send'])
    expect(openApisOf(['cloudfunctions/common/dispatcher.ts'])).toEqual([])
  })
})

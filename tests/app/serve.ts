/** Pages' cloud calls answered by the test: `call` is mocked in the test file (jest.mock is per file), answered here. */

/** What one action answers, from its input. */
export type Handler = (input: any) => unknown

/** Answers `call(fn, action, input)` from `handlers` ("lesson.save": input => output); any other call fails the test. */
export function serveWith(mockCall: jest.Mock, handlers: Record<string, Handler>): void {
  mockCall.mockImplementation(async (fn: string, action: string, input: unknown) => {
    const h = handlers[`${fn}.${action}`]
    if (!h) throw new Error(`unexpected call ${fn}.${action}`)
    return h(input)
  })
}

/** The inputs of every call made to `fn.action`, in order. */
export const inputsOf = (mockCall: jest.Mock, fn: string, action: string): unknown[] =>
  mockCall.mock.calls.filter(([f, a]) => f === fn && a === action).map(([, , input]) => input)

/**
 * The emulator's client-facing protocol constants. Dependency-free, so a front end or a
 * test client can import them without pulling in the server.
 */

/** Development identity: chooses the WeChat user a function call comes from (emulator only). */
export const DEV_OPENID_HEADER = 'x-emulator-openid'
/** Optional app id to go with the development identity. */
export const DEV_APPID_HEADER = 'x-emulator-appid'

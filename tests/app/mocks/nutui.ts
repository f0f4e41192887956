/**
 * `@nutui/nutui-react-taro` for jsdom: each component from its own CommonJS module, loaded
 * when first used. The package's index loads every component, lottie among them, which
 * draws on a canvas jsdom does not have (and takes seconds).
 */
const packages = '@nutui/nutui-react-taro/dist/cjs/packages'

const byName = new Proxy({} as Record<string | symbol, unknown>, {
  get(cache, name) {
    if (name === '__esModule') return true
    if (typeof name !== 'string') return undefined
    if (!(name in cache)) {
      // NutUI's folders are its component names in lower case (SearchBar -> searchbar).
      const mod = require(`${packages}/${name.toLowerCase()}`) as { default?: unknown }
      cache[name] = mod.default ?? mod
    }
    return cache[name]
  }
})

module.exports = byName

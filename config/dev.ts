import type { UserConfigExport } from '@tarojs/cli'

// Development build (`taro build --watch`, NODE_ENV=development): no minification.
export default {
  logger: {
    quiet: false,
    stats: true
  },
  mini: {},
  h5: {}
} satisfies UserConfigExport<'webpack5'>

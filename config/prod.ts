import type { UserConfigExport } from '@tarojs/cli'

// Production build (default for `taro build`): Taro minifies and tree-shakes.
export default {
  mini: {},
  h5: {}
} satisfies UserConfigExport<'webpack5'>

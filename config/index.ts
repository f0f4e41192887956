import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

// Taro 4 config: https://docs.taro.zone/docs/config
// The contract (types/) and the emulator's protocol constants live outside src/ and are
// shared with the cloud functions: compile them as app sources.
const sharedSources = [path.resolve(__dirname, '../types'), path.resolve(__dirname, '../emulator/protocol.ts')]

export default defineConfig<'webpack5'>(async (merge) => {
  const isDev = process.env.NODE_ENV === 'development'

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'internship-party-groups',
    date: '2025-11-29',
    // NutUI is drawn at 375 px; everything of ours at 750 (see ../shared FRONTEND notes).
    designWidth(input) {
      const file = typeof input === 'object' && input ? String((input as { file?: string }).file ?? '') : ''
      return file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750
    },
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2
    },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {},
    // Compile-time `process.env.*` constants. Taro defines only the TARO_APP_* keys found in
    // .env files, and an undefined `process.env.X` would throw in the browser/mini program, so
    // the keys the app reads always get a value here (empty string = use the code default).
    // Values in .env, .env.<mode> or .env.local override these.
    env: {
      TARO_APP_EMULATOR_URL: JSON.stringify(process.env.TARO_APP_EMULATOR_URL ?? ''),
      TARO_APP_CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
      // the subscription template of "a new lesson" (WeChat 公众平台 › 订阅消息); empty: no reminder offer on weapp
      TARO_APP_LESSON_TEMPLATE_ID: JSON.stringify(process.env.TARO_APP_LESSON_TEMPLATE_ID ?? ''),
      // the subscription template of "a comment on my note"; empty: no reminder offer on weapp
      TARO_APP_NOTE_TEMPLATE_ID: JSON.stringify(process.env.TARO_APP_NOTE_TEMPLATE_ID ?? ''),
      // the subscription template of "confirm you attended a check-in"; empty: no reminder offer on weapp
      TARO_APP_CHECKIN_TEMPLATE_ID: JSON.stringify(process.env.TARO_APP_CHECKIN_TEMPLATE_ID ?? ''),
      // the subscription template of "my question was answered"; empty: no reminder offer on weapp
      TARO_APP_QUESTION_TEMPLATE_ID: JSON.stringify(process.env.TARO_APP_QUESTION_TEMPLATE_ID ?? ''),
      // the subscription template of the daily alerts digest; empty: no digest offer on weapp
      TARO_APP_OVERSIGHT_TEMPLATE_ID: JSON.stringify(process.env.TARO_APP_OVERSIGHT_TEMPLATE_ID ?? ''),
      // where the H5 app is served: a volunteer verification link made on weapp points there
      TARO_APP_H5_ORIGIN: JSON.stringify(process.env.TARO_APP_H5_ORIGIN ?? '')
    },
    copy: {
      patterns: [],
      options: {}
    },
    framework: 'react',
    compiler: {
      type: 'webpack5',
      // dependency prebundling off: the combination verified to build offline (see TOOLCHAIN.md)
      prebundle: { enable: false }
    },
    cache: {
      enable: true
    },
    mini: {
      compile: { include: sharedSources },
      postcss: {
        pxtransform: {
          enable: true,
          config: {}
        },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]'
          }
        }
      }
    },
    h5: {
      compile: { include: sharedSources },
      publicPath: '/',
      staticDirectory: 'static',
      router: {
        mode: 'hash'
      },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js'
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css'
      },
      postcss: {
        // Sizes follow the screen up to a large phone: on a desktop the app stays readable
        // rather than twice as large (the root size is capped at 24px, a ~450px-wide phone).
        pxtransform: {
          enable: true,
          config: { maxRootSize: 24 }
        },
        autoprefixer: {
          enable: true,
          config: {}
        },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]'
          }
        }
      }
    }
  }

  return merge({}, baseConfig, isDev ? devConfig : prodConfig)
})

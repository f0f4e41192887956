/**
 * Two projects, one run: `node` holds the emulator, function, seed, e2e and weapp-build tests;
 * `app` renders the mini program's hooks and components in jsdom (tests/app).
 */
const ts = ['ts-jest', { tsconfig: 'tsconfig.json' }]

/** @type {import('jest').Config} */
const node = {
  displayName: 'node',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['<rootDir>/tests/**/*.test.ts', '<rootDir>/tests/**/*.test.tsx', '!**/tests/app/**'],
  transform: { '^.+\\.tsx?$': ts }
}

// Taro's React components for the web (the same ones H5 renders), with a small hand mock of the
// Taro API so a test can fire page events (pull-down, reach-bottom) itself.
/** @type {import('jest').Config} */
const app = {
  displayName: 'app',
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/tests/app'],
  // the Taro mock's spies start every test uncalled
  clearMocks: true,
  testMatch: ['<rootDir>/tests/app/**/*.test.ts', '<rootDir>/tests/app/**/*.test.tsx'],
  // babel-preset-taro (babel.config.js) compiles our TSX and the ES modules of Taro's packages.
  transform: { '^.+\\.(t|j)sx?$': 'babel-jest', '^.+\\.mjs$': 'babel-jest' },
  // Taro's web components ship as ES modules (with swiper's .mjs and their own nested tslib).
  transformIgnorePatterns: ['/node_modules/(?!(@tarojs|@stencil|swiper|tslib|\\.pnpm)/)'],
  moduleNameMapper: {
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '^@tarojs/taro$': '<rootDir>/tests/app/mocks/taro.ts',
    // NutUI's components one by one (see the mock)
    '^@nutui/nutui-react-taro$': '<rootDir>/tests/app/mocks/nutui.ts',
    // stylesheets, and NutUI's per-component style entries (ES modules importing the CSS)
    '\\.(css|scss|less)$': '<rootDir>/tests/app/mocks/style.ts',
    '^@nutui/nutui-react-taro/dist/es/packages/[a-z]+/style/css$': '<rootDir>/tests/app/mocks/style.ts'
  },
  // Build-time constants Taro's runtime expects its bundler to define.
  globals: {
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: true,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_MUTATION_OBSERVER: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    DEPRECATED_ADAPTER_COMPONENT: false,
    __TARO_FRAMEWORK__: 'react'
  }
}

/** @type {import('jest').Config} */
module.exports = {
  projects: [node, app],
  testTimeout: 30000,
  maxWorkers: 2,
  // A failed test can leave an emulator or a function instance running; never let that
  // hold the run (and CI) open.
  forceExit: true,
  reporters: ['default', '<rootDir>/tests/summary-reporter.js']
}

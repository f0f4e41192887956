/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }]
  },
  testTimeout: 30000,
  maxWorkers: 2,
  // A failed test can leave an emulator or a function instance running; never let that
  // hold the run (and CI) open.
  forceExit: true,
  reporters: ['default', '<rootDir>/tests/summary-reporter.js']
}

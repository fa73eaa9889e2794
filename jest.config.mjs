// Jest runs in ESM mode (NestJS 12 is ESM-only): see the `JEST` variable in the Makefile.
/** @type {[string, Record<string, unknown>]} */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
      target: 'es2023',
    },
    module: { type: 'es6' },
  },
];

const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@fitness/common$': '<rootDir>/libs/common/src/index.ts',
    '^@fitness/client$': '<rootDir>/libs/client/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};

/** @type {import('jest').Config} */
export default {
  projects: [
    {
      ...common,
      displayName: 'unit',
      setupFiles: ['<rootDir>/test/support/unit-setup.ts'],
      testMatch: ['<rootDir>/libs/*/src/**/*.spec.ts', '<rootDir>/services/*/src/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'system',
      testMatch: ['<rootDir>/test/**/*.e2e.ts'],
      // The fault suite has its own stack (profile `fault`) and project.
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/fault/'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'fault',
      testMatch: ['<rootDir>/test/fault/**/*.e2e.ts'],
      globalSetup: '<rootDir>/test/fault/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/fault/support/global-teardown.ts',
    },
  ],
};

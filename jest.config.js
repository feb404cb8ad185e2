// Two projects: unit specs (pure, fast) and integration specs (real PostgreSQL + Redis).
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true, tsx: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' }, module: { type: 'commonjs' } }];
const moduleNameMapper = {
  '^@lanewatch/domain/testing$': '<rootDir>/libs/domain/src/testing.ts',
  '^@lanewatch/(domain|crypto|db|queue|config|provision|simulator|write-path|read-model|sla|formats)$': '<rootDir>/libs/$1/src/index.ts',
  '^@lanewatch/migrations$': '<rootDir>/migrations/index.ts',
};
module.exports = {
  // Integration specs start real processes; unit specs finish far below this.
  testTimeout: 180000,
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'],
      transform: { '^.+\\.tsx?$': swc },
      moduleNameMapper,
      testEnvironment: 'node',
    },
    {
      displayName: 'integration',
      rootDir: __dirname,
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'],
      transform: { '^.+\\.tsx?$': swc },
      moduleNameMapper,
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};

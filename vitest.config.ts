import { configDefaults, defineConfig } from 'vitest/config';

// graphql 16 ships index.js and index.mjs without an exports map: vite would load the .mjs copy for test
// code while Node loads the .js copy for type-graphql and @apollo/*, giving "another module or realm"
// errors. Point both at the CommonJS build (shared/reference/toolchain-node20.md §5).
const resolve = { alias: { graphql: 'graphql/index.js' } };
const isCi = process.env.CI === 'true';

export default defineConfig({
  resolve,
  test: {
    environment: 'node',
    exclude: [...configDefaults.exclude, 'dist/**'],
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/contract/**/*.test.ts', 'test/subgraph/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          retry: isCi ? 1 : 0,
          fileParallelism: false,
        },
      },
    ],
  },
});

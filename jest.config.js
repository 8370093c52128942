/** @type {import('jest').Config} */
const tsJest = [
  "ts-jest",
  { tsconfig: { module: "commonjs", moduleResolution: "node", jsx: "react-jsx", isolatedModules: true } },
];
const common = { transform: { "^.+\\.tsx?$": tsJest }, setupFiles: ["<rootDir>/tests/setup-timezone.js"] };

module.exports = {
  // Generous: CI shares its two cores, and tests assert states, never timings. (A global option: jest ignores it
  // inside a project's config.)
  testTimeout: 60_000,
  projects: [
    {
      ...common,
      displayName: "engine",
      testEnvironment: "node",
      testMatch: [
        "<rootDir>/tests/engine/**/*.test.ts",
        "<rootDir>/tests/cli/**/*.test.ts",
        "<rootDir>/tests/worker/**/*.test.ts",
        "<rootDir>/tests/forecast/**/*.test.ts",
        "<rootDir>/tests/sql/**/*.test.ts",
      ],
    },
    {
      ...common,
      displayName: "excel",
      testEnvironment: "node",
      testMatch: [
        "<rootDir>/tests/excel/**/*.test.ts",
        "<rootDir>/tests/workbook-sim/**/*.test.ts",
        "<rootDir>/tests/manifest/**/*.test.ts",
      ],
    },
    {
      ...common,
      displayName: "taskpane",
      testEnvironment: "jsdom",
      testMatch: ["<rootDir>/tests/taskpane/**/*.test.ts?(x)", "<rootDir>/tests/i18n/**/*.test.ts"],
      setupFilesAfterEnv: ["<rootDir>/tests/taskpane/setup.ts"],
    },
    {
      ...common,
      displayName: "e2e",
      testEnvironment: "node",
      testMatch: ["<rootDir>/tests/e2e/**/*.test.ts"],
      // Builds dist/ when it is missing or stale, so the project stands on its own.
      globalSetup: "<rootDir>/tests/e2e/global-setup.js",
      slowTestThreshold: 60,
    },
  ],
};

import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";
import tsPlugin from "@typescript-eslint/eslint-plugin";
import globals from "globals";

/** Keeps the architecture's lines: each folder may import only what docs/ARCHITECTURE.md allows. */
function onlyImports(folder, forbidden) {
  return {
    files: [`src/${folder}/**/*.{ts,tsx}`],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: forbidden.map((name) => ({
            group: [`**/${name}`, `**/${name}/**`],
            message: `src/${folder} must not import src/${name} (see docs/ARCHITECTURE.md).`,
          })),
        },
      ],
    },
  };
}

export default [
  { ignores: ["node_modules/", "dist/", "dist-node/", "coverage/", "test-results/", ".bench-data/"] },
  ...officeAddins.configs.react,
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    plugins: { "@typescript-eslint": tsPlugin },
    languageOptions: {
      parser: tsParser,
      ecmaVersion: 2022,
      sourceType: "module",
      parserOptions: { ecmaFeatures: { jsx: true } },
      globals: {
        ...globals.browser,
        ...globals.node,
        Office: "readonly",
        Excel: "readonly",
        OfficeExtension: "readonly",
      },
    },
    rules: {
      // TypeScript checks undefined names itself, with the DOM/Office/Node types each file is compiled with.
      "no-undef": "off",
      "no-unused-vars": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "react/react-in-jsx-scope": "off",
      "react/prop-types": "off",
    },
  },
  {
    files: ["**/*.{js,cjs,mjs}"],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.node } },
  },
  {
    files: ["tests/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.jest } },
  },
  onlyImports("engine", [
    "excel",
    "taskpane",
    "worker",
    "i18n",
    "workbook-sim",
    "demo",
    "cli",
    "commands",
    "forecast",
    "sql",
  ]),
  // The forecast builds on the engine only; cli and worker (and later taskpane, excel for its types) import it.
  onlyImports("forecast", ["excel", "taskpane", "worker", "i18n", "workbook-sim", "demo", "cli", "commands", "sql"]),
  onlyImports("i18n", ["excel", "taskpane", "worker", "workbook-sim", "demo", "cli", "commands", "sql"]),
  onlyImports("worker", ["excel", "taskpane", "workbook-sim", "demo", "cli", "commands", "sql"]),
  onlyImports("excel", ["taskpane", "worker", "workbook-sim", "demo", "cli", "commands", "sql"]),
  onlyImports("taskpane", ["workbook-sim", "demo", "cli"]),
  onlyImports("workbook-sim", ["excel", "taskpane", "worker", "i18n", "demo", "cli", "commands", "forecast", "sql"]),
  // src/sql states SPEC's rules in SQL and imports nothing from src/; only cli and taskpane may import it.
  onlyImports("sql", [
    "engine",
    "excel",
    "taskpane",
    "worker",
    "i18n",
    "workbook-sim",
    "demo",
    "cli",
    "commands",
    "forecast",
  ]),
  onlyImports("cli", ["excel", "taskpane", "worker", "workbook-sim", "demo", "commands"]),
  // The pane and the workbook writer show and write the worker's forecast: its types only, never its code.
  {
    files: ["src/excel/**/*.{ts,tsx}", "src/taskpane/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/forecast", "**/forecast/**"],
              allowTypeImports: true,
              message: "src/excel and src/taskpane may import only types from src/forecast (see docs/ARCHITECTURE.md).",
            },
          ],
        },
      ],
    },
  },
];

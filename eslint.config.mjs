import fs from "node:fs";
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";
import tsPlugin from "@typescript-eslint/eslint-plugin";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";

/** Paths into src/engine other than these are its internals (see docs/ENGINE.md, "API"). */
const ENGINE_ENTRIES = ["engine/index", "engine/types"];

/** The folders of src/: a folder that stands alone may import none of the others. */
const SRC_FOLDERS = fs
  .readdirSync(new URL("./src", import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const everyFolderBut = (folder) => SRC_FOLDERS.filter((name) => name !== folder);

/**
 * Keeps the architecture's lines: each folder may import only what docs/ARCHITECTURE.md allows. `extra` adds
 * patterns for the folder, e.g. which of src/excel the pane may see; `engineEntries` the engine entries it may use
 * besides the public index and types.
 */
function onlyImports(folder, forbidden, { extra = [], engineEntries = [], files } = {}) {
  const engine =
    folder === "engine"
      ? []
      : [
          {
            group: ["**/engine/*", ...[...ENGINE_ENTRIES, ...engineEntries].map((entry) => `!**/${entry}`)],
            message:
              `src/${folder} imports the engine through engine (its public index) or engine/types` +
              (engineEntries.length ? ` or ${engineEntries.join(", ")}` : "") +
              " (see docs/ENGINE.md).",
          },
        ];
  return {
    files: files ?? [`src/${folder}/**/*.{ts,tsx}`],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...forbidden.map((name) => ({
              group: [`**/${name}`, `**/${name}/**`],
              message: `src/${folder} must not import src/${name} (see docs/ARCHITECTURE.md).`,
            })),
            ...engine,
            ...extra,
          ],
        },
      ],
    },
  };
}

/** src/excel and src/taskpane may import only types from src/forecast (and `extra`, with their own messages). */
function forecastTypesOnly(files, extra = []) {
  return {
    files,
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
            ...extra,
          ],
        },
      ],
    },
  };
}

/** The one composition root of the pane: it mounts App with the Office.js gateway. */
const PANE_ROOT = "src/taskpane/start-taskpane.tsx";

/** Office.js's globals, read only in src/excel, the pane's composition root and the ribbon command page. */
const OFFICE_GLOBALS = ["Office", "Excel", "OfficeExtension"].map((name) => ({
  name,
  message: `${name} is Office.js: use it in src/excel (or ${PANE_ROOT}); the rest gets a WorkbookGateway (see docs/ARCHITECTURE.md).`,
}));

/**
 * Files linted with type information (tsconfig.json, through the project service). Not bench/: its nearest
 * tsconfig lists only the scripts npm run bench compiles, so the project service would not find the rest. With
 * tests/, npm run lint took 1m37-2m02 on two loaded cores.
 */
const TYPED_FILES = ["src/**/*.{ts,tsx}", "tests/**/*.{ts,tsx}"];

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
  // Type-aware rules (typescript-eslint's recommended-type-checked): floating promises, unsafe any, awaits of
  // non-promises and the like, which only the types can show.
  {
    files: TYPED_FILES,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      ...tsPlugin.configs["eslint-recommended"].overrides[0].rules,
      ...tsPlugin.configs["recommended-type-checked"].rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // typescript-eslint 8.8 hands this rule's options to ESLint 9.39's base rule without the defaults the base
      // rule now expects; stating them keeps it from crashing.
      "@typescript-eslint/no-unused-expressions": [
        "error",
        { allowShortCircuit: false, allowTernary: false, allowTaggedTemplates: false, enforceForJSX: false },
      ],
    },
  },
  // The rules of hooks, and effects and memos that list what they read.
  {
    files: ["src/taskpane/**/*.{ts,tsx}", "src/demo/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "error" },
  },
  {
    files: ["**/*.{js,cjs,mjs}"],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.node } },
  },
  {
    files: ["tests/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.jest } },
    rules: {
      // scripts/*.js are CommonJS shared with webpack.config.js; the tests that check them require them.
      "@typescript-eslint/no-require-imports": ["error", { allow: ["/scripts/[\\w-]+\\.js$"] }],
    },
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
  onlyImports("forecast", ["excel", "taskpane", "worker", "i18n", "workbook-sim", "demo", "cli", "commands", "sql"], {
    engineEntries: ["engine/encoded"],
  }),
  onlyImports("i18n", ["excel", "taskpane", "worker", "workbook-sim", "demo", "cli", "commands", "sql", "forecast"]),
  onlyImports("worker", ["excel", "taskpane", "workbook-sim", "demo", "cli", "commands", "sql"], {
    engineEntries: ["engine/encoded"],
  }),
  onlyImports("excel", ["taskpane", "worker", "workbook-sim", "demo", "cli", "commands", "sql"]),
  // The pane sees src/excel only through gateway.ts, and only its types; its composition root also creates the
  // Office.js gateway.
  onlyImports("taskpane", ["workbook-sim", "demo", "cli", "commands"], {
    extra: [
      {
        regex: "(^|/)excel(/(?!gateway$).*)?$",
        message: "src/taskpane sees src/excel only through excel/gateway (see docs/ARCHITECTURE.md).",
      },
    ],
  }),
  { ...onlyImports("taskpane", ["workbook-sim", "demo", "cli", "commands"]), files: [PANE_ROOT] },
  onlyImports("workbook-sim", ["excel", "taskpane", "worker", "i18n", "demo", "cli", "commands", "forecast", "sql"]),
  // src/sql states SPEC's rules in SQL and imports nothing from src/; only cli and taskpane may import it.
  onlyImports("sql", everyFolderBut("sql")),
  onlyImports("cli", ["excel", "taskpane", "worker", "workbook-sim", "demo", "commands"], {
    engineEntries: ["engine/encoded"],
  }),
  // The demo runs the unmodified pane bundle beside it; it builds the workbook with workbook-sim and the engine.
  // The demo page reads its toolbar words and the remembered language from i18n, as the pane does.
  onlyImports("demo", ["excel", "taskpane", "worker", "cli", "commands", "forecast", "sql"]),
  // The ribbon command page stands alone.
  onlyImports("commands", everyFolderBut("commands")),
  {
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/excel/**", PANE_ROOT, "src/commands/**"],
    rules: { "no-restricted-globals": ["error", ...OFFICE_GLOBALS] },
  },
  // The pane and the workbook writer show and write the worker's forecast: its types only, never its code; the
  // pane takes only types from excel/gateway too.
  forecastTypesOnly(["src/excel/**/*.{ts,tsx}"]),
  forecastTypesOnly(
    ["src/taskpane/**/*.{ts,tsx}"],
    [
      {
        group: ["**/excel/gateway"],
        allowTypeImports: true,
        message: "src/taskpane imports only types from excel/gateway (see docs/ARCHITECTURE.md).",
      },
    ],
  ),
];

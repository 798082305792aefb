/**
 * The architecture as rules (dependency-cruiser; test/architecture/layers.test.ts runs them).
 *
 * provider/, lowest layer first:
 *   schema                     the declarations: every field fact once
 *   rules, client              the API's rules; the HTTP client (one transport chain)
 *   loader, stack, seam        YAML -> desired state; what a stack's state and config say;
 *                              what the two processes agree on (input names, notes, journal)
 *   program                    runs in the user's Pulumi program process (classes, component, root program)
 *   dynamic-provider           runs in Pulumi's dynamic-provider process (the handlers, package export ./h)
 *   export, json-schema        live objects -> YAML; the JSON Schema for editors
 *   audit                      desired state vs live objects
 *   desired-state/, *.ts       public paths: re-exports only
 * cli/ may use any of it; emulator/ none of it (the emulator is the API's stand-in, not our mirror).
 */
const LAYERS = [
  ["schema"],
  ["rules", "client"],
  ["loader", "stack", "seam"],
  ["program", "dynamic-provider", "export", "json-schema"],
  ["audit"],
];
const HIGHER = (index) => LAYERS.slice(index + 1).flat();
const folder = (names) => `^provider/(${names.join("|")})/`;

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "no import circle that runs: a circle closed only by `import type` is erased at compile time",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    ...LAYERS.slice(0, -1).map((names, index) => ({
      name: `layer-${names.join("-")}`,
      severity: "error",
      comment: `${names.join(", ")} import nothing from a higher layer`,
      from: { path: folder(names) },
      to: { path: [folder(HIGHER(index)), "^provider/desired-state/", "^provider/[^/]+\\.ts$", "^cli/"] },
    })),
    {
      name: "one-process-each",
      severity: "error",
      comment: "the program and the dynamic provider run in two processes: they share only provider/seam (and lower layers)",
      from: { path: folder(["program"]) },
      to: { path: folder(["dynamic-provider", "export", "json-schema", "audit"]) },
    },
    {
      name: "provider-not-program",
      severity: "error",
      comment: "the dynamic provider never loads the program's code (nor the YAML loader: it gets inputs)",
      from: { path: folder(["dynamic-provider"]) },
      to: { path: folder(["program", "loader", "export", "json-schema"]) },
    },
    {
      name: "same-layer-apart",
      severity: "error",
      comment: "export and json-schema are outputs; nothing of the third layer imports them but audit and the CLI",
      from: { path: folder(["dynamic-provider", "program"]) },
      to: { path: folder(["export", "json-schema"]) },
    },
    {
      name: "emulator-alone",
      severity: "error",
      comment: "the emulator shares no code with the provider or the CLI",
      from: { path: "^emulator/" },
      to: { path: "^(provider|cli)/" },
    },
    {
      name: "no-test-in-product",
      severity: "error",
      comment: "the product loads nothing from test/ or bench/",
      from: { path: "^(provider|emulator|cli)/" },
      to: { path: "^(test|bench)/" },
    },
    {
      name: "bench-not-test",
      severity: "error",
      comment: "bench/ imports nothing from test/",
      from: { path: "^bench/" },
      to: { path: "^test/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|node_modules)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    moduleSystems: ["cjs", "es6"],
  },
};

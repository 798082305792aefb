/** jose is an ES module; this CommonJS build loads it with a dynamic import. */
export type Jose = typeof import("jose", { with: { "resolution-mode": "import" } });
export type JoseKey = Awaited<ReturnType<Jose["importSPKI"]>>;

let loaded: Promise<Jose> | undefined;

export function loadJose(): Promise<Jose> {
  loaded ??= import("jose");
  return loaded;
}

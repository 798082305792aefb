export { startEmulator, buildApp, type EmulatorOptions, type RunningEmulator } from "./server";
export { DEFAULT_SEED, loadSeedFile, type SeedDomain } from "./seed";
export { TOKEN_PATH } from "./routes/token";
export { API_PREFIX } from "./api-route";
export type { RequestLogEntry } from "./request-log";
export type { FaultSettings } from "./faults";
export type { ChangeEvent, ChangeListener } from "./backend";

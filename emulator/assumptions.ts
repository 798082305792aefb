/**
 * The emulator's one place for everything the sources do not settle (ASSUMED) and
 * for the documented constants kept next to them, in five files:
 * - assumptions-limits.ts: limits, patterns and enumerations;
 * - assumptions-behaviour.ts: status codes and behaviour switches;
 * - assumptions-ids.ts: identifier generation;
 * - assumptions-app.ts: the app's side (console, trash, contact cap, concurrency);
 * - assumptions-directory.ts: the user read (GET /users/{userId}) and its scopes.
 * Each entry cites the line of `lineworks-api.md` (or the seed) it comes from.
 */
export * from "./assumptions-limits";
export * from "./assumptions-behaviour";
export * from "./assumptions-ids";
export * from "./assumptions-app";
export * from "./assumptions-directory";

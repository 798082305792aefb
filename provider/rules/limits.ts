/** The limits live in the bottom layer (provider/schema/limits.ts); this path stays for existing imports. */
export * from "../schema/limits";

/**
 * The one secret search of every test that claims no credential leaks. A credential is looked
 * for in every form a careless line of code would write it in: raw, base64, base64url (at any
 * of the three byte alignments, so a secret inside a larger encoded string, such as an HTTP Basic
 * header, is found too), URL-encoded (percent and form encoding) and JSON-escaped. The private
 * key is searched whole and line by line (its base64 body lines: a key re-wrapped or joined on one
 * line still holds them). Tokens the emulator issued are known by hash only
 * (./issued-tokens.ts): every 43-character window of the text and of every base64 run decoded is
 * hashed, which covers their raw, URL-encoded and JSON-escaped forms (a token is base64url:
 * those leave it as it is) and their base64 forms.
 */
import type { EmulatorProcess } from "./emulator-process";
import { issuedTokens, issuedTokensIn, type IssuedToken } from "./issued-tokens";

export const FORMS = ["raw", "base64", "base64url", "url", "json"] as const;
export type Form = (typeof FORMS)[number];

export interface Secret {
  /** What the secret is, for messages (its value is never printed). */
  name: string;
  value: string;
}

/** The value written whole in one form (what a test plants). */
export function encode(value: string, form: Form): string {
  switch (form) {
    case "raw":
      return value;
    case "base64":
      return Buffer.from(value).toString("base64");
    case "base64url":
      return Buffer.from(value).toString("base64url");
    case "url":
      return encodeURIComponent(value);
    case "json":
      return JSON.stringify(value).slice(1, -1);
  }
}

/** Shorter needles would match by chance in megabytes of logs. */
const MIN_NEEDLE = 12;

/**
 * The texts that appear wherever `value` is written in `form`: for the base64 forms, the part of
 * the encoding that does not depend on the bytes around the value, at each of the 3 alignments.
 */
function needles(value: string, form: Form): string[] {
  const bytes = Buffer.from(value);
  switch (form) {
    case "raw":
      return [value];
    case "url":
      return [encodeURIComponent(value), new URLSearchParams({ x: value }).toString().slice(2)];
    case "json": {
      const escaped = JSON.stringify(value).slice(1, -1);
      return [escaped, escaped.replace(/\//g, "\\/")];
    }
    case "base64":
    case "base64url": {
      const found: string[] = [];
      for (let shift = 0; shift < 3; shift++) {
        const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString(form);
        found.push(encoded.slice(shift === 0 ? 0 : 4, 4 * Math.floor((shift + bytes.length) / 3)));
      }
      return found;
    }
  }
}

/** The client secret, the private key whole and each of its base64 body lines. */
export function credentialSecrets(credentials: { clientSecret: string; privateKey: string }): Secret[] {
  const lines = credentials.privateKey.split(/\r?\n/).filter((line) => line.length >= 20 && !line.startsWith("-----"));
  if (lines.length < 3) throw new Error("the private key has no PEM body lines to search for");
  return [
    { name: "the client secret", value: credentials.clientSecret },
    { name: "the private key (whole PEM)", value: credentials.privateKey },
    ...lines.map((value, i) => ({ name: `the private key's body line ${i + 1}`, value })),
  ];
}

/** The text and, for each base64 or base64url run in it, the run decoded from each offset (binary as latin1). */
function decodedViews(text: string): string[] {
  const views: string[] = [];
  for (const run of text.match(/[A-Za-z0-9+/_-]{56,}/g) ?? []) {
    const standard = run.replace(/-/g, "+").replace(/_/g, "/");
    for (let offset = 0; offset < 4; offset++) views.push(Buffer.from(standard.slice(offset), "base64").toString("latin1"));
  }
  return views;
}

export interface SecretSearch {
  /** `NAME as FORM` for each secret found in `text`, each once. */
  find(text: string): string[];
  /** `WHERE: NAME as FORM` for each secret found in each surface. */
  findIn(surfaces: ReadonlyArray<readonly [where: string, text: string]>): string[];
}

export function secretSearch(secrets: Secret[], tokens: IssuedToken[] = []): SecretSearch {
  const table = secrets.flatMap((secret) =>
    FORMS.flatMap((form) => needles(secret.value, form).filter((needle) => needle.length >= MIN_NEEDLE).map((needle) => ({ label: `${secret.name} as ${form}`, needle }))),
  );
  const tokenLabel = (token: IssuedToken) => `an issued ${token.kind} token (${token.sha256.slice(0, 8)})`;
  const find = (text: string): string[] => {
    const found = new Set<string>();
    for (const { label, needle } of table) if (text.includes(needle)) found.add(label);
    if (tokens.length > 0) {
      for (const token of issuedTokensIn(text, tokens)) found.add(`${tokenLabel(token)} as raw, url or json`);
      for (const view of decodedViews(text)) for (const token of issuedTokensIn(view, tokens)) found.add(`${tokenLabel(token)} as base64 or base64url`);
    }
    return [...found];
  };
  return {
    find,
    findIn: (surfaces) => surfaces.flatMap(([where, text]) => find(text).map((found) => `${where}: ${found}`)),
  };
}

/** The search for one emulator domain's credentials and every token the emulator issued so far. */
export async function emulatorSecretSearch(emulator: EmulatorProcess, extra: Secret[] = []): Promise<SecretSearch> {
  return secretSearch([...credentialSecrets(await emulator.credentials()), ...extra], await issuedTokens(emulator));
}

/** The pages and data the dashboard serves (every admin endpoint its script reads), by path. */
export const DASHBOARD_PATHS = [
  "ui",
  "ui/app.js",
  "ui/app.css",
  "ui/app-edit.js",
  "ui/app-edit.css",
  "ui/favicon.svg",
  "state",
  "state/version",
  "requests/recent?include=token,app&limit=1000",
  "requests/recent?kind=app&limit=50",
  "rate-limits",
  "faults",
];

/**
 * What an emulator shows anyone: its stdout and stderr, its whole request log (API, token and
 * app entries) and the dashboard's pages and data.
 */
export async function emulatorSurfaces(emulator: EmulatorProcess): Promise<Array<[string, string]>> {
  const surfaces: Array<[string, string]> = [
    ["the emulator's stdout", emulator.stdout()],
    ["the emulator's stderr", emulator.stderr()],
  ];
  for (const path of ["requests?include=token,app", ...DASHBOARD_PATHS]) {
    const response = await fetch(`${emulator.url}/_emulator/${path}`);
    if (response.status !== 200) throw new Error(`GET /_emulator/${path}: HTTP ${response.status}`);
    surfaces.push([path.startsWith("requests?") ? "the emulator's request log" : `the dashboard's /_emulator/${path}`, await response.text()]);
  }
  return surfaces;
}

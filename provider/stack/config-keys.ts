/**
 * Unknown keys in the product's config namespaces (CONTRACT §5): `lineworks:domainID` is a typo
 * Pulumi passes on silently, and the provider then runs as if the domain id were not set. Both
 * the root program (at preview and up) and `validate --stack` refuse such keys, with the closest
 * known key. Pure: the keys are read elsewhere.
 */
import { LINEWORKS_CONFIG_KEYS } from "../client/config";
import { closestNames } from "../schema/suggest";

/** The root program's own keys (namespace `lineworks-contacts`). */
export const PROGRAM_CONFIG_KEYS: readonly string[] = ["files", "vars", "secretFields", "maxDeletes", "moveTenant"].map((key) => `lineworks-contacts:${key}`);

const NAMESPACES = ["lineworks", "lineworks-contacts"];

export const KNOWN_CONFIG_KEYS: readonly string[] = [...LINEWORKS_CONFIG_KEYS, ...PROGRAM_CONFIG_KEYS];

/** The namespace of a full key (`lineworks:domainId` → `lineworks`), or undefined without one. */
function namespaceOf(key: string): string | undefined {
  const colon = key.indexOf(":");
  return colon < 0 ? undefined : key.slice(0, colon);
}

/**
 * One message per key of the two namespaces that the product does not read, naming the file
 * where it is set and the way out: `unknown config key lineworks:domainID in Pulumi.dev.yaml;
 * did you mean lineworks:domainId? ...`. Keys of other namespaces are not ours to judge.
 */
export function unknownConfigKeyProblems(keys: Iterable<string>, stackFile: string): string[] {
  const problems: string[] = [];
  for (const key of [...new Set(keys)].sort()) {
    const namespace = namespaceOf(key);
    if (namespace === undefined || !NAMESPACES.includes(namespace) || KNOWN_CONFIG_KEYS.includes(key)) continue;
    const known = KNOWN_CONFIG_KEYS.filter((name) => namespaceOf(name) === namespace);
    // Compared without the namespace, so the distance is the key's own.
    const close = closestNames(key.slice(namespace.length + 1), known.map((name) => name.slice(namespace.length + 1)));
    const suggestion = close.map((name) => `${namespace}:${name}`);
    problems.push(
      `unknown config key ${key} in ${stackFile}` +
        (suggestion.length > 0
          ? `; did you mean ${suggestion.join(" or ")}? Rename it: pulumi config rm ${key}, then pulumi config set ${suggestion[0]} with its value`
          : `; the ${namespace} keys are ${known.join(", ")}. Remove it with pulumi config rm ${key} or correct its name`),
    );
  }
  return problems;
}

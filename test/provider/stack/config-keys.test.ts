/**
 * Issue 28: unknown keys of the `lineworks` and `lineworks-contacts` config namespaces, with the
 * closest known key. The e2e test (delete-guard.e2e.test.ts) checks the same through
 * `pulumi preview` and `validate --stack`.
 */
import { describe, expect, it } from "vitest";
import { resolveClientConfig } from "../../../provider/client/config";
import { KNOWN_CONFIG_KEYS, unknownConfigKeyProblems } from "../../../provider/stack/config-keys";

describe("unknown config keys", () => {
  it("a key spelt in another case, a missing letter: the known key suggested", () => {
    expect(unknownConfigKeyProblems(["lineworks:domainID"], "Pulumi.dev.yaml")).toEqual([
      expect.stringMatching(/^unknown config key lineworks:domainID in Pulumi\.dev\.yaml; did you mean lineworks:domainId\? Rename it: pulumi config rm lineworks:domainID/),
    ]);
    expect(unknownConfigKeyProblems(["lineworks-contacts:file"], "Pulumi.dev.yaml")).toEqual([
      expect.stringMatching(/^unknown config key lineworks-contacts:file in Pulumi\.dev\.yaml; did you mean lineworks-contacts:files\?/),
    ]);
  });

  it("nothing close: the namespace's keys and how to remove it", () => {
    const [problem] = unknownConfigKeyProblems(["lineworks-contacts:colour"], "Pulumi.prod.yaml");
    expect(problem).toMatch(/^unknown config key lineworks-contacts:colour in Pulumi\.prod\.yaml; the lineworks-contacts keys are .*maxDeletes/);
    expect(problem).toContain("pulumi config rm lineworks-contacts:colour");
  });

  it("known keys and other namespaces pass", () => {
    expect(unknownConfigKeyProblems([...KNOWN_CONFIG_KEYS, "aws:region", "myproject:domainID", "lineworksx:y"], "Pulumi.dev.yaml")).toEqual([]);
  });

  it("the known lineworks: keys are exactly those the provider reads", () => {
    const read: string[] = [];
    try {
      resolveClientConfig({ get: (key) => (read.push(key), undefined) }, {});
    } catch {
      // No credentials: the keys were read before the check.
    }
    expect(KNOWN_CONFIG_KEYS.filter((key) => key.startsWith("lineworks:")).sort()).toEqual([...read].sort());
  });
});

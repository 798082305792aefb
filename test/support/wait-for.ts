/**
 * Waits for a condition instead of sleeping a fixed time: polls `condition` until it holds and
 * returns its value, or fails after `timeoutMs` naming what it waited for. The deadline only
 * bounds a hang; a slow machine just takes more polls.
 */
export async function waitFor<T>(
  what: string,
  condition: () => T | undefined | false | Promise<T | undefined | false>,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const { timeoutMs = 30_000, intervalMs = 50 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Waits until the clock has left the whole second an API time (`YYYY-MM-DDThh:mm:ssTZD`) names,
 * so the next write's createdTime or modifiedTime differs from it.
 */
export function waitPastSecond(apiTime: string): Promise<true> {
  const next = Math.floor(Date.parse(apiTime) / 1000) * 1000 + 1000;
  if (Number.isNaN(next)) throw new Error(`not an API time: ${apiTime}`);
  return waitFor(`the clock past ${apiTime}`, () => Date.now() >= next, { intervalMs: 20 });
}

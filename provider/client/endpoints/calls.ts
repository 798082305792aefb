/** Reads and deletes where "the object is not there" (404, 410) is an answer, not an error. */
import type { ApiCall } from "../api-call";
import { LineWorksApiError } from "../errors";
import type { HttpResponse } from "../http";
import { MAX_PAGE_SIZE } from "../assumptions";
import { paginate, type Page } from "../pagination";
import type { Transport } from "../transport";

export async function getOrUndefined(transport: Transport, call: ApiCall): Promise<HttpResponse | undefined> {
  try {
    return await transport.call(call);
  } catch (error) {
    if (error instanceof LineWorksApiError && error.isNotFound) return undefined;
    throw error;
  }
}

/** Deletes are idempotent: an object that is already gone is not an error. */
export async function deleteIgnoringGone(transport: Transport, call: ApiCall): Promise<void> {
  await getOrUndefined(transport, call);
}

export async function findFirst<T>(items: AsyncIterable<T>, match: (item: T) => boolean): Promise<T | undefined> {
  for await (const item of items) if (match(item)) return item;
  return undefined;
}

/** Every item of a cursor-paged GET: `count` defaults to the largest page; `readPage` parses one answer. */
export function cursorPages<T, Q extends { count?: number }>(
  transport: Transport,
  template: string,
  params: Record<string, string>,
  query: Q,
  readPage: (response: HttpResponse) => Page<T>,
): AsyncIterable<T> {
  const { count, ...filters } = query;
  return paginate(
    async (cursor) => readPage(await transport.call({ method: "GET", template, params, query: { ...filters, count: count ?? MAX_PAGE_SIZE, cursor } })),
    { method: "GET", path: template },
  );
}

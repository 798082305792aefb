/** Async iteration over the API's cursor pages. */
import { isLastPage } from "./assumptions";
import { ErrorCode } from "./error-codes";
import { LineWorksApiError, NO_HTTP_STATUS } from "./errors";

export interface Page<T> {
  items: T[];
  nextCursor: string | null | undefined;
}

/**
 * Yields every item of every page, following `nextCursor` until it is absent,
 * null or empty. A cursor that comes back twice would loop forever: that fails.
 */
export async function* paginate<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  describe: { method: string; path: string },
): AsyncGenerator<T, void, undefined> {
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    yield* page.items;
    const next = page.nextCursor;
    if (isLastPage(next)) return;
    if (seen.has(next as string)) {
      throw new LineWorksApiError({
        status: NO_HTTP_STATUS,
        code: ErrorCode.CURSOR_LOOP,
        description: "the API returned a cursor it had already returned; stopping to avoid an endless listing",
        ...describe,
      });
    }
    seen.add(next as string);
    cursor = next as string;
  }
}

import type { Position } from "./problems";

/** Where a value read from YAML came from: its own node, and each child's key and value nodes. */
export interface Located {
  at: Position;
  children: Map<string | number, ChildSpot>;
}

export interface ChildSpot {
  /** The key node (absent for sequence items). */
  key?: Position;
  value: Position;
}

const locations = new WeakMap<object, Located>();

export function locate(value: object): Located | undefined {
  return locations.get(value);
}

export function setLocated(value: object, located: Located): void {
  locations.set(value, located);
}

/** Sets an own enumerable property, even one named `__proto__`. */
export function defineField(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export type PathSegment = string | number;

/**
 * The position that best explains a problem at `path` below `root`: the value's node when
 * the path exists (the key's node for collections, `preferKey`, or a missing leaf's parent),
 * else the nearest existing ancestor's key.
 */
export function positionAt(root: object, path: readonly PathSegment[], options: { preferKey?: boolean } = {}): Position {
  const rootLocated = locate(root);
  if (!rootLocated) throw new Error("positionAt: root has no location");
  let current: unknown = root;
  let best: Position = rootLocated.at;
  for (let index = 0; index < path.length; index++) {
    const located = typeof current === "object" && current !== null ? locate(current) : undefined;
    const segment = path[index]!;
    const spot = located?.children.get(segment) ?? located?.children.get(String(segment));
    if (!spot) return best;
    const child = (current as Record<PathSegment, unknown>)[segment];
    const last = index === path.length - 1;
    const isCollection = typeof child === "object" && child !== null;
    best = last && !isCollection && !options.preferKey ? spot.value : (spot.key ?? spot.value);
    current = child;
  }
  return best;
}

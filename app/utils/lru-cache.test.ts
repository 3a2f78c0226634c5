import { describe, expect, it } from "vitest";
import { LruCache } from "./lru-cache.ts";

describe("LruCache", () => {
  it("keeps at most its size, letting go of the least recently used", () => {
    const cache = new LruCache<string, number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1); // a is now the most recently used
    cache.set("c", 3);
    expect(cache.count).toBe(2);
    expect(cache.has("b")).toBe(false);
    expect(cache.get("a")).toBe(1);
    expect(cache.get("c")).toBe(3);
  });

  it("replaces a key's value without growing", () => {
    const cache = new LruCache<string, number>(2);
    cache.set("a", 1);
    cache.set("a", 2);
    expect(cache.count).toBe(1);
    expect(cache.get("a")).toBe(2);
  });

  it("keeps a stored undefined apart from a missing key", () => {
    const cache = new LruCache<string, undefined>(1);
    cache.set("a", undefined);
    expect(cache.has("a")).toBe(true);
    cache.delete("a");
    expect(cache.has("a")).toBe(false);
  });

  it("refuses a size that could hold nothing", () => {
    expect(() => new LruCache(0)).toThrow(/at least one/);
  });
});

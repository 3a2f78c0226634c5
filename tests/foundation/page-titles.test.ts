// Every page's browser-tab title is in the reader's language: each route's `meta` reads the locale from
// the root loader's data. A new page with an English-only title fails here.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const routesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../app/routes");

/** Route modules: files directly in app/routes, and the route.tsx of each route folder. */
function routeModules(): string[] {
  return readdirSync(routesDir).flatMap((name) => {
    const full = path.join(routesDir, name);
    if (statSync(full).isDirectory()) return [path.join(full, "route.tsx")];
    return /\.tsx?$/.test(name) && !/\.test\./.test(name) ? [full] : [];
  });
}

type Meta = (args: unknown) => { title?: string }[];

async function titleOf(file: string, locale: "en" | "zh-Hant") {
  const mod = (await import(file)) as { meta?: Meta };
  if (!mod.meta) return null;
  const descriptors = mod.meta({
    matches: [{ id: "root", data: { locale } }],
    params: { ref: "DPO-2026-0042" },
    data: undefined,
    location: { pathname: "/" },
  });
  return descriptors.find((d) => d.title)?.title ?? null;
}

const withMeta = routeModules();

describe("page titles", () => {
  it.each(withMeta.map((f) => [path.relative(routesDir, f), f]))(
    "%s: a title in the reader's language",
    async (_, file) => {
      const zh = await titleOf(file, "zh-Hant");
      const en = await titleOf(file, "en");
      if (zh === null) {
        // No meta: the page keeps the root's title, which is translated too (tested below).
        expect(en).toBeNull();
        return;
      }
      expect(zh).toMatch(/項目追蹤系統$/);
      // A reference and the acronym "API" are written the same in both languages.
      expect(zh.replace(/DPO-\d{4}-\d{4}|\bAPI\b/g, "")).not.toMatch(/[A-Za-z]/);
      expect(en).toMatch(/Initiative Tracker$/);
      expect(en).not.toMatch(/[\u4e00-\u9fff]/);
    },
  );

  it("the root's own title, which pages without meta keep", async () => {
    expect(await titleOf(path.resolve(routesDir, "../root.tsx"), "zh-Hant")).toBe("項目追蹤系統");
    expect(await titleOf(path.resolve(routesDir, "../root.tsx"), "en")).toBe("Initiative Tracker");
  });

  it("the pages people use all have their own title", async () => {
    const titled = [];
    for (const file of withMeta) if (await titleOf(file, "en")) titled.push(path.relative(routesDir, file));
    expect(titled.sort()).toEqual(
      [
        "_index.tsx",
        "account.tsx",
        "account_.mfa.tsx",
        "account_.tokens.tsx",
        "admin.tsx",
        "admin_.bureaux.tsx",
        "admin_.notifications.tsx",
        "admin_.sign-in.tsx",
        "admin_.users.$id.tsx",
        "admin_.users._index.tsx",
        "admin_.users.import.tsx",
        "auth.oidc.callback.tsx",
        "awaiting-access.tsx",
        "api.docs.tsx",
        "dashboard/route.tsx",
        "finance-committee.tsx",
        "funding-rounds._index.tsx",
        "funding-rounds.$fy._index/route.tsx",
        "funding-rounds.$fy.bids.$ref.tsx",
        "initiatives.$ref._index/route.tsx",
        "initiatives.$ref.attachments._index.tsx",
        "initiatives.$ref.edit.tsx",
        "initiatives._index.tsx",
        "initiatives.new.tsx",
        "login.tsx",
        "notifications._index.tsx",
        "notifications.preferences.tsx",
        "login_.mfa-setup.tsx",
        "login_.mfa.tsx",
        "login_.new-password.tsx",
        "reset-password.$token.tsx",
        "open-data._index.tsx",
        "reviews.tsx",
      ].sort(),
    );
  });
});

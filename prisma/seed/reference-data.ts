/** The reference data every database needs: divisions, bureaux and departments, default settings. */
import bureauxData from "../data/bureaux.json" with { type: "json" };
import { DEFAULT_SETTINGS } from "../../app/settings/settings.server.ts";
import { db } from "../../app/utils/db.server.ts";

/**
 * Adds what is missing; an existing row (an administrator may have renamed it) is left as it is. In one
 * transaction: a hundred separate commits cost more than the upserts themselves.
 */
export async function seedReferenceData(): Promise<void> {
  await db.$transaction([
    ...bureauxData.divisions.map((d) =>
      db.division.upsert({
        where: { code: d.code },
        create: { code: d.code, short: d.short, nameEn: d.nameEn, nameZh: d.nameZh },
        update: {},
      }),
    ),
    ...bureauxData.bureaux.map((b) =>
      db.bureau.upsert({
        where: { code: b.code },
        create: { code: b.code, kind: "bureau", nameEn: b.nameEn, nameZh: b.nameZh },
        update: {},
      }),
    ),
    // After the bureaux: a department's parent must exist.
    ...bureauxData.departments.map((d) =>
      db.bureau.upsert({
        where: { code: d.code },
        create: { code: d.code, kind: "department", nameEn: d.nameEn, nameZh: d.nameZh, parentCode: d.bureau },
        update: {},
      }),
    ),
    ...Object.entries(DEFAULT_SETTINGS).map(([key, value]) =>
      db.setting.upsert({ where: { key }, create: { key, value: String(value) }, update: {} }),
    ),
  ]);
}

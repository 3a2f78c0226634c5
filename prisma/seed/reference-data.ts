/** The reference data every database needs: divisions, bureaux and departments, default settings. */
import bureauxData from "../data/bureaux.json" with { type: "json" };
import { DEFAULT_SETTINGS } from "../../app/settings/settings.server.ts";
import { db } from "../../app/utils/db.server.ts";

/** Adds what is missing; an existing row (an administrator may have renamed it) is left as it is. */
export async function seedReferenceData(): Promise<void> {
  for (const d of bureauxData.divisions) {
    await db.division.upsert({
      where: { code: d.code },
      create: { code: d.code, short: d.short, nameEn: d.nameEn, nameZh: d.nameZh },
      update: {},
    });
  }
  for (const b of bureauxData.bureaux) {
    await db.bureau.upsert({
      where: { code: b.code },
      create: { code: b.code, kind: "bureau", nameEn: b.nameEn, nameZh: b.nameZh },
      update: {},
    });
  }
  for (const d of bureauxData.departments) {
    await db.bureau.upsert({
      where: { code: d.code },
      create: { code: d.code, kind: "department", nameEn: d.nameEn, nameZh: d.nameZh, parentCode: d.bureau },
      update: {},
    });
  }
  for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
    await db.setting.upsert({ where: { key }, create: { key, value: String(value) }, update: {} });
  }
}

import { z } from "zod";
import { appendAuditEvent } from "~/audit/audit.server.ts";
import type { Caller } from "~/initiatives/access.server.ts";
import { db } from "~/utils/db.server.ts";
import { fieldErrorsOf } from "~/utils/field-errors.ts";
import { HttpError } from "~/utils/http.server.ts";
import { isUniqueViolation } from "~/utils/db/db-errors.server.ts";

/** Defaults: a 10-working-day review SLA and the HK$20,000,000 per-project ceiling of the CWRF Head 710
 *  Computerisation block allocation (Subhead A007GX), above which the Finance Committee decides. */
export const DEFAULT_SETTINGS = {
  REVIEW_SLA_DAYS: 10,
  BLOCK_ALLOCATION_LIMIT: 20_000_000,
} as const;

export type Settings = { reviewSlaDays: number; blockAllocationLimit: number };

/** The current settings, with defaults for any missing row. */
export async function getSettings(): Promise<Settings> {
  return settingsOf(await db.setting.findMany({ select: { key: true, value: true } }));
}

/** The settings that the stored rows (key, value) put in force, with defaults for any missing row. */
export function settingsOf(rows: readonly { key: string; value: string }[]): Settings {
  const map = new Map(rows.map((r) => [r.key, Number(r.value)]));
  const num = (key: keyof typeof DEFAULT_SETTINGS) => {
    const v = map.get(key);
    return v !== undefined && Number.isFinite(v) ? v : DEFAULT_SETTINGS[key];
  };
  return { reviewSlaDays: num("REVIEW_SLA_DAYS"), blockAllocationLimit: num("BLOCK_ALLOCATION_LIMIT") };
}

/** Bounds an administrator may set. The limit's ceiling is the largest amount any money field holds. */
export const SETTING_BOUNDS = {
  reviewSlaDays: { min: 1, max: 60 },
  blockAllocationLimit: { min: 1, max: 2_000_000_000 },
} as const;

const KEY_OF: Record<keyof Settings, keyof typeof DEFAULT_SETTINGS> = {
  reviewSlaDays: "REVIEW_SLA_DAYS",
  blockAllocationLimit: "BLOCK_ALLOCATION_LIMIT",
};

// Accepts what people type: "20,000,000", "HK$20,000,000", " 15 " — commas only as thousands separators.
const WHOLE = /^(\d+|\d{1,3}(,\d{3})+)$/;
function toWhole(value: unknown): unknown {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return undefined;
  const compact = value.replace(/\s/g, "").replace(/^HK\$/i, "");
  if (compact === "") return undefined;
  return WHOLE.test(compact) ? Number(compact.replace(/,/g, "")) : Number.NaN;
}

const bounded = (bounds: { min: number; max: number }, message: string) =>
  z.preprocess(
    toWhole,
    z
      .number({ required_error: message, invalid_type_error: message })
      .int(message)
      .min(bounds.min, message)
      .max(bounds.max, message)
      .refine(Number.isFinite, message),
  );

/** The administrator's settings form; messages are i18n keys. */
export const settingsFormSchema = z.object({
  reviewSlaDays: bounded(SETTING_BOUNDS.reviewSlaDays, "settings.errors.reviewSlaDays"),
  blockAllocationLimit: bounded(SETTING_BOUNDS.blockAllocationLimit, "settings.errors.blockAllocationLimit"),
});

/** The settings with when and by whom they were last changed, for the administration page. */
export async function getSettingsDetail() {
  const [settings, rows] = await Promise.all([
    getSettings(),
    db.setting.findMany({
      where: { updatedById: { not: null } },
      orderBy: { updatedAt: "desc" },
      take: 1,
      select: { updatedAt: true, updatedById: true },
    }),
  ]);
  const last = rows[0];
  const by = last?.updatedById
    ? await db.user.findUnique({ where: { id: last.updatedById }, select: { name: true } })
    : null;
  return { ...settings, lastChange: last ? { at: last.updatedAt, by: by?.name ?? null } : null };
}

export type UpdateSettingsResult =
  { ok: true; changed: (keyof Settings)[]; settings: Settings } | { ok: false; fields: Record<string, string[]> };

/**
 * Changes the settings (administrators only). Bad values are field errors and write nothing; a change is
 * written with a `SETTINGS_CHANGED` audit entry carrying the old and new values, in one transaction.
 * Submitting the current values changes nothing and writes nothing.
 */
export async function updateSettings(
  actor: Pick<Caller, "id" | "role">,
  input: Record<string, unknown>,
  opts: { now?: Date } = {},
): Promise<UpdateSettingsResult> {
  if (actor.role !== "ADMIN") throw new HttpError(403, { key: "problems.settingsAdminsOnly" });
  const parsed = settingsFormSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, fields: fieldErrorsOf(parsed.error) };
  }
  const next = parsed.data as Settings;
  const now = opts.now ?? new Date();
  // Another writer may take the audit chain's next link first (prevHash is unique): try again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await saveSettings(actor, next, now);
    } catch (error) {
      const raced = isUniqueViolation(error);
      if (!raced || attempt >= 5) throw error;
    }
  }
}

async function saveSettings(
  actor: Pick<Caller, "id" | "role">,
  next: Settings,
  now: Date,
): Promise<UpdateSettingsResult> {
  return db.$transaction(async (tx) => {
    const rows = await tx.setting.findMany({ select: { key: true, value: true } });
    const stored = new Map(rows.map((r) => [r.key, Number(r.value)]));
    const before = {} as Settings;
    for (const k of Object.keys(KEY_OF) as (keyof Settings)[]) {
      const v = stored.get(KEY_OF[k]);
      before[k] = v !== undefined && Number.isFinite(v) ? v : DEFAULT_SETTINGS[KEY_OF[k]];
    }
    const changed = (Object.keys(KEY_OF) as (keyof Settings)[]).filter((k) => before[k] !== next[k]);
    if (changed.length === 0) return { ok: true as const, changed, settings: before };
    for (const k of changed) {
      const key = KEY_OF[k];
      await tx.setting.upsert({
        where: { key },
        create: { key, value: String(next[k]), updatedById: actor.id, createdAt: now, updatedAt: now },
        update: { value: String(next[k]), updatedById: actor.id, updatedAt: now },
      });
    }
    const byKey = (s: Settings) => Object.fromEntries(changed.map((k) => [KEY_OF[k], s[k]]));
    await appendAuditEvent(tx, {
      actorId: actor.id,
      actorRole: actor.role,
      event: "SETTINGS_CHANGED",
      payload: { from: byKey(before), to: byKey(next) },
      createdAt: now,
    });
    return { ok: true as const, changed, settings: next };
  });
}

// Seeds reference data (B/Ds, divisions, settings) and, unless DEMO_DATA=false, the demo accounts and
// a portfolio. Safe to run again: it adds what is missing and changes nothing that exists.
import bureauxData from "./data/bureaux.json" with { type: "json" };
import { hashPassword } from "../app/auth/password.server.ts";
import { db } from "../app/utils/db.server.ts";
import { DEFAULT_SETTINGS } from "../app/settings/settings.server.ts";

export const DEMO_PASSWORD = "hk-digital-2026";

type DemoUser = {
  email: string;
  name: string;
  role: "OFFICER" | "REVIEWER" | "LEADERSHIP" | "ADMIN";
  bureauCode?: string;
  divisionCode?: string;
};

export const DEMO_USERS: DemoUser[] = [
  { email: "officer.itb@demo.gov.hk", name: "Chan Ka Yan", role: "OFFICER", bureauCode: "ITIB" },
  { email: "officer.immd@demo.gov.hk", name: "Wong Chi Ming", role: "OFFICER", bureauCode: "IMMD" },
  { email: "reviewer.dg@demo.gov.hk", name: "Lee Wing Sze", role: "REVIEWER", divisionCode: "DIGITAL_GOVERNMENT" },
  { email: "reviewer.dgov@demo.gov.hk", name: "Cheung Hoi Lam", role: "REVIEWER", divisionCode: "DATA_GOVERNANCE" },
  { email: "reviewer.di@demo.gov.hk", name: "Lau Tsz Hin", role: "REVIEWER", divisionCode: "DIGITAL_INFRASTRUCTURE" },
  { email: "leader@demo.gov.hk", name: "Ho Man Kit", role: "LEADERSHIP" },
  { email: "admin@demo.gov.hk", name: "Yeung Siu Fung", role: "ADMIN" },
];

export type SeedOptions = { demoData: boolean; adminEmail?: string; adminPassword?: string };

/** Seeds the database; returns lines to print. */
export async function seed(options: SeedOptions): Promise<string[]> {
  const report: string[] = [];
  await seedReferenceData();

  if (options.demoData) {
    const created = await ensureUsers(DEMO_USERS, DEMO_PASSWORD);
    if (created > 0) {
      report.push(`Demo accounts (password "${DEMO_PASSWORD}"):`);
      for (const u of DEMO_USERS)
        report.push(
          `  ${u.email.padEnd(28)} ${u.role}${u.bureauCode ? ` ${u.bureauCode}` : ""}${u.divisionCode ? ` ${u.divisionCode}` : ""}`,
        );
    }
    const { seedPortfolio } = await import("./seed-portfolio.ts");
    const portfolio = await seedPortfolio();
    if (portfolio > 0) report.push(`Demo portfolio: ${portfolio} initiatives built through the lifecycle.`);
  } else {
    const email = (options.adminEmail ?? "admin@dpo.gov.hk").toLowerCase();
    const exists = await db.user.count({ where: { role: "ADMIN" } });
    if (exists === 0) {
      if (!options.adminPassword) {
        throw new Error("ADMIN_PASSWORD is required when DEMO_DATA=false and there is no administrator yet.");
      }
      await ensureUsers([{ email, name: "Administrator", role: "ADMIN" }], options.adminPassword);
      report.push(`Administrator ${email} created (password from ADMIN_PASSWORD).`);
    }
  }
  return report;
}

async function seedReferenceData() {
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

async function ensureUsers(users: DemoUser[], password: string): Promise<number> {
  let created = 0;
  let passwordHash: string | undefined;
  for (const u of users) {
    if (await db.user.findUnique({ where: { email: u.email }, select: { id: true } })) continue;
    passwordHash ??= await hashPassword(password);
    await db.user.create({
      data: {
        email: u.email,
        name: u.name,
        role: u.role,
        bureauCode: u.bureauCode ?? null,
        divisionCode: u.divisionCode ?? null,
        passwordHash,
      },
    });
    created++;
  }
  return created;
}

/** The demo accounts, and the first administrator of a database without demo data. */
import { hashPassword } from "../../app/auth/password.server.ts";
import { db } from "../../app/utils/db.server.ts";

export const DEMO_PASSWORD = "hk-digital-2026";

export type DemoUser = {
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
  // Heads of the divisions, among leadership: each is told when a review of their division is overdue.
  { email: "head.dg@demo.gov.hk", name: "Ng Ka Wai", role: "LEADERSHIP", divisionCode: "DIGITAL_GOVERNMENT" },
  { email: "head.dgov@demo.gov.hk", name: "Tam Mei Ling", role: "LEADERSHIP", divisionCode: "DATA_GOVERNANCE" },
  { email: "head.di@demo.gov.hk", name: "Kwok Chun Hei", role: "LEADERSHIP", divisionCode: "DIGITAL_INFRASTRUCTURE" },
  { email: "admin@demo.gov.hk", name: "Yeung Siu Fung", role: "ADMIN" },
];

/** Creates the demo accounts that do not exist yet; returns the lines to print (none if all existed). */
export async function seedDemoAccounts(): Promise<string[]> {
  const created = await ensureUsers(DEMO_USERS, DEMO_PASSWORD);
  if (created === 0) return [];
  return [
    `Demo accounts (password "${DEMO_PASSWORD}"):`,
    ...DEMO_USERS.map(
      (u) =>
        `  ${u.email.padEnd(28)} ${u.role}${u.bureauCode ? ` ${u.bureauCode}` : ""}${u.divisionCode ? ` ${u.divisionCode}` : ""}`,
    ),
  ];
}

/**
 * Without demo data, the first administrator, with the password given in the environment. Does nothing
 * once any administrator exists.
 */
export async function seedAdministrator(adminEmail: string | undefined, adminPassword: string | undefined) {
  const email = (adminEmail ?? "admin@dpo.gov.hk").toLowerCase();
  const exists = await db.user.count({ where: { role: "ADMIN" } });
  if (exists > 0) return [];
  if (!adminPassword) {
    throw new Error("ADMIN_PASSWORD is required when DEMO_DATA=false and there is no administrator yet.");
  }
  await ensureUsers([{ email, name: "Administrator", role: "ADMIN" }], adminPassword);
  return [`Administrator ${email} created (password from ADMIN_PASSWORD).`];
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

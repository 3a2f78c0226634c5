// The demo accounts without the demo portfolio: the identity tests need people, not 93 initiatives.
import { hashPassword } from "~/auth/password.server.ts";
import { db } from "~/utils/db.server.ts";
import { DEMO_PASSWORD, DEMO_USERS, seed } from "../../prisma/seed/index.ts";

export async function seedPeople(): Promise<void> {
  await seed({ demoData: false, adminEmail: "admin@demo.gov.hk", adminPassword: DEMO_PASSWORD });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    if (u.role === "ADMIN") continue;
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
  }
}

export async function userId(email: string): Promise<string> {
  return (await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
}

/** The cookies a response sets, as one Cookie header (name=value pairs). */
export function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((c) => !c.endsWith("="))
    .join("; ");
}

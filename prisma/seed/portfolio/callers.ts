/**
 * Who acts in the demo portfolio: the demo reviewers and leader, and an officer for every B/D in the
 * catalogue (those without a demo account get one here, with the demo password).
 */
import { hashPassword } from "../../../app/auth/password.server.ts";
import type { Caller } from "../../../app/initiatives/access.server.ts";
import type { Role } from "../../../app/lifecycle/divisions.ts";
import { db } from "../../../app/utils/db.server.ts";
import { DEMO_PASSWORD } from "../accounts.ts";
import { CATALOGUE } from "./catalogue.ts";
import type { Callers } from "./plan.ts";
import { OFFICER_NAMES } from "./texts.ts";

export async function callers(): Promise<Callers> {
  const users = await db.user.findMany({
    select: { id: true, email: true, role: true, bureauCode: true, divisionCode: true },
  });
  const asCaller = (u: (typeof users)[number]): Caller => ({
    id: u.id,
    role: u.role as Role,
    bureauCode: u.bureauCode,
    divisionCode: u.divisionCode,
  });
  const byEmail = (email: string) => {
    const u = users.find((x) => x.email === email);
    if (!u) throw new Error(`The demo user ${email} is missing: seed the demo users first.`);
    return asCaller(u);
  };
  const officers = new Map<string, Caller>([
    ["ITIB", byEmail("officer.itb@demo.gov.hk")],
    ["IMMD", byEmail("officer.immd@demo.gov.hk")],
  ]);
  const bureaux = [...new Set(CATALOGUE.map((e) => e[0]))].filter((b) => !officers.has(b));
  let passwordHash: string | undefined;
  for (const [i, code] of bureaux.entries()) {
    const email = `officer.${code.toLowerCase()}@demo.gov.hk`;
    let user = users.find((u) => u.email === email);
    if (!user) {
      passwordHash ??= await hashPassword(DEMO_PASSWORD);
      user = await db.user.create({
        data: {
          email,
          name: OFFICER_NAMES[i % OFFICER_NAMES.length]!,
          role: "OFFICER",
          bureauCode: code,
          passwordHash,
        },
        select: { id: true, email: true, role: true, bureauCode: true, divisionCode: true },
      });
    }
    officers.set(code, asCaller(user));
  }
  return {
    dg: byEmail("reviewer.dg@demo.gov.hk"),
    dgov: byEmail("reviewer.dgov@demo.gov.hk"),
    di: byEmail("reviewer.di@demo.gov.hk"),
    leader: byEmail("leader@demo.gov.hk"),
    officerOf: (bureau) => officers.get(bureau)!,
  };
}

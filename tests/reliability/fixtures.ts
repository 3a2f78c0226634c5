// A light set-up for the reliability tests: reference data, the demo accounts (without the demo
// portfolio, which takes long to build) and, on request, one draft initiative of the ITB officer.
import { hashPassword } from "~/auth/password.server.ts";
import type { Role } from "~/auth/roles.ts";
import { createDraft } from "~/initiatives/initiatives.server.ts";
import { db } from "~/utils/db.server.ts";
import { DEMO_PASSWORD, DEMO_USERS, seed } from "../../prisma/seed/index.ts";
import { completeProposal } from "../factories/initiatives.ts";

/** Reference data and the demo accounts (password {@link DEMO_PASSWORD}). */
export async function demoAccounts(): Promise<void> {
  await seed({ demoData: false, adminEmail: "admin.fixture@example.org", adminPassword: "fixture-admin-password" });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    const exists = await db.user.findUnique({ where: { email: u.email }, select: { id: true } });
    if (exists) continue;
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

/** A draft initiative owned by the ITB officer; returns its reference. */
export async function itbDraft(): Promise<string> {
  const u = await db.user.findUniqueOrThrow({
    where: { email: "officer.itb@demo.gov.hk" },
    select: { id: true, role: true, bureauCode: true, divisionCode: true },
  });
  const { ref } = await createDraft(
    { id: u.id, role: u.role as Role, bureauCode: u.bureauCode, divisionCode: u.divisionCode },
    completeProposal(),
  );
  return ref;
}

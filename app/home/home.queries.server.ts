import type { SessionUser } from "~/auth/session.server.ts";
import { countUsers } from "~/users/users.server.ts";
import { db } from "~/utils/db.server.ts";
import { FINAL_STAGES } from "~/lifecycle/initiative.machine.ts";

/** What each role's home page shows; each branch reads only what that role may see. */
export async function getHome(user: SessionUser) {
  switch (user.role) {
    case "OFFICER": {
      const bureauCode = user.bureauCode ?? "";
      const [bureau, initiatives, total] = await Promise.all([
        db.bureau.findUnique({ where: { code: bureauCode }, select: { code: true, nameEn: true, nameZh: true } }),
        db.initiative.findMany({
          where: { bureauCode },
          orderBy: { updatedAt: "desc" },
          take: 10,
          select: {
            ref: true,
            titleEn: true,
            titleZh: true,
            stage: true,
            leadDivision: true,
            nonRecurrentCost: true,
            updatedAt: true,
          },
        }),
        db.initiative.count({ where: { bureauCode } }),
      ]);
      return { role: "OFFICER" as const, bureau, initiatives, total };
    }
    case "REVIEWER": {
      const division = user.divisionCode ?? "";
      const queueSize = await db.initiative.count({
        where: { stage: "efficiencyReview", pendingSignoffs: { contains: `,${division},` } },
      });
      return { role: "REVIEWER" as const, division, queueSize };
    }
    case "LEADERSHIP": {
      const inFlight = await db.initiative.count({ where: { stage: { notIn: ["draft", ...FINAL_STAGES] } } });
      return { role: "LEADERSHIP" as const, inFlight };
    }
    case "ADMIN":
      return { role: "ADMIN" as const, users: await countUsers() };
  }
}

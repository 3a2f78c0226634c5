import type { SessionUser } from "~/auth/session.server.ts";
import type { Actor } from "~/lifecycle/initiative.machine.ts";
import type { Division } from "~/lifecycle/divisions.ts";
import type { Prisma } from "~/generated/prisma/client.ts";

/** The fields of a user that access rules and the machine's guards look at. */
export type Caller = Pick<SessionUser, "id" | "role" | "bureauCode" | "divisionCode">;

/** The machine's view of the caller, always taken from the session or token, never from a request body. */
export function actorOf(user: Caller): Actor {
  return {
    id: user.id,
    role: user.role,
    bureauCode: user.bureauCode,
    division: (user.divisionCode as Division | null) ?? null,
  };
}

/**
 * Which initiatives a caller may see (DESIGN.md §3): an officer only their own B/D's; reviewers and
 * leadership every initiative that has been submitted (left draft); administrators, who have no
 * workflow role, none.
 */
export function visibleWhere(user: Caller): Prisma.InitiativeWhereInput {
  switch (user.role) {
    case "OFFICER":
      return user.bureauCode ? { bureauCode: user.bureauCode } : { id: { in: [] } };
    case "REVIEWER":
    case "LEADERSHIP":
      return { round: { gt: 0 } };
    default:
      return { id: { in: [] } };
  }
}

/** The same rule for one loaded initiative. */
export function canSee(user: Caller, initiative: { bureauCode: string; round: number }): boolean {
  switch (user.role) {
    case "OFFICER":
      return !!user.bureauCode && initiative.bureauCode === user.bureauCode;
    case "REVIEWER":
    case "LEADERSHIP":
      return initiative.round > 0;
    default:
      return false;
  }
}

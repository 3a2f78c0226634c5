// An initiative of the growth database whose page can be opened: the generated ones carry a stand-in of
// the lifecycle snapshot (the dashboard never reads it; ./statements.ts), which the initiative's page
// refuses as malformed. This one is driven into delivery through the real service, by the database's own
// users, with the test suite's builder.
import type { Caller } from "../../app/initiatives/access.server.ts";
import type { Role } from "../../app/auth/roles.ts";
import { db } from "../../app/utils/db.server.ts";
import { initiativeIn, type Callers } from "../../tests/factories/initiatives.ts";

export async function initiativeInDelivery(): Promise<string> {
  const users = await db.user.findMany({
    where: { email: { endsWith: "@bench.gov.hk" } },
    select: { id: true, email: true, role: true, bureauCode: true, divisionCode: true },
  });
  const by = (email: string): Caller => {
    const u = users.find((r) => r.email === email);
    if (!u) throw new Error(`no user ${email} in the growth database`);
    return { id: u.id, role: u.role as Role, bureauCode: u.bureauCode, divisionCode: u.divisionCode };
  };
  const officer = by("officer.immd@bench.gov.hk");
  const leader = by("leader@bench.gov.hk");
  const callers: Callers = {
    itb: officer,
    immd: officer,
    dg: by("reviewer.digital_government@bench.gov.hk"),
    dgov: by("reviewer.data_governance@bench.gov.hk"),
    di: by("reviewer.digital_infrastructure@bench.gov.hk"),
    leader,
    admin: leader,
  };
  return initiativeIn("delivery", callers, { owner: officer });
}

/**
 * Naming, ending and listing acting reviewers. A reviewer or leader names a delegate for a period of their
 * own; an administrator may name one for an absent reviewer or leader. Each creation and ending writes an
 * audit entry in the same transaction; using one is recorded on the entry of the decision it was used for
 * (send-event.server.ts). Bad input is a 422 with a message that says what to do, and writes nothing.
 */
import { appendAuditEvent } from "~/audit/audit.server.ts";
import { NO_ROLE } from "~/auth/roles.ts";
import { hongKongDate } from "~/calendar/hong-kong.ts";
import type { SessionUser } from "~/auth/session.server.ts";
import type { MessageKey } from "~/i18n/t.ts";
import type { Tx } from "~/initiatives/versioning.server.ts";
import { db } from "~/utils/db.server.ts";
import { fieldErrorsOf } from "~/utils/field-errors.ts";
import { HttpError } from "~/utils/http.server.ts";
import { delegationSchema, delegationStatus, isActingRole, type DelegationStatus } from "./delegation.schema.ts";

export type Actor = Pick<SessionUser, "id" | "role" | "email">;
type Options = { now?: Date };

const PERSON = { id: true, name: true, email: true, role: true, divisionCode: true, disabledAt: true } as const;
const DELEGATION = {
  id: true,
  from: true,
  until: true,
  endedAt: true,
  createdAt: true,
  createdById: true,
  endedById: true,
  delegator: { select: { id: true, name: true, email: true, divisionCode: true } },
  delegate: { select: { id: true, name: true, email: true, divisionCode: true } },
} as const;

export type DelegationView = {
  id: string;
  delegator: { name: string; email: string; divisionCode: string | null };
  delegate: { name: string; email: string; divisionCode: string | null };
  from: string;
  until: string;
  status: DelegationStatus;
  /** Set by an administrator rather than by the delegator. */
  byAdministrator: boolean;
  createdAt: Date;
  endedAt: Date | null;
};

type Row = {
  id: string;
  from: string;
  until: string;
  endedAt: Date | null;
  createdAt: Date;
  createdById: string;
  delegator: { id: string; name: string; email: string; divisionCode: string | null };
  delegate: { id: string; name: string; email: string; divisionCode: string | null };
};

function view(row: Row, today: string): DelegationView {
  const person = ({ name, email, divisionCode }: Row["delegator"]) => ({ name, email, divisionCode });
  return {
    id: row.id,
    delegator: person(row.delegator),
    delegate: person(row.delegate),
    from: row.from,
    until: row.until,
    status: delegationStatus(row, today),
    byAdministrator: row.createdById !== row.delegator.id,
    createdAt: row.createdAt,
    endedAt: row.endedAt,
  };
}

/** What a field in error asks of the user; the error's message says why. */
const FIELD_HINT = {
  delegate: "delegations.errors.chooseDelegate",
  delegator: "delegations.errors.chooseDelegator",
  from: "delegations.errors.chooseDates",
} as const;

const invalid = (key: MessageKey, field: keyof typeof FIELD_HINT, values?: Record<string, string>) =>
  new HttpError(422, { key, ...(values ? { values } : {}) }, { [field]: [FIELD_HINT[field]] });

/**
 * Names an acting reviewer. The caller is the delegator, or an administrator naming `delegator`. Refused:
 * officers and users awaiting access (403); someone other than the delegator naming one (403: a delegate
 * cannot pass on what they hold); a delegate who is not another active reviewer or leader, a period that
 * starts in the past, overlaps the delegator's own standing delegation, falls while the delegator acts for
 * someone else, or while the delegate is away themselves (422).
 */
export async function createDelegation(actor: Actor, input: unknown, opts: Options = {}): Promise<DelegationView> {
  const now = opts.now ?? new Date();
  const today = hongKongDate(now);
  const admin = actor.role === "ADMIN";
  if (!admin && !isActingRole(actor.role)) throw new HttpError(403, { key: "delegations.problems.cannotDelegate" });
  const parsed = delegationSchema.safeParse(input);
  if (!parsed.success) {
    throw new HttpError(422, { key: "delegations.problems.hasErrors" }, fieldErrorsOf(parsed.error));
  }
  const v = parsed.data;
  if (admin && !v.delegator) throw invalid("delegations.problems.delegatorRequired", "delegator");
  if (!admin && v.delegator && v.delegator !== actor.email.toLowerCase()) {
    throw new HttpError(403, { key: "delegations.problems.onlyOwn" });
  }
  if (v.from < today) throw invalid("delegations.problems.startsInPast", "from", { today });

  return db.$transaction(async (tx) => {
    const delegator = await tx.user.findUnique({
      where: { email: admin ? v.delegator! : actor.email.toLowerCase() },
      select: PERSON,
    });
    if (!delegator || delegator.disabledAt || !isActingRole(delegator.role)) {
      throw invalid("delegations.problems.delegatorNotEligible", "delegator", { email: v.delegator ?? actor.email });
    }
    const delegate = await tx.user.findUnique({ where: { email: v.delegate }, select: PERSON });
    if (!delegate || delegate.disabledAt) {
      throw invalid("delegations.problems.noSuchDelegate", "delegate", { email: v.delegate });
    }
    if (delegate.id === delegator.id) throw invalid("delegations.problems.notYourself", "delegate");
    if (!isActingRole(delegate.role)) {
      throw invalid("delegations.problems.delegateNotEligible", "delegate", { name: delegate.name });
    }
    await refuseOverlaps(tx, delegator, delegate, v.from, v.until);
    const created = await tx.delegation.create({
      data: {
        delegatorId: delegator.id,
        delegateId: delegate.id,
        from: v.from,
        until: v.until,
        createdById: actor.id,
        createdAt: now,
        updatedAt: now,
      },
      select: DELEGATION,
    });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      actorRole: actor.role,
      event: "DELEGATION_CREATED",
      payload: {
        delegationId: created.id,
        delegatorId: delegator.id,
        delegateId: delegate.id,
        from: v.from,
        until: v.until,
        ...(delegator.divisionCode ? { division: delegator.divisionCode } : {}),
      },
      createdAt: now,
    });
    return view(created, today);
  });
}

type Person = { id: string; name: string };

/** Standing (not ended, not yet expired) delegations that would clash with a new one. */
async function refuseOverlaps(tx: Tx, delegator: Person, delegate: Person, from: string, until: string) {
  // Standing ones only: an ended delegation lends nothing, and `from` is never before today.
  const overlapping = (where: object) =>
    tx.delegation.findFirst({
      where: { ...where, endedAt: null, from: { lte: until }, until: { gte: from } },
      select: { from: true, until: true, delegator: { select: { name: true } }, delegate: { select: { name: true } } },
    });
  // One acting reviewer at a time: two would decide the same queue with nobody knowing who answers for it.
  const own = await overlapping({ delegatorId: delegator.id });
  if (own) {
    throw invalid("delegations.problems.overlaps", "from", {
      name: own.delegate.name,
      from: own.from,
      until: own.until,
    });
  }
  // A delegate cannot pass it on: while the delegator acts for someone else, that work would go unseen.
  const holds = await overlapping({ delegateId: delegator.id });
  if (holds) {
    throw invalid("delegations.problems.cannotPassOn", "from", {
      name: holds.delegator.name,
      from: holds.from,
      until: holds.until,
    });
  }
  // Nor can one stand in for someone while being away oneself.
  const away = await overlapping({ delegatorId: delegate.id });
  if (away) {
    throw invalid("delegations.problems.delegateAway", "delegate", {
      name: delegate.name,
      from: away.from,
      until: away.until,
    });
  }
}

/**
 * Ends a delegation now (or cancels one that has not begun). The delegator, the delegate (who may hand it
 * back) and administrators may; anyone else gets a 404, as if it did not exist. Ending one that has already
 * ended or expired is a 409.
 */
export async function endDelegation(actor: Actor, id: string, opts: Options = {}): Promise<DelegationView> {
  const now = opts.now ?? new Date();
  const today = hongKongDate(now);
  return db.$transaction(async (tx) => {
    const row = await tx.delegation.findUnique({ where: { id }, select: DELEGATION });
    const mine = row && (row.delegator.id === actor.id || row.delegate.id === actor.id);
    if (!row || (!mine && actor.role !== "ADMIN")) throw new HttpError(404, { key: "delegations.problems.notFound" });
    const status = delegationStatus(row, today);
    if (status === "ENDED" || status === "EXPIRED") {
      throw new HttpError(409, { key: "delegations.problems.alreadyOver" });
    }
    const ended = await tx.delegation.updateMany({
      where: { id, endedAt: null },
      data: { endedAt: now, endedById: actor.id, updatedAt: now },
    });
    if (ended.count === 0) throw new HttpError(409, { key: "delegations.problems.alreadyOver" });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      actorRole: actor.role,
      event: "DELEGATION_ENDED",
      payload: {
        delegationId: id,
        delegatorId: row.delegator.id,
        delegateId: row.delegate.id,
        from: row.from,
        until: row.until,
        ...(status === "UPCOMING" ? { beforeItBegan: true } : {}),
      },
      createdAt: now,
    });
    return view({ ...row, endedAt: now }, today);
  });
}

/** A user's delegations, given and received, newest first (ended and expired ones too, for the record). */
export async function listDelegations(userId: string, opts: Options & { take?: number } = {}) {
  const today = hongKongDate(opts.now ?? new Date());
  const take = opts.take ?? 20;
  const [given, received] = await Promise.all([
    db.delegation.findMany({
      where: { delegatorId: userId },
      orderBy: { createdAt: "desc" },
      take,
      select: DELEGATION,
    }),
    db.delegation.findMany({
      where: { delegateId: userId },
      orderBy: { createdAt: "desc" },
      take,
      select: DELEGATION,
    }),
  ]);
  return { given: given.map((r) => view(r, today)), received: received.map((r) => view(r, today)) };
}

/** Anyone with a role may list (and end) their own; a user still awaiting access has none (403). */
export function requireDelegationsUser<U extends { role: string }>(user: U): U {
  if (user.role === NO_ROLE) throw new HttpError(403, { key: "delegations.problems.cannotDelegate" });
  return user;
}

/** The user an administrator asks about, by e-mail; 404 when there is none. */
export async function userIdByEmail(email: string): Promise<string> {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
  if (!user) throw new HttpError(404, { key: "problems.noSuchUser" });
  return user.id;
}

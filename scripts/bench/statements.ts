// The rows the generated portfolio writes: prepared INSERT statements for each table, unique ids, and
// stand-ins for the long text columns.
import type { Database } from "better-sqlite3";

const DAY = 86_400_000;

/** An instant as Prisma stores a DateTime in SQLite. */
export const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
/** Days between two instants as the database stores them (whole milliseconds), as the service computes them. */
export const daysBetweenStored = (from: number, to: number) => (Math.trunc(to) - Math.trunc(from)) / DAY;

let idCounter = 0;
/** A cuid-sized (25 characters) unique id. */
export const newId = () => `cb${(idCounter++).toString(36).padStart(10, "0")}${"x".repeat(13)}`;

// Text as long as the real columns hold (measured on the seeded demo portfolio), so that rows and pages
// are as heavy as in production: the snapshot ~650 characters, the summary ~300, a round's proposal ~1,100.
export const SUMMARY =
  "Replace the paper-based process with an online service that lets residents apply, upload documents, pay and follow progress, integrated with the department's case management system and the government's identity service. "
    .repeat(2)
    .slice(0, 300);
/** A stand-in of the real snapshot's size: the dashboard never reads it. */
export const snapshotOf = (value: string) =>
  JSON.stringify({
    machineVersion: 1,
    status: value === "closed" || value === "rejected" || value === "withdrawn" ? "done" : "active",
    value,
    historyValue: {},
    children: {},
    context: { filler: "c".repeat(520) },
  });
export const PROPOSAL = JSON.stringify({
  titleEn: "Digital initiative",
  summary: SUMMARY,
  milestones: [],
  filler: "p".repeat(700),
});

const insert = (w: Database, table: string, columns: string[]) =>
  w.prepare(
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES (${columns.map(() => "?").join(",")})`,
  );

export function prepareStatements(w: Database) {
  return {
    user: insert(w, "User", [
      ...["id", "email", "name", "role", "bureauCode", "divisionCode", "passwordHash", "locale"],
      ...["createdAt", "updatedAt"],
    ]),
    initiative: insert(w, "Initiative", [
      ...["id", "ref", "refYear", "refSeq", "bureauCode", "createdById", "titleEn", "titleZh", "category"],
      ...["leadDivision", "summary", "handlesPersonalData", "sharesDataAcrossBureaux", "needsNewInfrastructure"],
      ...["citizenFacing", "nonRecurrentCost", "recurrentCost", "expectedAnnualSavings", "expectedStaffHoursSaved"],
      ...["plannedStart", "plannedEnd", "snapshot", "machineVersion", "stage", "substate", "requiredDivisions"],
      ...["pendingSignoffs", "round", "version", "financialYear", "submittedAt", "stageEnteredAt", "fundedAmount"],
      ...["realisedAnnualSavings", "realisedStaffHoursSaved", "createdAt", "updatedAt"],
    ]),
    round: insert(w, "SubmissionRound", [
      ...["id", "initiativeId", "round", "proposal", "submittedById", "createdAt", "updatedAt"],
    ]),
    signoff: insert(w, "Signoff", [
      ...["id", "initiativeId", "round", "division", "decision", "reasonCode", "reason", "comment", "reviewerId"],
      ...["decidedAt", "reviewDays", "financialYear", "bureauCode", "leadDivision", "category", "requiredDivisions"],
      ...["createdAt", "updatedAt"],
    ]),
    stay: insert(w, "StageStay", [
      ...["id", "initiativeId", "stage", "enteredAt", "leftAt", "days", "submitted", "financialYear", "bureauCode"],
      ...["leadDivision", "category", "requiredDivisions", "createdAt", "updatedAt"],
    ]),
    funding: insert(w, "FundingDecision", [
      ...["id", "initiativeId", "decision", "route", "amount", "paperRef", "decisionDate", "reasonCode", "reason"],
      ...["deciderId", "createdAt", "updatedAt"],
    ]),
    milestone: insert(w, "Milestone", [
      ...["id", "initiativeId", "position", "name", "due", "status", "actualDate", "createdAt", "updatedAt"],
    ]),
    condition: insert(w, "Condition", [
      ...["id", "initiativeId", "key", "division", "round", "text", "due", "status", "metNote", "metAt", "metById"],
      ...["createdAt", "updatedAt"],
    ]),
    benefit: insert(w, "BenefitReport", [
      ...["id", "initiativeId", "realisedAnnualSavings", "realisedStaffHoursSaved", "note", "reportedById"],
      ...["createdAt", "updatedAt"],
    ]),
    audit: insert(w, "AuditEvent", [
      ...["seq", "initiativeId", "actorId", "actorRole", "event", "fromState", "toState", "payload", "createdAt"],
      ...["prevHash", "hash"],
    ]),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;

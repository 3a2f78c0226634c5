-- Time in each stage and review times as data written by the transition itself (StageStay, Signoff.reviewDays),
-- so that the dashboard's percentiles are index walks instead of a LEAD window over every audit entry and a sort
-- of every sign-off. Generated with `prisma migrate diff` from the previous schema, then BACKFILLED by hand:
-- existing databases get the stays and review times of every transition made before this migration, computed
-- exactly as the dashboard computed them until now (see the comments at each INSERT).
--
-- The backfill is plain SQL (window functions: SQLite >= 3.25, PostgreSQL) but for one expression, the
-- difference of two timestamps in days, rounded to the millisecond as the service computes it:
--   SQLite:      ROUND((julianday(b) - julianday(a)) * 86400000) / 86400000.0
--   PostgreSQL:  ROUND(EXTRACT(EPOCH FROM (b - a)) * 1000) / 86400000.0
-- (The table redefinition below is Prisma's SQLite idiom for adding NOT NULL columns.)

-- CreateTable
CREATE TABLE "StageStay" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "initiativeId" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "enteredAt" DATETIME NOT NULL,
    "leftAt" DATETIME,
    "days" REAL,
    "submitted" BOOLEAN NOT NULL DEFAULT false,
    "financialYear" TEXT NOT NULL,
    "bureauCode" TEXT NOT NULL,
    "leadDivision" TEXT,
    "category" TEXT,
    "requiredDivisions" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "StageStay_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Backfill StageStay: one stay per change of stage in each initiative's audit log. An entry changes the stage
-- when it creates the initiative (no fromState) or its labels differ and are not two substates of delivery
-- (`delivery.inProgress` → `delivery.onHold` is a pause within one stage). The stay ends at the initiative's
-- next change of stage (LEAD in `seq` order); the last one is open (the current stage, or a final stage).
-- The copies of the filter columns are the initiative's current values, as the service keeps them. Each row's
-- createdAt/updatedAt are those the service would have written: entered, and left (or entered while open).
INSERT INTO "StageStay" ("id", "initiativeId", "stage", "enteredAt", "leftAt", "days", "submitted", "financialYear",
    "bureauCode", "leadDivision", "category", "requiredDivisions", "createdAt", "updatedAt")
SELECT 'stay' || v."seq", v."initiativeId", v."stage", v."enteredAt", v."leftAt",
    CASE WHEN v."leftAt" IS NULL THEN NULL
         ELSE ROUND((julianday(v."leftAt") - julianday(v."enteredAt")) * 86400000) / 86400000.0 END,
    i."round" > 0, i."financialYear", i."bureauCode", i."leadDivision", i."category", i."requiredDivisions",
    v."enteredAt", COALESCE(v."leftAt", v."enteredAt")
FROM (
    SELECT a."seq", a."initiativeId",
        CASE WHEN a."toState" LIKE 'delivery.%' THEN 'delivery' ELSE a."toState" END AS "stage",
        a."createdAt" AS "enteredAt",
        LEAD(a."createdAt") OVER (PARTITION BY a."initiativeId" ORDER BY a."seq") AS "leftAt"
    FROM "AuditEvent" a
    WHERE a."initiativeId" IS NOT NULL
      AND a."toState" IS NOT NULL
      AND (a."fromState" IS NULL
           OR (a."fromState" <> a."toState" AND NOT (a."fromState" LIKE 'delivery.%' AND a."toState" LIKE 'delivery.%')))
) v
JOIN "Initiative" i ON i."id" = v."initiativeId";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Signoff" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "initiativeId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "division" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "reasonCode" TEXT,
    "reason" TEXT,
    "comment" TEXT,
    "reviewerId" TEXT NOT NULL,
    "decidedAt" DATETIME NOT NULL,
    "reviewDays" REAL,
    "financialYear" TEXT NOT NULL,
    "bureauCode" TEXT NOT NULL,
    "leadDivision" TEXT,
    "category" TEXT,
    "requiredDivisions" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Signoff_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Backfill Signoff: the review time is the days from the start of the sign-off's round (its SubmissionRound's
-- createdAt, i.e. the submission) to the decision, as the dashboard computed it until now; the filter columns
-- are copies of the initiative's. LEFT JOIN: a sign-off without its initiative would fail NOT NULL loudly
-- rather than vanish.
INSERT INTO "new_Signoff" ("comment", "createdAt", "decidedAt", "decision", "division", "id", "initiativeId", "reason",
    "reasonCode", "reviewerId", "round", "updatedAt", "reviewDays", "financialYear", "bureauCode", "leadDivision",
    "category", "requiredDivisions")
SELECT s."comment", s."createdAt", s."decidedAt", s."decision", s."division", s."id", s."initiativeId", s."reason",
    s."reasonCode", s."reviewerId", s."round", s."updatedAt",
    (SELECT ROUND((julianday(s."decidedAt") - julianday(r."createdAt")) * 86400000) / 86400000.0
       FROM "SubmissionRound" r WHERE r."initiativeId" = s."initiativeId" AND r."round" = s."round"),
    i."financialYear", i."bureauCode", i."leadDivision", i."category", i."requiredDivisions"
FROM "Signoff" s
LEFT JOIN "Initiative" i ON i."id" = s."initiativeId";
DROP TABLE "Signoff";
ALTER TABLE "new_Signoff" RENAME TO "Signoff";
CREATE INDEX "Signoff_initiativeId_round_idx" ON "Signoff"("initiativeId", "round");
CREATE INDEX "Signoff_division_decidedAt_idx" ON "Signoff"("division", "decidedAt");
CREATE INDEX "Signoff_dashboard_idx" ON "Signoff"("initiativeId", "round", "division", "decidedAt", "decision", "reasonCode");
CREATE INDEX "Signoff_review_idx" ON "Signoff"("division", "reviewDays");
CREATE INDEX "Signoff_review_reviewer_idx" ON "Signoff"("division", "reviewDays", "leadDivision", "requiredDivisions");
CREATE INDEX "Signoff_review_bureau_idx" ON "Signoff"("bureauCode", "division", "reviewDays", "financialYear", "category", "leadDivision", "requiredDivisions");
CREATE INDEX "Signoff_review_fy_idx" ON "Signoff"("financialYear", "division", "reviewDays", "category", "leadDivision", "requiredDivisions");
CREATE INDEX "Signoff_review_category_idx" ON "Signoff"("category", "division", "reviewDays", "leadDivision", "requiredDivisions");
CREATE INDEX "Signoff_review_lead_idx" ON "Signoff"("leadDivision", "division", "reviewDays", "requiredDivisions");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "StageStay_initiativeId_leftAt_idx" ON "StageStay"("initiativeId", "leftAt");

-- CreateIndex
CREATE INDEX "StageStay_cycle_idx" ON "StageStay"("stage", "submitted", "days");

-- CreateIndex
CREATE INDEX "StageStay_cycle_reviewer_idx" ON "StageStay"("stage", "submitted", "days", "leadDivision", "requiredDivisions");

-- CreateIndex
CREATE INDEX "StageStay_cycle_bureau_idx" ON "StageStay"("bureauCode", "stage", "submitted", "days", "financialYear", "category", "leadDivision", "requiredDivisions");

-- CreateIndex
CREATE INDEX "StageStay_cycle_fy_idx" ON "StageStay"("financialYear", "stage", "submitted", "days", "category", "leadDivision", "requiredDivisions");

-- CreateIndex
CREATE INDEX "StageStay_cycle_category_idx" ON "StageStay"("category", "stage", "submitted", "days", "leadDivision", "requiredDivisions");

-- CreateIndex
CREATE INDEX "StageStay_cycle_lead_idx" ON "StageStay"("leadDivision", "stage", "submitted", "days", "requiredDivisions");


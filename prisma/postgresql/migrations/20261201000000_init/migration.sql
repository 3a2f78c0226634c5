-- PostgreSQL baseline: the schema of prisma/schema.prisma as of the SQLite migrations up to
-- 20261128090000_stage_stays, generated with prisma migrate diff. Later migrations come in pairs: a SQLite
-- folder in prisma/migrations and one of the same name here (see npm run db:drift).

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Bureau" (
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "parentCode" TEXT,
    "nameEn" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Bureau_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Division" (
    "code" TEXT NOT NULL,
    "short" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Division_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "bureauCode" TEXT,
    "divisionCode" TEXT,
    "passwordHash" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "disabledAt" TIMESTAMP(3),
    "noticesSeenAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastActiveAt" TIMESTAMP(3) NOT NULL,
    "userAgent" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastUsedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LoginAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Initiative" (
    "id" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "refYear" INTEGER NOT NULL,
    "refSeq" INTEGER NOT NULL,
    "bureauCode" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "titleEn" TEXT,
    "titleZh" TEXT,
    "category" TEXT,
    "leadDivision" TEXT,
    "summary" TEXT,
    "handlesPersonalData" BOOLEAN NOT NULL DEFAULT false,
    "sharesDataAcrossBureaux" BOOLEAN NOT NULL DEFAULT false,
    "needsNewInfrastructure" BOOLEAN NOT NULL DEFAULT false,
    "citizenFacing" BOOLEAN NOT NULL DEFAULT false,
    "nonRecurrentCost" INTEGER,
    "recurrentCost" INTEGER,
    "expectedAnnualSavings" INTEGER,
    "expectedStaffHoursSaved" INTEGER,
    "plannedStart" TEXT,
    "plannedEnd" TEXT,
    "snapshot" TEXT NOT NULL,
    "machineVersion" INTEGER NOT NULL,
    "stage" TEXT NOT NULL,
    "substate" TEXT,
    "requiredDivisions" TEXT NOT NULL DEFAULT '',
    "pendingSignoffs" TEXT NOT NULL DEFAULT '',
    "round" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,
    "financialYear" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3),
    "stageEnteredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "fundedAmount" INTEGER,
    "realisedAnnualSavings" INTEGER,
    "realisedStaffHoursSaved" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Initiative_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubmissionRound" (
    "id" TEXT NOT NULL,
    "initiativeId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "proposal" TEXT NOT NULL,
    "submittedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SubmissionRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" TEXT NOT NULL,
    "initiativeId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "due" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PLANNED',
    "actualDate" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Signoff" (
    "id" TEXT NOT NULL,
    "initiativeId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "division" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "reasonCode" TEXT,
    "reason" TEXT,
    "comment" TEXT,
    "reviewerId" TEXT NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL,
    "reviewDays" DOUBLE PRECISION,
    "financialYear" TEXT NOT NULL,
    "bureauCode" TEXT NOT NULL,
    "leadDivision" TEXT,
    "category" TEXT,
    "requiredDivisions" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Signoff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StageStay" (
    "id" TEXT NOT NULL,
    "initiativeId" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "enteredAt" TIMESTAMP(3) NOT NULL,
    "leftAt" TIMESTAMP(3),
    "days" DOUBLE PRECISION,
    "submitted" BOOLEAN NOT NULL DEFAULT false,
    "financialYear" TEXT NOT NULL,
    "bureauCode" TEXT NOT NULL,
    "leadDivision" TEXT,
    "category" TEXT,
    "requiredDivisions" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StageStay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Condition" (
    "id" TEXT NOT NULL,
    "initiativeId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "division" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "due" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "metNote" TEXT,
    "metAt" TIMESTAMP(3),
    "metById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Condition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundingDecision" (
    "id" TEXT NOT NULL,
    "initiativeId" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "route" TEXT,
    "amount" INTEGER,
    "paperRef" TEXT,
    "decisionDate" TEXT,
    "reasonCode" TEXT,
    "reason" TEXT,
    "deciderId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FundingDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BenefitReport" (
    "id" TEXT NOT NULL,
    "initiativeId" TEXT NOT NULL,
    "realisedAnnualSavings" INTEGER NOT NULL,
    "realisedStaffHoursSaved" INTEGER NOT NULL,
    "note" TEXT NOT NULL,
    "reportedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BenefitReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL,
    "initiativeId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "seq" SERIAL NOT NULL,
    "initiativeId" TEXT,
    "actorId" TEXT,
    "actorRole" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "fromState" TEXT,
    "toState" TEXT,
    "payload" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_role_idx" ON "User"("role");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE INDEX "LoginAttempt_email_createdAt_idx" ON "LoginAttempt"("email", "createdAt");

-- CreateIndex
CREATE INDEX "LoginAttempt_ip_createdAt_idx" ON "LoginAttempt"("ip", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Initiative_ref_key" ON "Initiative"("ref");

-- CreateIndex
CREATE INDEX "Initiative_bureauCode_updatedAt_idx" ON "Initiative"("bureauCode", "updatedAt");

-- CreateIndex
CREATE INDEX "Initiative_stage_updatedAt_idx" ON "Initiative"("stage", "updatedAt");

-- CreateIndex
CREATE INDEX "Initiative_financialYear_stage_idx" ON "Initiative"("financialYear", "stage");

-- CreateIndex
CREATE INDEX "Initiative_leadDivision_stage_idx" ON "Initiative"("leadDivision", "stage");

-- CreateIndex
CREATE INDEX "Initiative_category_stage_idx" ON "Initiative"("category", "stage");

-- CreateIndex
CREATE INDEX "Initiative_stage_stageEnteredAt_idx" ON "Initiative"("stage", "stageEnteredAt");

-- CreateIndex
CREATE INDEX "Initiative_dashboard_idx" ON "Initiative"("financialYear", "bureauCode", "stage", "leadDivision", "category", "round", "requiredDivisions", "id", "nonRecurrentCost", "fundedAmount", "expectedAnnualSavings", "realisedAnnualSavings", "expectedStaffHoursSaved", "realisedStaffHoursSaved");

-- CreateIndex
CREATE INDEX "SubmissionRound_initiativeId_round_createdAt_idx" ON "SubmissionRound"("initiativeId", "round", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SubmissionRound_initiativeId_round_key" ON "SubmissionRound"("initiativeId", "round");

-- CreateIndex
CREATE INDEX "Milestone_initiativeId_position_idx" ON "Milestone"("initiativeId", "position");

-- CreateIndex
CREATE INDEX "Milestone_status_due_idx" ON "Milestone"("status", "due");

-- CreateIndex
CREATE INDEX "Milestone_initiativeId_status_due_idx" ON "Milestone"("initiativeId", "status", "due");

-- CreateIndex
CREATE INDEX "Signoff_initiativeId_round_idx" ON "Signoff"("initiativeId", "round");

-- CreateIndex
CREATE INDEX "Signoff_division_decidedAt_idx" ON "Signoff"("division", "decidedAt");

-- CreateIndex
CREATE INDEX "Signoff_dashboard_idx" ON "Signoff"("initiativeId", "round", "division", "decidedAt", "decision", "reasonCode");

-- CreateIndex
CREATE INDEX "Signoff_review_idx" ON "Signoff"("division", "reviewDays");

-- CreateIndex
CREATE INDEX "Signoff_review_reviewer_idx" ON "Signoff"("division", "reviewDays", "leadDivision", "requiredDivisions");

-- CreateIndex
CREATE INDEX "Signoff_review_bureau_idx" ON "Signoff"("bureauCode", "division", "reviewDays", "financialYear", "category", "leadDivision", "requiredDivisions");

-- CreateIndex
CREATE INDEX "Signoff_review_fy_idx" ON "Signoff"("financialYear", "division", "reviewDays", "category", "leadDivision", "requiredDivisions");

-- CreateIndex
CREATE INDEX "Signoff_review_category_idx" ON "Signoff"("category", "division", "reviewDays", "leadDivision", "requiredDivisions");

-- CreateIndex
CREATE INDEX "Signoff_review_lead_idx" ON "Signoff"("leadDivision", "division", "reviewDays", "requiredDivisions");

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

-- CreateIndex
CREATE INDEX "Condition_status_due_idx" ON "Condition"("status", "due");

-- CreateIndex
CREATE INDEX "Condition_initiativeId_status_due_idx" ON "Condition"("initiativeId", "status", "due");

-- CreateIndex
CREATE UNIQUE INDEX "Condition_initiativeId_key_key" ON "Condition"("initiativeId", "key");

-- CreateIndex
CREATE INDEX "FundingDecision_initiativeId_createdAt_idx" ON "FundingDecision"("initiativeId", "createdAt");

-- CreateIndex
CREATE INDEX "FundingDecision_decision_createdAt_idx" ON "FundingDecision"("decision", "createdAt");

-- CreateIndex
CREATE INDEX "FundingDecision_initiativeId_decision_reasonCode_amount_idx" ON "FundingDecision"("initiativeId", "decision", "reasonCode", "amount");

-- CreateIndex
CREATE INDEX "BenefitReport_initiativeId_createdAt_idx" ON "BenefitReport"("initiativeId", "createdAt");

-- CreateIndex
CREATE INDEX "Comment_initiativeId_createdAt_idx" ON "Comment"("initiativeId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_prevHash_key" ON "AuditEvent"("prevHash");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_initiativeId_seq_idx" ON "AuditEvent"("initiativeId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_event_createdAt_idx" ON "AuditEvent"("event", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_initiativeId_seq_fromState_toState_createdAt_idx" ON "AuditEvent"("initiativeId", "seq", "fromState", "toState", "createdAt");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_bureauCode_fkey" FOREIGN KEY ("bureauCode") REFERENCES "Bureau"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_divisionCode_fkey" FOREIGN KEY ("divisionCode") REFERENCES "Division"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Initiative" ADD CONSTRAINT "Initiative_bureauCode_fkey" FOREIGN KEY ("bureauCode") REFERENCES "Bureau"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubmissionRound" ADD CONSTRAINT "SubmissionRound_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Signoff" ADD CONSTRAINT "Signoff_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StageStay" ADD CONSTRAINT "StageStay_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Condition" ADD CONSTRAINT "Condition_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingDecision" ADD CONSTRAINT "FundingDecision_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BenefitReport" ADD CONSTRAINT "BenefitReport_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The audit log is append-only in the database too: nothing may change, remove or truncate an entry.
CREATE FUNCTION "AuditEvent_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only' USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "AuditEvent_append_only"();

CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "AuditEvent_append_only"();

CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "AuditEvent_append_only"();

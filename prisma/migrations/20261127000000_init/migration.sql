-- CreateTable
CREATE TABLE "Bureau" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "parentCode" TEXT,
    "nameEn" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Division" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "short" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "bureauCode" TEXT,
    "divisionCode" TEXT,
    "passwordHash" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "disabledAt" DATETIME,
    "noticesSeenAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "User_bureauCode_fkey" FOREIGN KEY ("bureauCode") REFERENCES "Bureau" ("code") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "User_divisionCode_fkey" FOREIGN KEY ("divisionCode") REFERENCES "Division" ("code") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "lastActiveAt" DATETIME NOT NULL,
    "userAgent" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "lastUsedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Initiative" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "submittedAt" DATETIME,
    "stageEnteredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "fundedAmount" INTEGER,
    "realisedAnnualSavings" INTEGER,
    "realisedStaffHoursSaved" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Initiative_bureauCode_fkey" FOREIGN KEY ("bureauCode") REFERENCES "Bureau" ("code") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SubmissionRound" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "initiativeId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "proposal" TEXT NOT NULL,
    "submittedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SubmissionRound_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "initiativeId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "due" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PLANNED',
    "actualDate" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Milestone_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Signoff" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Signoff_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Condition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "initiativeId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "division" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "due" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "metNote" TEXT,
    "metAt" DATETIME,
    "metById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Condition_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FundingDecision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "initiativeId" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "route" TEXT,
    "amount" INTEGER,
    "paperRef" TEXT,
    "decisionDate" TEXT,
    "reasonCode" TEXT,
    "reason" TEXT,
    "deciderId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "FundingDecision_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BenefitReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "initiativeId" TEXT NOT NULL,
    "realisedAnnualSavings" INTEGER NOT NULL,
    "realisedStaffHoursSaved" INTEGER NOT NULL,
    "note" TEXT NOT NULL,
    "reportedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "BenefitReport_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "initiativeId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Comment_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "initiativeId" TEXT,
    "actorId" TEXT,
    "actorRole" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "fromState" TEXT,
    "toState" TEXT,
    "payload" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
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
CREATE UNIQUE INDEX "SubmissionRound_initiativeId_round_key" ON "SubmissionRound"("initiativeId", "round");

-- CreateIndex
CREATE INDEX "Milestone_initiativeId_position_idx" ON "Milestone"("initiativeId", "position");

-- CreateIndex
CREATE INDEX "Milestone_status_due_idx" ON "Milestone"("status", "due");

-- CreateIndex
CREATE INDEX "Signoff_initiativeId_round_idx" ON "Signoff"("initiativeId", "round");

-- CreateIndex
CREATE INDEX "Signoff_division_decidedAt_idx" ON "Signoff"("division", "decidedAt");

-- CreateIndex
CREATE INDEX "Condition_status_due_idx" ON "Condition"("status", "due");

-- CreateIndex
CREATE UNIQUE INDEX "Condition_initiativeId_key_key" ON "Condition"("initiativeId", "key");

-- CreateIndex
CREATE INDEX "FundingDecision_initiativeId_createdAt_idx" ON "FundingDecision"("initiativeId", "createdAt");

-- CreateIndex
CREATE INDEX "FundingDecision_decision_createdAt_idx" ON "FundingDecision"("decision", "createdAt");

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


-- The audit log is append-only in the database too: nothing may change or remove an entry.
CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
BEGIN
  SELECT RAISE(ABORT, 'AuditEvent is append-only');
END;

CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
BEGIN
  SELECT RAISE(ABORT, 'AuditEvent is append-only');
END;

-- Covering indexes for the leadership dashboard (app/dashboard): each aggregate reads an index alone instead
-- of the rows (see the /// comments in schema.prisma for the query each one serves).

-- CreateIndex
CREATE INDEX "Initiative_dashboard_idx" ON "Initiative"("financialYear", "bureauCode", "stage", "leadDivision", "category", "round", "requiredDivisions", "id", "nonRecurrentCost", "fundedAmount", "expectedAnnualSavings", "realisedAnnualSavings", "expectedStaffHoursSaved", "realisedStaffHoursSaved");

-- CreateIndex
CREATE INDEX "SubmissionRound_initiativeId_round_createdAt_idx" ON "SubmissionRound"("initiativeId", "round", "createdAt");

-- CreateIndex
CREATE INDEX "Milestone_initiativeId_status_due_idx" ON "Milestone"("initiativeId", "status", "due");

-- CreateIndex
CREATE INDEX "Signoff_dashboard_idx" ON "Signoff"("initiativeId", "round", "division", "decidedAt", "decision", "reasonCode");

-- CreateIndex
CREATE INDEX "Condition_initiativeId_status_due_idx" ON "Condition"("initiativeId", "status", "due");

-- CreateIndex
CREATE INDEX "FundingDecision_initiativeId_decision_reasonCode_amount_idx" ON "FundingDecision"("initiativeId", "decision", "reasonCode", "amount");

-- CreateIndex
CREATE INDEX "AuditEvent_initiativeId_seq_fromState_toState_createdAt_idx" ON "AuditEvent"("initiativeId", "seq", "fromState", "toState", "createdAt");

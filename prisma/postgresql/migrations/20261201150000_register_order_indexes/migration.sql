-- DropIndex
DROP INDEX "Initiative_bureauCode_updatedAt_idx";

-- DropIndex
DROP INDEX "Initiative_stage_updatedAt_idx";

-- CreateIndex
CREATE INDEX "Initiative_updatedAt_ref_round_idx" ON "Initiative"("updatedAt" DESC, "ref", "round");

-- CreateIndex
CREATE INDEX "Initiative_bureauCode_updatedAt_ref_round_idx" ON "Initiative"("bureauCode", "updatedAt" DESC, "ref", "round");

-- CreateIndex
CREATE INDEX "Initiative_stage_updatedAt_ref_round_idx" ON "Initiative"("stage", "updatedAt" DESC, "ref", "round");

-- CreateIndex
CREATE INDEX "Initiative_financialYear_updatedAt_ref_round_idx" ON "Initiative"("financialYear", "updatedAt" DESC, "ref", "round");

-- CreateIndex
CREATE INDEX "Initiative_leadDivision_updatedAt_ref_round_idx" ON "Initiative"("leadDivision", "updatedAt" DESC, "ref", "round");

-- CreateIndex
CREATE INDEX "Initiative_category_updatedAt_ref_round_idx" ON "Initiative"("category", "updatedAt" DESC, "ref", "round");

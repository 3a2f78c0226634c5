-- AlterTable
ALTER TABLE "Initiative" ADD COLUMN     "baseline" INTEGER NOT NULL DEFAULT 0;

-- Backfill: every initiative funded before change requests existed is on baseline 1, the plan as funded
-- (nothing could change a funded plan until now). Its Baseline row is written when it is first needed.
UPDATE "Initiative" SET "baseline" = 1 WHERE "fundedAmount" IS NOT NULL;

-- CreateTable
CREATE TABLE "ChangeRequest" (
    "id" TEXT NOT NULL,
    "initiativeId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "plannedEnd" TEXT,
    "milestones" TEXT,
    "additionalFunding" INTEGER NOT NULL DEFAULT 0,
    "grantedFunding" INTEGER,
    "requestedById" TEXT NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionReason" TEXT,
    "reasonCode" TEXT,
    "paperRef" TEXT,
    "decisionDate" TEXT,
    "baseline" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChangeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Baseline" (
    "id" TEXT NOT NULL,
    "initiativeId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "plannedEnd" TEXT,
    "milestones" TEXT NOT NULL,
    "budget" INTEGER NOT NULL,
    "changeRequestId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Baseline_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChangeRequest_status_reasonCode_idx" ON "ChangeRequest"("status", "reasonCode");

-- CreateIndex
CREATE UNIQUE INDEX "ChangeRequest_initiativeId_number_key" ON "ChangeRequest"("initiativeId", "number");

-- CreateIndex
CREATE INDEX "Baseline_number_initiativeId_idx" ON "Baseline"("number", "initiativeId");

-- CreateIndex
CREATE UNIQUE INDEX "Baseline_initiativeId_number_key" ON "Baseline"("initiativeId", "number");

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Baseline" ADD CONSTRAINT "Baseline_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "StatusReport" (
    "id" TEXT NOT NULL,
    "initiativeId" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "periodEnd" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "rag" TEXT NOT NULL,
    "percentComplete" INTEGER NOT NULL,
    "spendToDate" INTEGER NOT NULL,
    "fundedAmount" INTEGER NOT NULL,
    "overspent" BOOLEAN NOT NULL,
    "note" TEXT NOT NULL,
    "risks" TEXT,
    "reportedById" TEXT NOT NULL,
    "reportedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StatusReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StatusReport_initiativeId_quarter_key" ON "StatusReport"("initiativeId", "quarter");

-- AddForeignKey
ALTER TABLE "StatusReport" ADD CONSTRAINT "StatusReport_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative"("id") ON DELETE CASCADE ON UPDATE CASCADE;

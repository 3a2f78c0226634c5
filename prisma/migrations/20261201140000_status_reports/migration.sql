-- CreateTable
CREATE TABLE "StatusReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "reportedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "StatusReport_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "StatusReport_initiativeId_quarter_key" ON "StatusReport"("initiativeId", "quarter");


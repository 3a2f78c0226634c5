-- CreateTable
CREATE TABLE "Delegation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "delegatorId" TEXT NOT NULL,
    "delegateId" TEXT NOT NULL,
    "from" TEXT NOT NULL,
    "until" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "endedAt" DATETIME,
    "endedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Delegation_delegatorId_fkey" FOREIGN KEY ("delegatorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Delegation_delegateId_fkey" FOREIGN KEY ("delegateId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Delegation_delegateId_endedAt_idx" ON "Delegation"("delegateId", "endedAt");

-- CreateIndex
CREATE INDEX "Delegation_delegatorId_endedAt_idx" ON "Delegation"("delegatorId", "endedAt");


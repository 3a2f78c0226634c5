-- CreateTable
CREATE TABLE "FundingRound" (
    "id" TEXT NOT NULL,
    "fy" TEXT NOT NULL,
    "envelope" INTEGER NOT NULL,
    "bidDeadline" TEXT NOT NULL,
    "decisionDate" TEXT NOT NULL,
    "criteria" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "openedById" TEXT NOT NULL,
    "finalisedAt" TIMESTAMP(3),
    "finalisedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FundingRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundingBid" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "initiativeId" TEXT NOT NULL,
    "submissionRound" INTEGER NOT NULL,
    "requested" INTEGER NOT NULL,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "urgentReason" TEXT,
    "override" TEXT,
    "overrideReason" TEXT,
    "outcome" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FundingBid_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BidScore" (
    "id" TEXT NOT NULL,
    "bidId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "division" TEXT NOT NULL,
    "advisory" BOOLEAN NOT NULL DEFAULT false,
    "scores" TEXT NOT NULL,
    "comments" TEXT NOT NULL DEFAULT '{}',
    "total" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BidScore_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FundingRound_fy_key" ON "FundingRound"("fy");

-- CreateIndex
CREATE INDEX "FundingBid_initiativeId_createdAt_idx" ON "FundingBid"("initiativeId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "FundingBid_roundId_initiativeId_key" ON "FundingBid"("roundId", "initiativeId");

-- CreateIndex
CREATE UNIQUE INDEX "BidScore_bidId_reviewerId_key" ON "BidScore"("bidId", "reviewerId");

-- AddForeignKey
ALTER TABLE "FundingBid" ADD CONSTRAINT "FundingBid_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "FundingRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingBid" ADD CONSTRAINT "FundingBid_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BidScore" ADD CONSTRAINT "BidScore_bidId_fkey" FOREIGN KEY ("bidId") REFERENCES "FundingBid"("id") ON DELETE CASCADE ON UPDATE CASCADE;

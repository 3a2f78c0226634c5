// Every query a test runs through Prisma is also compiled as it came, and the kept plan with its values put
// back must be the same plan (query-plan-cache.server.ts): a Prisma upgrade that writes values differently
// fails the suite instead of writing wrong data.
import { comparePlans } from "~/utils/db/query-plan-cache.server.ts";

comparePlans(true);

// Seeds reference data (B/Ds, divisions, settings) and, unless DEMO_DATA=false, the demo accounts and
// a portfolio. Safe to run again: it adds what is missing and changes nothing that exists.
import { seedAdministrator, seedDemoAccounts } from "./accounts.ts";
import { settleDemoInboxes } from "./inboxes.ts";
import { seedPortfolio } from "./portfolio/index.ts";
import { seedReferenceData } from "./reference-data.ts";

export { DEMO_PASSWORD, DEMO_USERS } from "./accounts.ts";

export type SeedOptions = {
  demoData: boolean;
  adminEmail?: string;
  adminPassword?: string;
  /**
   * With demo data, also build the demo portfolio (the default). Tests that need only the demo
   * accounts turn it off: building it sends some 750 events through the service.
   */
  portfolio?: boolean;
};

/** Seeds the database; returns lines to print. */
export async function seed(options: SeedOptions): Promise<string[]> {
  await seedReferenceData();
  if (!options.demoData) return seedAdministrator(options.adminEmail, options.adminPassword);

  const report = await seedDemoAccounts();
  if (options.portfolio !== false) {
    const built = await seedPortfolio();
    if (built > 0) {
      await settleDemoInboxes();
      report.push(`Demo portfolio: ${built} initiatives built through the lifecycle.`);
    }
  }
  return report;
}

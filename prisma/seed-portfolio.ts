/** Builds the demo portfolio through the lifecycle service. Returns how many initiatives it created. */
export async function seedPortfolio(): Promise<number> {
  return 0;
}

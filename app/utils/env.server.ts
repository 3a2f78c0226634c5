import { z } from "zod";
import { DEFAULT_DATABASE_URL, isPostgresUrl } from "./database-url.ts";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"], {
    errorMap: () => ({ message: 'must be "true" or "false"' }),
  })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .default(DEFAULT_DATABASE_URL)
      .refine((v) => v.startsWith("file:") || isPostgresUrl(v), {
        message:
          'must be a SQLite URL such as "file:./data/initiative-tracker.db" or a PostgreSQL URL such as "postgresql://user:password@host:5432/database"',
      }),
    /** How long a write waits for a lock held by another process before answering 503. */
    DATABASE_BUSY_TIMEOUT_MS: z.coerce
      .number({ invalid_type_error: "must be a number of milliseconds" })
      .int("must be a whole number of milliseconds")
      .min(0, "must be 0 or more")
      .max(600_000, "must be at most 600000 (10 minutes)")
      .default(5000),
    /**
     * SQLite only: worker threads that answer reads outside transactions, each with its own read-only
     * connection, so that a heavy read does not stall other requests. 0 answers every read on the main thread.
     */
    SQLITE_READ_WORKERS: z.coerce
      .number({ invalid_type_error: "must be a number" })
      .int("must be a whole number")
      .min(0, "must be between 0 and 16")
      .max(16, "must be between 0 and 16")
      .default(2),
    /** Load shedding (load-shedding.server.ts): requests worked on at once, waiting, and how long they wait. */
    REQUEST_CONCURRENCY: z.coerce
      .number({ invalid_type_error: "must be a number" })
      .int("must be a whole number")
      .min(1, "must be 1 or more")
      .default(64),
    REQUEST_QUEUE_LIMIT: z.coerce
      .number({ invalid_type_error: "must be a number" })
      .int("must be a whole number")
      .min(0, "must be 0 or more")
      .default(256),
    REQUEST_QUEUE_TIMEOUT_MS: z.coerce
      .number({ invalid_type_error: "must be a number of milliseconds" })
      .int("must be a whole number of milliseconds")
      .min(1, "must be 1 or more")
      .default(10_000),
    PORT: z.coerce
      .number({ invalid_type_error: "must be a number" })
      .int("must be a whole number")
      .min(1, "must be between 1 and 65535")
      .max(65535, "must be between 1 and 65535")
      .default(3000),
    SESSION_SECRET: z.string().optional(),
    DEMO_DATA: booleanFlag.default("true"),
    ADMIN_EMAIL: z.string().email("must be an email address").default("admin@dpo.gov.hk"),
    ADMIN_PASSWORD: z.string().optional(),
    /** The largest attachment accepted, in MB. */
    ATTACHMENT_MAX_MB: z.coerce
      .number({ invalid_type_error: "must be a number" })
      .int("must be a whole number")
      .min(1, "must be between 1 and 200")
      .max(200, "must be between 1 and 200")
      .default(20),
    /** Proposals asking for more than this (HK$) cannot be submitted without a business case. */
    BUSINESS_CASE_THRESHOLD: z.coerce
      .number({ invalid_type_error: "must be a number" })
      .int("must be a whole number")
      .min(0, "must not be negative")
      .default(10_000_000),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production") {
      if (!env.SESSION_SECRET) {
        ctx.addIssue({
          code: "custom",
          path: ["SESSION_SECRET"],
          message:
            "is required when NODE_ENV=production (a long random string; several may be given, comma-separated, newest first)",
        });
      } else if (env.SESSION_SECRET.split(",")[0]!.length < 32) {
        ctx.addIssue({
          code: "custom",
          path: ["SESSION_SECRET"],
          message: "must be at least 32 characters in production",
        });
      }
    }
    if (!env.DEMO_DATA && env.ADMIN_PASSWORD !== undefined && env.ADMIN_PASSWORD.length < 12) {
      ctx.addIssue({
        code: "custom",
        path: ["ADMIN_PASSWORD"],
        message: "must be at least 12 characters",
      });
    }
  });

export type Env = z.infer<typeof envSchema> & { sessionSecrets: string[] };

/** Thrown with one line per problem, so that a misconfigured server says exactly what to fix. */
export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Validates an environment (process.env by default). Blank values count as unset. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`));
  }
  const env = result.data;
  // Outside production a fixed secret keeps development sessions across restarts; it is never used in production.
  const sessionSecrets = env.SESSION_SECRET
    ? env.SESSION_SECRET.split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : ["development-only-secret-not-for-production"];
  return { ...env, sessionSecrets };
}

let cached: Env | undefined;

/** The validated process environment, read once. */
export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}

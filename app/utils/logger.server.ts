/**
 * The server's one logger: JSON lines (pino) on standard output for the operations team's log
 * collection, at the level that LOG_LEVEL names (`info` by default; `debug`, `warn`, `error`, `silent`…).
 * Secrets never reach the log: passwords, tokens, cookies and authorization headers are replaced by
 * "[redacted]" wherever they appear in a logged object, including the access log's request headers.
 */
import pino, { type DestinationStream, type Level, type Logger } from "pino";

/** Fields that are replaced before a line is written (pino's redaction paths). */
export const REDACTED_PATHS = [
  "password",
  "newPassword",
  "currentPassword",
  "token",
  "accessToken",
  "refreshToken",
  "idToken",
  "secret",
  "cookie",
  "authorization",
  "*.password",
  "*.newPassword",
  "*.currentPassword",
  "*.token",
  "*.accessToken",
  "*.refreshToken",
  "*.idToken",
  "*.secret",
  "*.cookie",
  "*.authorization",
  "req.headers.cookie",
  "req.headers.authorization",
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

const LEVELS = new Set(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

/** LOG_LEVEL when it names a level, else `info`. */
export function configuredLevel(value = process.env.LOG_LEVEL): Level | "silent" {
  const level = value?.trim().toLowerCase();
  return level && LEVELS.has(level) ? (level as Level | "silent") : "info";
}

/** A logger with the app's level, redaction and time format, writing to `destination` (stdout by default). */
export function createLogger(destination?: DestinationStream, level: string = configuredLevel()): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

let logger: Logger | undefined;

/** The process's logger. */
export function getLogger(): Logger {
  logger ??= createLogger();
  return logger;
}

/** Sends every later line to another destination (tests capture the log this way). */
export function setLogDestination(destination: DestinationStream, level?: string): Logger {
  logger = createLogger(destination, level);
  return logger;
}

/**
 * The chat channel: a division's incoming webhook (Microsoft Teams' "MessageCard" JSON, which the DPO's chat
 * tool accepts), configured per division by CHAT_WEBHOOK_DIGITAL_GOVERNMENT, CHAT_WEBHOOK_DATA_GOVERNANCE
 * and CHAT_WEBHOOK_DIGITAL_INFRASTRUCTURE. A webhook's address is its secret: it is never logged or stored
 * in an error, only its host.
 */
import { DIVISIONS, type Division } from "~/lifecycle/divisions.ts";
import { getLogger } from "~/utils/logger.server.ts";

/** The division's webhook address, or null when it has none. */
export function chatWebhookUrl(division: Division): string | null {
  const url = process.env[`CHAT_WEBHOOK_${division}`]?.trim();
  return url ? url : null;
}

/** Divisions with a webhook. */
export function chatDivisions(): Division[] {
  return DIVISIONS.filter((d) => chatWebhookUrl(d) !== null);
}

/** An address safe to show: its scheme and host, never its path or query (where the secret is). */
export function redactWebhook(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return "(invalid webhook address)";
  }
}

export class ChatWebhookError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = "ChatWebhookError";
  }
}

export type ChatOptions = {
  /** Tries in all (default 3): a 5xx answer, a timeout or a broken connection is tried again. */
  attempts?: number;
  /** Per try (default 5 s). */
  timeoutMs?: number;
  /** Before the second try; doubled for each later one (default 500 ms). */
  backoffMs?: number;
};

/**
 * Posts one JSON message. Resolves on a 2xx answer; throws a ChatWebhookError (whose message names only the
 * host) after a 4xx answer, which another try would not change, or when the tries run out.
 */
export async function postChatMessage(url: string, message: unknown, opts: ChatOptions = {}): Promise<void> {
  const attempts = opts.attempts ?? 3;
  const timeoutMs = opts.timeoutMs ?? 5000;
  const where = redactWebhook(url);
  let last = "";
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await new Promise((r) => setTimeout(r, (opts.backoffMs ?? 500) * 2 ** (attempt - 2)));
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(timeoutMs),
      });
      // The answer's body says nothing we use; not awaited, as a mocked stream may never settle its cancel.
      void res.body?.cancel().catch(() => {});
      if (res.ok) return;
      last = `answered ${res.status}`;
      if (res.status < 500 && res.status !== 429) {
        throw new ChatWebhookError(`chat webhook ${where} ${last}`, true);
      }
    } catch (error) {
      if (error instanceof ChatWebhookError) throw error;
      last =
        error instanceof Error && error.name === "TimeoutError" ? `timed out after ${timeoutMs} ms` : "unreachable";
    }
    getLogger().warn({ event: "chat_webhook_retry", host: where, attempt, problem: last }, "chat webhook failed");
  }
  throw new ChatWebhookError(`chat webhook ${where} ${last} (${attempts} tries)`, false);
}

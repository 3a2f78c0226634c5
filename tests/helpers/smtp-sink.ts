// A real SMTP server (the `smtp-server` package) that keeps what it accepts, for tests of the e-mail channel,
// with just enough MIME reading (headers, encoded words, multipart, base64 and quoted-printable) to check
// what a person would read.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = {
  from: string;
  to: string[];
  messageId: string;
  subject: string;
  contentLanguage: string | null;
  text: string;
  html: string;
  raw: string;
};

export type SmtpSink = {
  url: string;
  port: number;
  mails: ReceivedMail[];
  /** Refuse the next n messages with a temporary failure (451). */
  failNext(n: number): void;
  /** Wait this long before accepting each message (so that a sender can be killed mid-send). */
  setDelay(ms: number): void;
  /** Called when a message has been received in full, before it is accepted (the sender still waits). */
  onReceive: ((raw: string) => void) | null;
  close(): Promise<void>;
};

export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  let failures = 0;
  let delay = 0;
  const closed = new Set<string>();
  const sink = { onReceive: null } as { onReceive: ((raw: string) => void) | null };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onClose(session) {
      closed.add(session.id);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (failures > 0) {
          failures--;
          const err = Object.assign(new Error("Try again later"), { responseCode: 451 });
          return callback(err);
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        sink.onReceive?.(raw);
        const accept = () => {
          // A message counts only if the sender is still there to hear that it was accepted (as with any
          // mail server, it is the receiver's only once it said 250).
          if (closed.has(session.id)) return callback();
          mails.push({
            ...readMessage(raw),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
          });
          callback();
        };
        if (delay > 0) setTimeout(accept, delay);
        else accept();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actual = (server.server.address() as AddressInfo).port;
  const api: SmtpSink = Object.assign(sink, {
    url: `smtp://127.0.0.1:${actual}`,
    port: actual,
    mails,
    failNext: (n: number) => {
      failures = n;
    },
    setDelay: (ms: number) => {
      delay = ms;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
  return api;
}

function headersOf(block: string): Map<string, string> {
  const unfolded = block.replace(/\r?\n[ \t]+/g, " ");
  const map = new Map<string, string>();
  for (const line of unfolded.split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) map.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return map;
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : decodeQp(text.replace(/_/g, " ")),
    );
}

function decodeQp(text: string): string {
  const bytes: number[] = [];
  const soft = text.replace(/=\r?\n/g, "");
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i]!, "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

function splitHead(raw: string): [string, string] {
  const m = /\r?\n\r?\n/.exec(raw);
  return m ? [raw.slice(0, m.index), raw.slice(m.index + m[0].length)] : [raw, ""];
}

function decodeBody(body: string, encoding: string | undefined): string {
  const enc = (encoding ?? "7bit").toLowerCase();
  if (enc === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (enc === "quoted-printable") return decodeQp(body);
  return body;
}

/** The subject, message id and the text and HTML parts of a raw message. */
export function readMessage(raw: string): Omit<ReceivedMail, "from" | "to" | "raw"> {
  const [head, body] = splitHead(raw);
  const headers = headersOf(head);
  const parts: { type: string; text: string }[] = [];
  const collect = (h: Map<string, string>, b: string) => {
    const type = h.get("content-type") ?? "text/plain";
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (type.toLowerCase().startsWith("multipart/") && boundary) {
      for (const chunk of b.split(`--${boundary}`).slice(1)) {
        if (chunk.startsWith("--")) break;
        const [ph, pb] = splitHead(chunk.replace(/^\r?\n/, ""));
        collect(headersOf(ph), pb);
      }
    } else {
      parts.push({ type: type.toLowerCase(), text: decodeBody(b, h.get("content-transfer-encoding")) });
    }
  };
  collect(headers, body);
  return {
    messageId: headers.get("message-id") ?? "",
    subject: decodeWords(headers.get("subject") ?? ""),
    contentLanguage: headers.get("content-language") ?? null,
    text: parts.find((p) => p.type.startsWith("text/plain"))?.text ?? "",
    html: parts.find((p) => p.type.startsWith("text/html"))?.text ?? "",
  };
}

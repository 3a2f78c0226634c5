// The generated audit log. Events are collected for all initiatives, then written in time order, so that
// `seq` follows time across initiatives as it does in the real log. Compact columns keep 2,000,000 of
// them small.
import type { Database } from "better-sqlite3";
import type { Ev } from "./journey.ts";
import { iso, type Statements } from "./statements.ts";

export class AuditLog {
  #initiative: string[] = [];
  #actor: string[] = [];
  #role: string[] = [];
  #name: string[] = [];
  #from: (string | null)[] = [];
  #to: string[] = [];
  #payload: string[] = [];
  #time: number[] = [];

  get size() {
    return this.#time.length;
  }

  add(initiativeId: string, ev: Ev) {
    this.#initiative.push(initiativeId);
    this.#actor.push(ev.actor);
    this.#role.push(ev.role);
    this.#name.push(ev.name);
    this.#from.push(ev.from);
    this.#to.push(ev.to);
    this.#payload.push(ev.payload);
    this.#time.push(ev.t);
  }

  /**
   * Writes the log in time order. The hash chain is FAKE here (sequential hex, not SHA-256 of the
   * content): this database only serves the benchmark, and sequential keys keep the two unique hash
   * indexes cheap to fill. `npm run audit:verify` would rightly reject it.
   */
  write(w: Database, sql: Statements) {
    const time = this.#time;
    const order = Uint32Array.from({ length: time.length }, (_, i) => i).sort((a, b) => time[a]! - time[b]!);
    const hex = (n: number) => n.toString(16).padStart(64, "0");
    w.transaction(() => {
      let seq = 0;
      for (const i of order) {
        seq++;
        sql.audit.run(
          ...[seq, this.#initiative[i], this.#actor[i], this.#role[i], this.#name[i], this.#from[i], this.#to[i]],
          ...[this.#payload[i], iso(time[i]!), hex(seq - 1), hex(seq)],
        );
      }
    })();
  }
}

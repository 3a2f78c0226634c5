import { describe, expect, it } from "vitest";
import { payloadFields } from "./payload-fields.ts";

describe("an audit payload as labelled fields", () => {
  it("puts the reason code before the reason, types money and dates, and hides book-keeping", () => {
    expect(
      payloadFields({ reason: "Vendor gone", reasonCode: "OTHER", round: 2, division: "DIGITAL_GOVERNMENT" }),
    ).toEqual([
      { key: "reasonCode", known: true, kind: "reasonCode", value: "OTHER" },
      { key: "reason", known: true, kind: "text", value: "Vendor gone" },
      { key: "division", known: true, kind: "division", value: "DIGITAL_GOVERNMENT" },
    ]);
    expect(payloadFields({ amount: 8_500_000, paperRef: "FCR(2026-27)12", date: "2026-11-27" })).toEqual([
      { key: "date", known: true, kind: "date", value: "2026-11-27" },
      { key: "amount", known: true, kind: "money", value: 8_500_000 },
      { key: "paperRef", known: true, kind: "text", value: "FCR(2026-27)12" },
    ]);
  });

  it("reads condition and milestone rows as lines, and leaves blanks out", () => {
    expect(
      payloadFields({
        conditions: [{ text: "Privacy impact assessment", due: "2026-12-31" }, "Pen test"],
        comment: " ",
      }),
    ).toEqual([
      {
        key: "conditions",
        known: true,
        kind: "list",
        value: ["Privacy impact assessment (2026-12-31)", "Pen test"],
      },
    ]);
  });

  it("still shows a field it does not know, under its own name", () => {
    expect(payloadFields({ newThing: { a: 1 }, commentId: "x" })).toEqual([
      { key: "newThing", known: false, kind: "text", value: '{"a":1}' },
    ]);
    expect(payloadFields(null)).toEqual([]);
  });
});

describe("an acting reviewer's entry", () => {
  it("hides the delegator's id and the delegation's id: the entry's sentence names them", () => {
    const fields = payloadFields({
      comment: "Seen",
      onBehalfOf: "cu1",
      delegationId: "cd1",
      division: "DATA_GOVERNANCE",
    });
    expect(fields.map((f) => f.key)).toEqual(["comment", "division"]);
  });
});

import { fieldId, prefixedFields, type FieldErrors } from "~/components/form-fields.tsx";
import { translateFromData } from "~/i18n/t.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";

export type ChangeFormView = {
  plannedEnd?: string | null;
  milestones: { id: string; name: string; due: string; status: string }[];
  funding: { approved?: number | null; blockAllocationLimit: number };
};

/**
 * The owning officer's change request (issue 15): a reason, a new planned end, the open milestones to
 * re-date, rename or remove, one new milestone, and additional funding. Done milestones are listed but
 * cannot be changed. Posts `milestones.N.id/name/due/remove`; the page's action turns them into the list.
 */
export function ChangeRequestFields({ view, errors }: { view: ChangeFormView; errors: FieldErrors }) {
  const t = useT();
  const format = useFormat();
  const id = (name: string) => `REQUEST_CHANGE-${fieldId(name)}`;
  const err = (name: string) => errors[name]?.[0];
  const open = view.milestones.filter((m) => m.status !== "DONE");
  const done = view.milestones.filter((m) => m.status === "DONE");

  const field = prefixedFields(t, "REQUEST_CHANGE", errors);

  const newIndex = open.length;
  return (
    <>
      <p className="hint">{t("changes.form.intro")}</p>
      {field("reason", t("changes.form.reason"), (p) => (
        <textarea rows={3} {...p} />
      ))}
      {field(
        "plannedEnd",
        t("changes.form.plannedEnd"),
        (p) => (
          <input type="date" {...p} />
        ),
        view.plannedEnd ? t("changes.form.currentEnd", { date: format.date(view.plannedEnd) }) : undefined,
      )}
      <fieldset className="field">
        <legend>{t("changes.form.milestones")}</legend>
        <p className="hint">{t("changes.form.milestonesHint")}</p>
        {err("milestones") ? <span className="field-error">{translateFromData(t, err("milestones")!)}</span> : null}
        {done.length > 0 ? (
          <p className="hint">{t("changes.form.doneMilestones", { names: done.map((m) => m.name).join(", ") })}</p>
        ) : null}
        {open.map((m, i) => (
          <div className="condition-row" key={m.id}>
            <input type="hidden" name={`milestones.${i}.id`} value={m.id} />
            {field(`milestones.${i}.name`, t("changes.form.milestoneName", { n: i + 1 }), (p) => (
              <input type="text" defaultValue={m.name} autoComplete="off" {...p} />
            ))}
            {field(`milestones.${i}.due`, t("changes.form.milestoneDue", { n: i + 1 }), (p) => (
              <input type="date" defaultValue={m.due} {...p} />
            ))}
            <div className="checkbox">
              <input type="checkbox" id={id(`milestones.${i}.remove`)} name={`milestones.${i}.remove`} value="on" />
              <label htmlFor={id(`milestones.${i}.remove`)}>{t("changes.form.remove", { n: i + 1 })}</label>
            </div>
          </div>
        ))}
        <div className="condition-row">
          {field(`milestones.${newIndex}.name`, t("changes.form.newMilestone"), (p) => (
            <input type="text" autoComplete="off" {...p} />
          ))}
          {field(`milestones.${newIndex}.due`, t("changes.form.newMilestoneDue"), (p) => (
            <input type="date" {...p} />
          ))}
        </div>
      </fieldset>
      {field(
        "additionalFunding",
        t("changes.form.additionalFunding"),
        (p) => (
          <input type="text" inputMode="numeric" autoComplete="off" {...p} />
        ),
        t("changes.form.fundingNow", {
          amount: format.hkd(view.funding.approved ?? 0),
          limit: format.hkd(view.funding.blockAllocationLimit),
        }),
      )}
    </>
  );
}

import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { assertSameOrigin, safeRedirect } from "~/auth/auth.server.ts";
import { getSessionUser } from "~/auth/session.server.ts";
import { langCookie } from "~/i18n/i18n.server.ts";
import { toLocale } from "~/i18n/locales.ts";
import { saveUserLocale } from "~/users/preferences.server.ts";
import { HttpError, toPageResponse } from "~/utils/http.server.ts";

/** Switches the language and remembers it (cookie, and the user's profile when signed in). */
export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const form = await request.formData();
  const locale = toLocale(String(form.get("lang") ?? ""));
  // Nothing is saved for a language the app does not have.
  if (!locale) throw toPageResponse(new HttpError(400, { key: "errors.badLanguage" }));
  const user = await getSessionUser(request);
  if (user) await saveUserLocale(user.id, locale);
  return redirect(safeRedirect(form.get("redirectTo")), {
    headers: { "Set-Cookie": await langCookie.serialize(locale) },
  });
}

export function loader() {
  return redirect("/");
}

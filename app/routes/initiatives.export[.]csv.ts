import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/auth.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { parseRegisterFilters } from "~/initiatives/initiatives.queries.server.ts";
import { registerCsv } from "~/initiatives/register-csv.server.ts";
import { forPage } from "~/utils/http.server.ts";
import { todayInHongKong } from "~/calendar/hong-kong.ts";
import { getEnv } from "~/utils/env.server.ts";
import { applySecurityHeaders } from "~/utils/security-headers.server.ts";

/** The register the caller may see (same filters as the page) as a CSV download. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "OFFICER", "REVIEWER", "LEADERSHIP");
  const params = new URL(request.url).searchParams;
  params.delete("page");
  params.delete("pageSize");
  return forPage(async () => {
    const csv = await registerCsv(user, parseRegisterFilters(params), await getLocale(request, user.locale));
    const headers = new Headers({
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="initiatives-${todayInHongKong()}.csv"`,
      "Cache-Control": "no-store",
    });
    applySecurityHeaders(headers, getEnv().NODE_ENV === "production");
    return new Response(csv, { headers });
  });
}

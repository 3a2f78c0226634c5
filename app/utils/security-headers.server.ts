/** The Content-Security-Policy for a page: scripts only from this site or with this response's nonce. */
export function contentSecurityPolicy(nonce: string, development: boolean, formTargets: string[] = []): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // Chart libraries set style attributes; styles cannot run code, scripts stay strict.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws://localhost:* ws://127.0.0.1:*" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    // Signing out redirects to the identity provider's end-session endpoint, which form-action governs too.
    `form-action 'self'${formTargets.map((t) => ` ${t}`).join("")}`,
  ].join("; ");
}

/** Headers every response carries, pages and API alike. */
export function applySecurityHeaders(headers: Headers, production: boolean): void {
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "same-origin");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  if (production) headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

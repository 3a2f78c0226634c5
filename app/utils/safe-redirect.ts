const BASE = "http://same-origin.invalid";

/**
 * Control characters (a tab or newline inside "/\t/evil.example" is dropped by browsers, leaving
 * "//evil.example"), any Unicode space (U+3000 included), and backslashes (read as "/" by browsers).
 */
function hasUnsafeCharacter(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f) || char === "\\" || /\s/u.test(char)) return true;
  }
  return false;
}

/**
 * A path on this site to send the user to after signing in or switching language, or `fallback`.
 * Only a same-origin path survives: the value must start with one "/", contain no control characters,
 * spaces or backslashes, and still be on this origin after URL parsing (which resolves "/./", "/../"
 * and percent-encoding the way a browser does). What is returned is the parsed path, so the
 * `Location` header holds exactly what was checked, percent-encoded, and never an invalid header value.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2048) return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || hasUnsafeCharacter(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" parses to the path "//evil.example", which a browser would read as a host.
  if (path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}

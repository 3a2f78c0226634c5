import { ErrorPage } from "~/components/error-page.tsx";

// Any address no other route claims: a real 404 status with the shared error page.
export function loader() {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return <ErrorPage />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

// The HTTP server: static files, then every request through Remix. A small custom server (rather than
// remix-serve) so that loaders see the client's address, which sign-in throttling needs.
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady } from "@remix-run/node";
import express from "express";

// A local .env, when there is one, fills in what the environment does not set.
try {
  process.loadEnvFile(".env");
} catch {}

const BUILD_PATH = path.resolve("build/index.js");

let build;
try {
  build = await import(BUILD_PATH);
} catch (error) {
  // Environment problems are reported by the build's start-up check as a readable list.
  if (error?.name === "EnvError") {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);

// Headers every response carries, including static files and resource routes (CSV, JSON, healthz),
// which Remix's document and data handlers never see. Pages add their Content-Security-Policy.
app.use((req, res, next) => {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "DENY");
  if (process.env.NODE_ENV === "production") {
    res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  next();
});

app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.all(
  "*",
  createRequestHandler({
    build,
    mode: build.mode,
    getLoadContext: (req) => ({ clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
  }),
);

const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => {
  console.log(`Initiative Tracker listening on http://localhost:${port}`);
  if (process.env.NODE_ENV === "development") broadcastDevReady(build);
});

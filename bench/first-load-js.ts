import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

export interface FirstLoadJs {
  page: string;
  scripts: number;
  rawKb: number;
  gzipKb: number;
}

/**
 * The JavaScript a browser loads for a page's HTML: every `<script src>` (except `noModule`
 * fallbacks, which modern browsers skip) and every `<link rel="preload" as="script">`, once each.
 */
export function listPageScripts(html: string): string[] {
  const found = new Set<string>();
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    if (/\bnomodule\b/i.test(tag)) continue;
    const src = /\bsrc="([^"]+)"/.exec(tag)?.[1];
    if (src) found.add(src);
  }
  for (const tag of html.match(/<link\b[^>]*>/g) ?? []) {
    if (!/\brel="preload"/.test(tag) || !/\bas="script"/.test(tag)) continue;
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (href) found.add(href);
  }
  return [...found];
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

async function measure(
  page: string,
  html: string,
  load: (src: string) => Promise<Buffer>,
): Promise<FirstLoadJs> {
  const scripts = listPageScripts(html);
  let raw = 0;
  let gzip = 0;
  for (const src of scripts) {
    const body = await load(src);
    raw += body.length;
    gzip += zlib.gzipSync(body).length;
  }
  return { page, scripts: scripts.length, rawKb: kb(raw), gzipKb: kb(gzip) };
}

/**
 * First-load JS of pages of a running server, as a first-time visitor gets them (or, with
 * `headers`, a signed-in one). A page that redirects is an error: it would measure another page.
 */
export async function measureServedPages(
  url: string,
  pages: string[],
  headers: Record<string, string> = {},
): Promise<FirstLoadJs[]> {
  const fetchBody = async (target: string) => {
    const response = await fetch(new URL(target, url), { headers, redirect: "manual" });
    if (!response.ok) throw new Error(`bench: GET ${target} answered ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  };
  const results: FirstLoadJs[] = [];
  for (const page of pages) {
    const html = (await fetchBody(page)).toString("utf8");
    results.push(await measure(page, html, fetchBody));
  }
  return results;
}

/**
 * Builds bench/minimal-app (one static `<h1>` page, no code of ours) with the same Next.js and
 * measures its prerendered page the same way: the framework's floor for first-load JS.
 */
export async function measureMinimalPage(root: string): Promise<FirstLoadJs> {
  const app = path.join(root, "bench", "minimal-app");
  const built = spawnSync(
    process.execPath,
    [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"],
    {
      cwd: app,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
      encoding: "utf8",
    },
  );
  if (built.status !== 0) throw new Error(`bench: minimal app build failed\n${built.stdout}`);
  const dist = path.join(app, ".next");
  const html = fs.readFileSync(path.join(dist, "server", "app", "index.html"), "utf8");
  return measure("minimal Next.js page", html, async (src) =>
    fs.readFileSync(path.join(dist, src.replace(/^\/_next\//, ""))),
  );
}

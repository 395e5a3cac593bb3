/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // proxy.ts sees the request as sent: Next.js would otherwise hide the RSC headers (rsc,
  // next-router-state-tree) it has to check. It rewrites nothing, so no URL needs normalizing.
  skipProxyUrlNormalize: true,
  // Native modules: loaded by Node at run time, never bundled. The FSRS optimiser's is loaded by
  // a worker thread (lib/server/study/fsrs-optimiser), which the bundler follows all the same.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "pg",
    "@prisma/adapter-pg",
    "@open-spaced-repetition/binding",
  ],
  experimental: {
    // Our forms send a few fields; Next.js's default of 1 MB per action is more than any needs.
    serverActions: { bodySizeLimit: "64kb" },
    // What Next.js buffers of a body for proxy.ts (10 MB by default) and then hands on: one byte
    // over the largest body cap (DEFAULT_MAX_BODY_BYTES) lets the proxy and the routes see that a
    // body is too large. A route with a larger cap must raise this.
    proxyClientMaxBodySize: 64 * 1024 + 1,
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          {
            key: "Content-Security-Policy",
            value:
              "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
          },
        ],
      },
    ];
  },
};

export default nextConfig;

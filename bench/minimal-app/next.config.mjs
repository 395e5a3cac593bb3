/** The minimal Next.js app `npm run bench` builds to measure the framework's own first-load JS. */
const nextConfig = {};

export default nextConfig;

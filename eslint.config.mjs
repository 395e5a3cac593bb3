import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "bench/minimal-app/.next/**",
      "lib/generated/**",
      "var/**",
      "test-results/**",
      "playwright-report/**",
      "bench/results/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/ban-ts-comment": "error",
    },
  },
  {
    // Bodies are read through lib/server/http.ts, which caps their size before buffering them.
    files: ["app/**/route.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "MemberExpression[object.name='request'][property.name=/^(text|json|formData|arrayBuffer|blob|body|clone)$/]",
          message: "Read the body with parseJsonBody or readBody from lib/server/http.ts.",
        },
      ],
    },
  },
];

export default config;

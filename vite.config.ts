import { gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/**
 * The dashboard's JavaScript budget, gzipped: what the first page downloads (the entry chunk and
 * what it imports) and everything together. Over either, the build fails, so growth is a choice.
 */
const budget = { firstPageKiB: 120, totalKiB: 250 };

function bundleBudget(): Plugin {
  return {
    name: "secg-bundle-budget",
    apply: "build",
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((item) => (item.type === "chunk" ? [item] : []));
      const gzipKiB = new Map(chunks.map((c) => [c.fileName, gzipSync(c.code).length / 1024]));
      const entry = chunks.find((c) => c.isEntry);
      const firstPage = new Set<string>();
      const visit = (fileName: string) => {
        if (firstPage.has(fileName)) return;
        firstPage.add(fileName);
        for (const imported of chunks.find((c) => c.fileName === fileName)?.imports ?? []) visit(imported);
      };
      if (entry) visit(entry.fileName);
      const sum = (names: Iterable<string>) =>
        [...names].reduce((n, name) => n + (gzipKiB.get(name) ?? 0), 0);
      const first = sum(firstPage);
      const total = sum(gzipKiB.keys());
      const lines = [...gzipKiB]
        .sort((a, b) => b[1] - a[1])
        .map(([name, kib]) => `  ${kib.toFixed(1).padStart(7)} kB  ${name}`);
      console.log(
        [
          "JavaScript (gzip):",
          ...lines,
          `  first page ${first.toFixed(1)} kB of ${budget.firstPageKiB} kB; all ${total.toFixed(1)} kB of ${budget.totalKiB} kB`,
        ].join("\n"),
      );
      if (first > budget.firstPageKiB || total > budget.totalKiB) {
        this.error(
          `the dashboard's JavaScript is over its budget (vite.config.ts): first page ${first.toFixed(1)} kB, all ${total.toFixed(1)} kB`,
        );
      }
    },
  };
}

// The dashboard is built into dist/web and served by the same Fastify process as the API.
export default defineConfig({
  root: "src/web",
  plugins: [react(), bundleBudget()],
  build: { outDir: "../../dist/web", emptyOutDir: true, reportCompressedSize: true },
  server: { proxy: { "/api": "http://localhost:8080" } },
});

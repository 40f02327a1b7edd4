import { defineConfig } from "drizzle-kit";

// Migrations are generated from the one schema and committed; the store applies them at open.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/workspace/schema.ts",
  out: "./drizzle",
});

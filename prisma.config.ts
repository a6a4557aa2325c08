import { defineConfig } from "prisma/config";

// Read the URL directly (not env()) so `prisma generate` works with no database configured.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});

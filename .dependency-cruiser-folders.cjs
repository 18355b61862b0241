/**
 * STYLE.md's "no cycles" at folder level: no two folders of src/, entities/ and
 * resolvers/ import each other, directly or around a ring, type-only imports
 * included (a file-level cycle check does not see loaders/ and queries/
 * importing each other through different files).
 *
 * The files at the root of src/ are left out: they are not one folder but the
 * composition root (app.ts, main.ts, context.ts) and the leaves every layer uses
 * (errors.ts, logger.ts, config.ts...), and .dependency-cruiser.cjs gives each of
 * them its own rule.
 */
const base = require("./.dependency-cruiser.cjs");

module.exports = {
  forbidden: [
    {
      name: "no-folder-cycles",
      comment: "Folders import in one direction only (see the layers in .dependency-cruiser.cjs).",
      severity: "error",
      scope: "folder",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    ...base.options,
    exclude: { path: ["^(dist|node_modules)/", "^src/[^/]+\\.ts$"] },
  },
};

/*
 * Jest global setup: the playground tests need the browser bundle in
 * dist/playground/. Builds it when missing or older than its sources (about
 * half a second), so `npm test` works on a fresh clone without `npm run build`.
 */
const { buildPlaygroundIfStale } = require("../../playground/build");

module.exports = async function buildPlaygroundBundle() {
  await buildPlaygroundIfStale();
};

/*
 * Jest global setup of the browser tests: the playground's bundle (served by
 * the gateway) and the live widget's (served by the test), each built when
 * missing or older than its sources, so a fresh clone passes `npm run test:browser`.
 */
const { buildPlaygroundIfStale } = require("../../playground/build");
const { buildLiveWidgetIfStale } = require("../../examples/live-widget/build");

module.exports = async function buildBrowserBundles() {
  await Promise.all([buildPlaygroundIfStale(), buildLiveWidgetIfStale()]);
};

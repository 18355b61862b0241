/**
 * A Jest transform for the OTLP exporter's two files that load node:http with
 * import() (so that instrumentation may patch it first). Jest runs modules in
 * a vm sandbox that refuses a dynamic import() without Node's
 * --experimental-vm-modules; these get require() instead. Tests only: the
 * gateway itself runs the exporter as published.
 */
module.exports = {
  process(source) {
    return { code: source.replace(/\bimport\((['"])(https?)\1\)/g, "Promise.resolve(require('$2'))") };
  },
};

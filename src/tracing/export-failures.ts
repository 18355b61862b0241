import { ExportResultCode, type ExportResult } from "@opentelemetry/core";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";
import type { Logger } from "../logger";

/**
 * The exporter, with its failures in the gateway's log: the SDK reports them
 * only to its own diagnostic logger, which is silent unless installed
 * process-wide. Logged once when exporting starts failing (the batch is
 * dropped, and the next ones until the collector answers), once when it works again.
 */
export function logExportFailures(exporter: SpanExporter, logger: Logger): SpanExporter {
  let failing = false;
  return {
    export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void) {
      exporter.export(spans, (result) => {
        if (result.code !== ExportResultCode.SUCCESS) {
          if (!failing) {
            logger.warn(
              { error: result.error?.message },
              "could not export spans to the OTLP endpoint; dropping them until it answers",
            );
          }
          failing = true;
        } else if (failing) {
          failing = false;
          logger.info("exporting spans to the OTLP endpoint again");
        }
        resultCallback(result);
      });
    },
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
  };
}

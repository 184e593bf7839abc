export {
  Printer,
  DEFAULT_CONCURRENCY,
  DEFAULT_EXECUTABLE_PATH,
  DEFAULT_TIMEOUT_MS,
  type PrinterOptions,
  type PrintJob,
  type HtmlPrintJob,
  type PrinterEvent,
} from './print/printer.js';
export { PrintError, type PrintErrorCode } from './print/errors.js';
export type { Cookie } from './print/tab.js';
export { FONT_CSS, FONT_STACK } from './print/fonts.js';

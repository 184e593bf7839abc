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
export { inlineAssets } from './assets.js';
export { countryReport, countryReportPdf, regionalReport, regionalReportPdf, type ReportDeps, type ReportPage, type ReportPdf } from './service.js';
export { countryReportModel, type CountryReportModel, type CountryReportInput } from './country.js';
export { regionalReportModel, type RegionalReportModel, type RegionalReportInput } from './regional.js';
export { renderCountryReport, renderRegionalReport } from './render.js';
export { obligationWords, concernWords } from './format.js';

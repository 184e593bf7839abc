import type { PDFOptions } from 'puppeteer-core';
import { FONT_STACK } from './fonts.js';

/**
 * The sheet every report is printed on: A4 with room above and below for the running header
 * (report title) and footer (page X of Y). Report stylesheets should keep `@page` margins at
 * least this large, or the header and footer are drawn over the text.
 */
export const MARGIN_MM = { top: 20, bottom: 20, left: 15, right: 15 } as const;
const A4_WIDTH_MM = 210;
const A4_HEIGHT_MM = 297;
const CSS_PX_PER_MM = 96 / 25.4;

/**
 * The tab's viewport is the printable width of the sheet, so that anything the page measures with
 * script before printing (chart.js sizes its canvas in px from its box) is measured at the width
 * it is printed at; otherwise a 100%-wide chart is drawn at screen width and overflows the sheet.
 */
export const VIEWPORT = {
  width: Math.round((A4_WIDTH_MM - MARGIN_MM.left - MARGIN_MM.right) * CSS_PX_PER_MM),
  height: Math.round((A4_HEIGHT_MM - MARGIN_MM.top - MARGIN_MM.bottom) * CSS_PX_PER_MM),
};

/**
 * Header and footer are separate little documents: they load nothing, inherit no stylesheet and
 * default to a font size near zero, so everything is inline. The title may be in any of the
 * region's scripts, hence the same Noto stack as the reports.
 */
const FURNITURE_STYLE =
  `font-family:${FONT_STACK};font-size:8px;color:#555;width:100%;box-sizing:border-box;` +
  `padding:0 ${MARGIN_MM.right}mm 0 ${MARGIN_MM.left}mm;-webkit-print-color-adjust:exact;print-color-adjust:exact`;

export function pdfOptions(title: string, timeoutMs: number): PDFOptions {
  return {
    format: 'A4',
    printBackground: true,
    preferCSSPageSize: true,
    displayHeaderFooter: true,
    headerTemplate:
      `<div style="${FURNITURE_STYLE};text-align:left;white-space:nowrap;overflow:hidden;text-overflow:ellipsis">` +
      `${escapeHtml(title)}</div>`,
    footerTemplate:
      `<div style="${FURNITURE_STYLE};text-align:center">` +
      `Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
    margin: {
      top: `${MARGIN_MM.top}mm`,
      bottom: `${MARGIN_MM.bottom}mm`,
      left: `${MARGIN_MM.left}mm`,
      right: `${MARGIN_MM.right}mm`,
    },
    outline: true,
    tagged: true,
    timeout: timeoutMs,
  };
}

/** The title comes from data (a state's name, a round's title): never let it become markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Fonts for the region's scripts, all from Debian's fonts-noto-core and fonts-noto-cjk (installed
 * by .ci/run). Chromium picks a font per character down the list, so one stack covers a page that
 * mixes scripts; the list is explicit because fontconfig's own fallback picks DejaVu Sans for Lao
 * and Arabic, which has the letters but not the shaping a reader expects.
 */
const FAMILIES = [
  'Noto Sans', // Latin (with Vietnamese), Cyrillic (Mongolian), Greek
  'Noto Sans Thai',
  'Noto Sans Khmer',
  'Noto Sans Lao',
  'Noto Sans Myanmar',
  'Noto Sans Bengali',
  'Noto Sans Devanagari',
  'Noto Sans Sinhala',
  'Noto Sans Tamil',
  'Noto Sans Thaana', // Dhivehi (Maldives)
  'Noto Serif Tibetan', // Dzongkha (Bhutan); Debian has no sans Tibetan
  'Noto Naskh Arabic', // Arabic, Persian, Pashto, Dari
  'Noto Sans CJK SC',
];

export const FONT_STACK = `${FAMILIES.map((f) => `'${f}'`).join(', ')}, sans-serif`;

/** Han characters look different in each language: the `lang` of the text picks the right CJK face. */
function cjkFirst(face: string): string {
  return `'Noto Sans', '${face}', ${FONT_STACK}`;
}

/**
 * Stylesheet for report pages: the stack above, and per-language faces where one script has
 * several styles. Debian's NotoNastaliqUrdu-Bold.ttf declares the regular weight, so by family
 * name Chromium may take the bold file for body text; naming each file by its PostScript name
 * gives the right weight.
 */
export const FONT_CSS = `@font-face { font-family: 'Report Nastaliq'; src: local('NotoNastaliqUrdu-Regular'); font-weight: 400; }
@font-face { font-family: 'Report Nastaliq'; src: local('NotoNastaliqUrdu-Bold'); font-weight: 700; }
html { font-family: ${FONT_STACK}; }
:lang(ja) { font-family: ${cjkFirst('Noto Sans CJK JP')}; }
:lang(ko) { font-family: ${cjkFirst('Noto Sans CJK KR')}; }
:lang(zh-Hant), :lang(zh-TW) { font-family: ${cjkFirst('Noto Sans CJK TC')}; }
:lang(zh-HK), :lang(zh-MO) { font-family: ${cjkFirst('Noto Sans CJK HK')}; }
:lang(ur) { font-family: 'Noto Sans', 'Report Nastaliq', ${FONT_STACK}; line-height: 2.2; }
`;

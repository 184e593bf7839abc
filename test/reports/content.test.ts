import { expect } from 'chai';
import { loadRoundScores, loadSampleData, type RoundScores } from '../../assessments/index.js';
import { countryReportModel, regionalReportModel, renderCountryReport, renderRegionalReport, type CountryReportModel } from '../../reports/index.js';
import { loadDefaultRubric, type CompiledRubric } from '../../rubric/index.js';
import type { Comparison } from '../../scoring/index.js';
import { openTestStore, type TestStore } from '../support/stores.js';

const PAYLOAD = '<script>alert(1)</script>';
const GENERATED = new Date('2026-11-23T12:00:00Z');

/** Text as a browser shows it: tags dropped, the few entities the templates produce decoded, spaces squeezed. */
function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<\/?span[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

const squeeze = (text: string) => text.replace(/\s+/g, ' ');

describe('report content: view models and HTML of the country and regional reports', function () {
  this.timeout(60_000);
  let test: TestStore;
  let rubric: CompiledRubric;
  let scores: RoundScores;
  let xa: number;

  const modelFor = (code: string, overrides: Partial<{ scores: RoundScores; snapshotHash: string | null }> = {}): CountryReportModel => {
    const s = overrides.scores ?? scores;
    const entry = s.cards.find((c) => c.state.code === code)!;
    return countryReportModel({ scores: s, assessmentId: entry.assessmentId, rubric, generatedAt: GENERATED, snapshotHash: overrides.snapshotHash ?? null });
  };

  /** The round as if its states were real and the given one published: what a real, final report is made from. */
  const realRound = (published: string): RoundScores => ({
    ...scores,
    round: { ...scores.round, isSample: false },
    cards: scores.cards.map((c) => ({ ...c, state: { ...c.state, sample: false }, status: c.state.code === published ? 'published' : c.status })),
    comparison: { ...scores.comparison!, sample: false },
  });

  before(async () => {
    test = await openTestStore('pglite');
    rubric = await loadDefaultRubric();
    await loadSampleData(test.store, rubric);
    const roundId = (await test.store.query<{ id: number }>(`SELECT id FROM rounds WHERE slug = 'sample-2025'`))[0]!.id;
    xa = (await test.store.query<{ id: number }>(`SELECT id FROM assessments WHERE state_code = 'XA' AND round_id = $1`, [roundId]))[0]!.id;
    await test.store.query(
      `UPDATE answers SET document = jsonb_set(document, '{citations}', $2::jsonb) WHERE assessment_id = $1 AND indicator_id = 'CRIM-OFFENCE'`,
      [xa, JSON.stringify([{ instrument: 'Penal Code (SAMPLE)', provision: 's. 1', year: 2020, excerpt: `Section 1. ${PAYLOAD}`, language: 'en' }])],
    );
    await test.store.query(`UPDATE answers SET document = document || '{"status":"answered","value":2}'::jsonb WHERE assessment_id = $1 AND indicator_id = 'CRIM-OFFENCE'`, [xa]);
    scores = (await loadRoundScores(test.store, roundId, () => Promise.resolve(rubric)))!;
  });
  after(async () => {
    await test?.dispose();
  });

  describe('the country report', () => {
    it('prints the score card’s own figures: overall, every pillar, and the gaps in priority order', () => {
      const card = scores.cards.find((c) => c.state.code === 'XA')!.card;
      const model = modelFor('XA');
      expect(model.summary.overall.text).to.equal(String(Math.round(card.overall.score!)));
      expect(model.summary.pillars.map((p) => [p.id, p.figure.score])).to.deep.equal(card.pillars.map((p) => [p.pillarId, p.score]));
      expect(model.summary.topGaps.map((g) => g.indicatorId)).to.deep.equal(card.gaps.slice(0, 5).map((g) => g.indicatorId));
      const listed = model.recommendations.flatMap((group) => group.items);
      expect(listed.map((g) => g.indicatorId).sort()).to.deep.equal(card.gaps.map((g) => g.indicatorId).sort());
      expect(listed.map((g) => g.number)).to.deep.equal(listed.map((_, i) => i + 1));
    });

    it('lists mandatory gaps first, then the measures to consider, then opportunities, each group in priority order', () => {
      const card = scores.cards.find((c) => c.state.code === 'XA')!.card;
      const model = modelFor('XA');
      expect(model.recommendations.map((g) => g.id)).to.deep.equal(['mandatory', 'consider', 'opportunity']);
      const rank = new Map(card.gaps.map((g, i) => [g.indicatorId, i]));
      for (const group of model.recommendations) {
        const order = group.items.map((g) => rank.get(g.indicatorId)!);
        expect(order).to.deep.equal([...order].sort((a, b) => a - b));
      }
      const obligationOf = new Map(card.gaps.map((g) => [g.indicatorId, g]));
      expect(model.recommendations[0]!.items.every((g) => obligationOf.get(g.indicatorId)!.obligation === 'mandatory')).to.equal(true);
      expect(model.recommendations[2]!.items.every((g) => obligationOf.get(g.indicatorId)!.kind === 'opportunity')).to.equal(true);
    });

    it('sets the state against the regional and sub-regional means of its round', () => {
      const model = modelFor('XA');
      const stats = scores.comparison!.pillars.statistics;
      for (const row of model.comparison.pillars) {
        const s = stats.find((x) => x.column === row.id)!;
        expect(row.region.score).to.equal(s.region.mean);
        expect(row.subregion.score).to.equal(s.subregions.find((x) => x.subregion === 'south-east-asia')!.statistics.mean);
      }
    });

    it('prints every gap’s recommendation and every missing element’s', async () => {
      const card = scores.cards.find((c) => c.state.code === 'XA')!.card;
      const text = visibleText(await renderCountryReport(modelFor('XA')));
      for (const gap of card.gaps) {
        for (const advice of [gap.recommendation, ...gap.missingElements.map((e) => e.recommendation)].filter((r): r is string => !!r)) {
          expect(text, gap.indicatorId).to.contain(squeeze(advice));
        }
      }
    });

    it('keeps hyphenated words of the advice on one line, so the PDF reads them back whole', async () => {
      const html = await renderCountryReport(modelFor('XA'));
      expect(html).to.contain('<span class="nowrap">non-punishment</span>');
    });

    it('prints markup in a legal excerpt as text, never as markup', async () => {
      const html = await renderCountryReport(modelFor('XA'));
      expect(html).not.to.contain(PAYLOAD);
      expect(html).to.contain('Section 1. &lt;script&gt;alert(1)&lt;/script&gt;');
      expect(visibleText(html)).to.contain(`Section 1. ${PAYLOAD}`);
    });

    it('quotes the law verbatim in a blockquote marked with the citation’s language', async () => {
      const html = await renderCountryReport(modelFor('XA'));
      expect(html).to.match(/<blockquote lang="(th|km|vi|id)" dir="auto">/);
      const thai = scores.cards.flatMap((c) => Object.values(c.answers as Record<string, { citations?: { language?: string; excerpt?: string }[] }>))
        .flatMap((a) => a.citations ?? []).find((c) => c.language === 'th')!;
      const withThai = scores.cards.find((c) => JSON.stringify(c.answers).includes(thai.excerpt!))!;
      expect(await renderCountryReport(modelFor(withThai.state.code))).to.contain(`<blockquote lang="th" dir="auto">${thai.excerpt}</blockquote>`);
    });

    it('carries chart data as JSON that no text can end early', async () => {
      const model = modelFor('XA');
      const hostile = { ...model, state: { ...model.state, name: '</script><b>x' }, comparison: { ...model.comparison, chart: { label: '</script><b>x' } } };
      const html = await renderCountryReport(hostile);
      const json = /<script type="application\/json" id="chart-pillars-XA">([^<]*)<\/script>/.exec(html);
      expect(json, 'the chart data block').not.to.equal(null);
      expect(JSON.parse(json![1]!)).to.deep.equal({ label: '</script><b>x' });
    });

    it('marks a SAMPLE draft with both watermarks on every page, and a published real report with neither', async () => {
      const draft = await renderCountryReport(modelFor('XA'));
      expect(draft).to.match(/<div class="watermark[^"]*" data-label="SAMPLE" aria-hidden="true"><\/div>/);
      expect(draft).to.match(/<div class="watermark[^"]*" data-label="DRAFT" aria-hidden="true"><\/div>/);

      const published = await renderCountryReport(modelFor('XA', { scores: realRound('XA'), snapshotHash: 'a'.repeat(64) }));
      expect(published).not.to.contain('class="watermark');
      expect(published).not.to.match(/\bDRAFT\b/);
      // The generated answers still say SAMPLE in their text; the report itself no longer does.
      expect(published).not.to.contain('flag-sample');
      expect(published).to.contain('a'.repeat(64));

      const realDraft = await renderCountryReport(modelFor('XA', { scores: realRound('XB') }));
      expect(realDraft).to.contain('data-label="DRAFT"');
      expect(realDraft).not.to.contain('data-label="SAMPLE"');
    });

    it('links only the app’s own report assets', async () => {
      const html = await renderCountryReport(modelFor('XA'));
      const urls = [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]);
      expect(urls.sort()).to.deep.equal(['/reports/fonts.css', '/static/charts.js', '/static/report.css', '/vendor/chart.umd.min.js', 'data:,']);
      expect(html).to.match(/^<!DOCTYPE html>\n<html lang="en">/);
    });

    it('writes every answer into the annex in words', () => {
      const model = modelFor('XA');
      const entries = model.annex.flatMap((p) => p.entries);
      expect(entries).to.have.length(rubric.indicators.length);
      const offence = entries.find((e) => e.id === 'CRIM-OFFENCE')!;
      expect(offence.answer[0]).to.match(/^Limited offence \(level 2 of 3\)/);
      expect(offence.citations[0]!.excerpt).to.equal(`Section 1. ${PAYLOAD}`);
    });
  });

  describe('the regional report', () => {
    it('shares a rank between equal scores and skips the next (1, 2=, 2=, 4)', () => {
      const comparison = scores.comparison!;
      const [first, second, third, fourth] = comparison.states;
      const tied: Comparison = {
        ...comparison,
        ranking: [
          { state: first!, score: 90, rank: 1 },
          { state: second!, score: 80, rank: 2 },
          { state: third!, score: 80, rank: 2 },
          { state: fourth!, score: 70, rank: 4 },
          ...comparison.ranking.filter((r) => ![first, second, third, fourth].includes(r.state)).map((r) => ({ ...r, rank: r.rank === null ? null : r.rank + 4 })),
        ],
      };
      const model = regionalReportModel({ scores: { ...scores, comparison: tied }, rubric, generatedAt: GENERATED });
      expect(model.ranking.slice(0, 4).map((r) => [r.rank, r.tied])).to.deep.equal([['1', false], ['2=', true], ['2=', true], ['4', false]]);
      expect(model.tiedRanks).to.equal(1);
    });

    it('ranks the round as scoring ranked it, every state once, with a summary line each', async () => {
      const model = regionalReportModel({ scores, rubric, generatedAt: GENERATED });
      expect(model.ranking.map((r) => r.position)).to.deep.equal(scores.comparison!.ranking.map((r) => r.rank));
      expect(model.stateLines).to.have.length(scores.cards.length);
      expect(model.heatmap).to.have.length(scores.cards.length);
      const text = visibleText(await renderRegionalReport(model));
      for (const card of scores.cards) expect(text).to.contain(card.state.name);
    });

    it('groups every provision of the comparison under exactly one pillar', () => {
      const model = regionalReportModel({ scores, rubric, generatedAt: GENERATED });
      const ids = model.provisionMatrices.flatMap((m) => m.columns.map((c) => c.id));
      expect([...ids].sort()).to.deep.equal([...scores.comparison!.provisions.columns].sort());
    });

    it('marks a SAMPLE round with the SAMPLE watermark, and a real round without', async () => {
      expect(await renderRegionalReport(regionalReportModel({ scores, rubric, generatedAt: GENERATED }))).to.contain('data-label="SAMPLE"');
      const real = await renderRegionalReport(regionalReportModel({ scores: realRound('XA'), rubric, generatedAt: GENERATED }));
      expect(real).not.to.contain('class="watermark');
    });

    it('names the most common treaty gaps as programme priorities, most weighted first', () => {
      const model = regionalReportModel({ scores, rubric, generatedAt: GENERATED });
      const expected = scores.comparison!.commonGaps.filter((g) => g.kind === 'gap' && g.statesShort > 0).slice(0, 10);
      expect(model.commonGaps.map((g) => g.provision.id)).to.deep.equal(expected.map((g) => g.provisionId));
    });
  });
});

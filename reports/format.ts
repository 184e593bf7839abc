/** Words and numbers as both reports print them, so the two say the same thing the same way. */
import type { AssessmentStatus } from '../assessments/index.js';
import type { Concern, NotApplicableReason, ObligationLevel, Provision } from '../rubric/index.js';
import type { Finding, Treatment } from '../scoring/index.js';

/** A score as printed: a whole number 0-100, or a dash where there is none. */
export function scoreText(score: number | null | undefined): string {
  return score === null || score === undefined ? '–' : String(Math.round(score));
}

/** A difference of scores with its sign (a real minus, not a hyphen). */
export function deltaText(delta: number | null): string {
  if (delta === null) return '–';
  const rounded = Math.round(delta);
  if (rounded === 0) return '±0';
  return rounded > 0 ? `+${rounded}` : `−${Math.abs(rounded)}`;
}

/** Ten bands of ten points: the class of a heatmap cell or a score bar. */
export function band(score: number | null | undefined): string {
  if (score === null || score === undefined) return 'band-none';
  return `band-${Math.min(4, Math.floor(score / 20))}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "23 November 2026", in UTC so a batch run prints the same date on every machine. */
export function dateText(date: Date): string {
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

export const statusWords: Record<AssessmentStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted for review',
  changes_requested: 'Changes requested',
  approved: 'Approved',
  published: 'Published',
};

export const obligationWords: Record<ObligationLevel, string> = {
  mandatory: 'Mandatory',
  consider: 'Shall consider',
  optional: 'Optional',
  good_practice: 'Good practice',
};

/** The treaty wording behind each level, for the methodology. */
export const obligationWording: Record<ObligationLevel, string> = {
  mandatory: '“shall adopt”, “shall ensure”',
  consider: '“shall consider”, “shall endeavour”',
  optional: '“may”',
  good_practice: 'beyond the treaties (Model Law, ACTIP, OHCHR Principles)',
};

export const findingWords: Record<Finding, string> = { full: 'Full', partial: 'Partial', absent: 'Absent' };

/** A treatment in one or two words, for a badge next to a finding. */
export const treatmentBadge: Record<Treatment, string> = {
  scored: 'Answered',
  moot: 'Not asked',
  unknown: 'Unknown',
  not_answered: 'Not answered',
  invalid: 'Unreadable',
  not_applicable: 'Not applicable',
  recorded: 'Descriptive',
};

/** How the reader should take an indicator that has no finding. */
export const treatmentWords: Record<Treatment, string> = {
  scored: 'Answered',
  moot: 'Not asked: ruled out by the answer it follows from',
  unknown: 'Unknown: the consultant could not establish the law',
  not_answered: 'Not answered',
  invalid: 'Answer not readable (counted as missing)',
  not_applicable: 'Not applicable',
  recorded: 'Recorded (descriptive, not scored)',
};

export const naReasonWords: Record<NotApplicableReason, string> = {
  reservation: 'Reservation to the treaty',
  declaration: 'Declaration to the treaty',
  not_relevant: 'Not relevant to this legal system',
  other: 'Other reason',
};

export const concernWords: Record<Concern, { title: string; intro: string }> = {
  'forced-criminality': {
    title: 'Forced criminality and online scam centres',
    intro:
      'Across the region, people recruited with false job offers are held in compounds and forced to run online fraud. The Protocol’s “forced labour or services” covers exploitation through compelled crime; the law should say so and the victims should be identified as victims, not prosecuted as fraudsters.',
  },
  'non-punishment': {
    title: 'Non-punishment of victims',
    intro:
      'Victims who commit offences as a direct consequence of being trafficked (immigration breaches, document offences, fraud they were compelled to commit) should not be punished for them. The principle is good practice beyond the Protocol, expected by ASEAN ACTIP, the OHCHR Principles and the UNODC Model Legislative Provisions.',
  },
  technology: {
    title: 'Technology-facilitated trafficking',
    intro:
      'Recruitment through social media and messaging apps, online exploitation and digital payments call for investigative powers over electronic evidence, cooperation with platforms and cross-border cooperation that keeps pace with the offenders.',
  },
};

/** "Protocol art. 3(a)", "UNTOC art. 2(b)" or "Good practice": where a reader looks the provision up. */
export function articleRef(provision: Provision): string {
  if (!provision.article) return 'Good practice';
  if (provision.instrument === 'UNTOC') return `UNTOC art. ${provision.article.replace(/^UNTOC\s*/, '')}`;
  return `Protocol art. ${provision.article}`;
}

/** A language tag fit for a `lang` attribute, or null (the text then takes the report's language). */
export function languageTag(tag: string | undefined): string | null {
  return tag && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag) ? tag : null;
}

/** The first characters of a content hash, as printed next to it for a reader to compare by eye. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

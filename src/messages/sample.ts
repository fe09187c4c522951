/** What qwh says for `sample`. */
export const SAMPLE_MESSAGES = {
  v1Incomplete:
    'webhook 1.0 never sent incomplete participations, so there is no 1.0 sample of one',
  v1IncompleteHint: 'Use --version 2 --state incomplete, or --state complete.',
} as const;

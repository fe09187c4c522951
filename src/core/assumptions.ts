/**
 * Every fact qwh relies on that Qualifio's documentation does NOT state (DOMAIN.md "[assumed]").
 * Each lives here once, so a real capture that disagrees is fixed in one edit.
 */

/** [assumed] The signature digest is lower-case hex (the docs say only "sha256=" + HMAC-SHA256). */
export const SIGNATURE_DIGEST_ENCODING = 'hex' as const;

/** [doc] Header carrying the signature, and the prefix of its value. */
export const SIGNATURE_HEADER = 'x-qualifio-signature';
export const SIGNATURE_PREFIX = 'sha256=';

/** [assumed] The HMAC key is the secret's UTF-8 bytes, exactly as typed in the back office. */
export const SECRET_ENCODING = 'utf8' as const;

/** [assumed] State of a participation that was not completed (docs show only "COMPLETED"). */
export const STATE_COMPLETED = 'COMPLETED';
export const STATE_INCOMPLETE = 'INCOMPLETE';

/** [assumed] An incomplete participation has no completedAt (absent or ""). */
export const INCOMPLETE_HAS_COMPLETED_AT = false;

/**
 * [assumed] `campaign.channel.publishType` values samples send. The published example shows only
 * "widget" [doc]; public material names the publication channels Widget/iframe, Minisite and
 * Mobile, but not the values they are sent as, so samples send only the documented one. The
 * 2.0 model does not restrict the value (a receiver must accept any text).
 */
export const SAMPLE_PUBLISH_TYPES = ['widget'] as const;

/** [assumed] 1.0 sent a file-upload field as the URL of the uploaded file. */
export const V1_FILE_UPLOAD_AS_URL = true;

/** [assumed] Qualifio does not follow redirects: a 3xx answer is a failed delivery. */
export const REDIRECT_IS_FAILURE = true;

/** [assumed] A push rule with destination null is an exclusion: nothing is pushed for its target. */
export const NULL_DESTINATION_IS_EXCLUSION = true;

/** [assumed] Push-rule precedence, most specific first: campaign > Master Form > website > default. */
export const RULE_PRECEDENCE = ['campaign', 'masterForm', 'website', 'default'] as const;

/**
 * [assumed] Several push rules at the same level on the same target (a 1.0 rule and its 2.0
 * twin) all apply: the participation is pushed to each of their destinations. The back office
 * adds one destination per rule ("Under Push destination, select a third-party service") and the
 * docs say nothing of two rules on one target, so a 2.0 twin is a second rule beside the 1.0
 * one, not a second destination on it. When false, only the first such rule would apply.
 */
export const SAME_TARGET_RULES_ALL_APPLY = true;

/** [assumed] 1.0 credentials lived in the URL: user:pass@host, or a token in the query string. */
export const V1_CREDENTIALS_IN_URL = true;

/** [assumed] Query parameter names that look like credentials in a 1.0 URL. */
export const TOKEN_QUERY_PARAM =
  /^(token|access_token|api[_-]?key|apikey|key|secret|auth|sig|signature|password|pass|pwd)$/i;

/**
 * [assumed] Key names of the 1.0 flat payload for participation, campaign and website facts.
 * No public 1.0 sample exists; form fields and opt-ins use the account's own mapping variables.
 */
export const V1_KEYS = {
  participationId: 'participation_id',
  participationDate: 'participation_date',
  campaignId: 'campaign_id',
  campaignTitle: 'campaign_title',
  websiteId: 'website_id',
  websiteName: 'website_name',
} as const;

/** [assumed] 1.0 sent every value as a string (form-encoded bodies cannot carry types). */
export const V1_VALUES_ARE_STRINGS = true;

/** [assumed] Format of the 1.0 participation date: "YYYY-MM-DD HH:mm:ss", UTC. */
export const V1_DATE_FORMAT = 'YYYY-MM-DD HH:mm:ss';

/**
 * Back-office menu paths the migrate runbook names. [doc] Webhook 2.0 and 1.0 live under
 * Settings › Integrations & partners, push rules under Settings › Push rules (support articles
 * 360019398219, 360018994259). [assumed] A website-level webhook is configured on the same page
 * with that website selected.
 */
export const BACK_OFFICE = {
  webhook2: 'Settings › Integrations & partners › Webhook 2.0 › Configure',
  webhook1: 'Settings › Integrations & partners › Webhook 1.0',
  pushRules: 'Settings › Push rules',
  addRule: 'Add a rule',
} as const;

/**
 * [doc] Qualifio pushes incomplete participations 60 minutes after they started. [assumed] A
 * dual run observed for that long after `configured` (first to last capture) has seen every
 * kind of push at least once, so an empty 1.0-only list over it means no participation is lost.
 */
export const RECONCILE_WINDOW_MINUTES = 60;

/**
 * [assumed] An anonymous campaign's participation carries no form (2.0 `form` is empty; 1.0
 * has no mapping variables beyond V1_KEYS): [doc] anonymous campaigns collect no identity.
 * `qwh simulate` makes anonymous participations this way, and observe tells a participation's
 * campaign mode by it when routing it (a website rule has a campaign mode).
 */
export const ANONYMOUS_HAS_NO_FORM = true;

/**
 * [doc] After a secret is changed, Qualifio may keep signing with the old one (cached) for up to
 * 30 minutes: `--previous-secret-env/-file` accept it over that window.
 */
export const SECRET_CACHE_MINUTES = 30;

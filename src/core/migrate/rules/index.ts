import { disableV1Rule } from './disable-v1.js';
import { existingV2Rule } from './existing-v2.js';
import { incompleteParticipationsRule } from './incomplete-participations.js';
import { insecureHostRule } from './insecure-host.js';
import { noPushRulesRule } from './no-push-rules.js';
import { pushRuleTwinsRule } from './push-rule-twins.js';
import type { ConversionRule } from './rule.js';
import { secretRule } from './secret.js';
import { unknownTargetsRule } from './unknown-targets.js';
import { v1UrlToHostRule } from './v1-url-to-host.js';
import { v2NameRule } from './v2-name.js';

/** The conversion rules, in the order they run (explicit: no folder scanning). */
export const CONVERSION_RULES: readonly ConversionRule[] = [
  existingV2Rule,
  v2NameRule,
  v1UrlToHostRule,
  secretRule,
  incompleteParticipationsRule,
  insecureHostRule,
  pushRuleTwinsRule,
  unknownTargetsRule,
  noPushRulesRule,
  disableV1Rule,
];
